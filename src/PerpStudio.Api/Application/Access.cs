using PerpStudio.Api.Errors;

namespace PerpStudio.Api.Application;

/// <summary>The checks every application service starts with: who may call what, confined to which operator and trader.</summary>
public static class Access
{
    /// <summary>The caller's account key; the caller must act for a trader and hold <paramref name="scope"/>.</summary>
    public static string RequireTrader(CallerContext caller, ApiScopes scope)
    {
        ArgumentNullException.ThrowIfNull(caller);
        RequireCredential(caller);
        if (caller.OperatorId is null || caller.Trader is null)
        {
            throw new ApiException(ApiError.Denied("trader_credential_required", "this call acts for a trader: use a session or a key bound to a trader"));
        }

        RequireScope(caller, scope);
        return caller.AccountKey;
    }

    /// <summary>The caller's operator; the caller must hold an admin credential of it.</summary>
    public static string RequireAdmin(CallerContext caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        RequireCredential(caller);
        if (caller.OperatorId is null)
        {
            throw new ApiException(ApiError.Denied("operator_credential_required", "this call needs an admin key of an operator"));
        }

        RequireScope(caller, ApiScopes.Admin);
        return caller.OperatorId;
    }

    /// <summary>The caller's operator; any credential of an operator (market data).</summary>
    /// <summary>
    /// The operator whose configuration, keys, users, revenue and audit log the caller may read: an admin key, or a
    /// read-only operator key (the viewer role: analysts, support, accounting). A trader's credential is refused.
    /// </summary>
    public static string RequireOperatorReader(CallerContext caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        RequireCredential(caller);
        if (caller.OperatorId is null)
        {
            throw new ApiException(ApiError.Denied("operator_credential_required", "this call needs an admin or viewer key of an operator"));
        }

        if (caller.Trader is not null || !caller.Has(ApiScopes.Read))
        {
            throw new ApiException(ApiError.Denied("scope_missing", "the credential acts for a trader: reading the operator needs an admin or viewer key"));
        }

        return caller.OperatorId;
    }

    public static string RequireOperator(CallerContext caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        RequireCredential(caller);
        return caller.OperatorId
            ?? throw new ApiException(ApiError.Denied("operator_credential_required", "this call needs a credential of an operator"));
    }

    /// <summary>The caller must hold the platform key.</summary>
    public static void RequirePlatform(CallerContext caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        RequireCredential(caller);
        RequireScope(caller, ApiScopes.Platform);
    }

    private static void RequireCredential(CallerContext caller)
    {
        if (caller.Kind == CredentialKind.None)
        {
            throw new ApiException(ApiError.Unauthenticated("credential_required", "send a session token (authorization: Bearer) or an API key (x-api-key)"));
        }
    }

    private static void RequireScope(CallerContext caller, ApiScopes scope)
    {
        if (!caller.Has(scope))
        {
            throw new ApiException(ApiError.Denied("scope_missing", $"the credential lacks the {scope.ToString().ToLowerInvariant()} scope"));
        }
    }
}
