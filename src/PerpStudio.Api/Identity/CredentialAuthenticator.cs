using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using PerpStudio.Api.Application;
using PerpStudio.Api.Errors;
using PerpStudio.Ethereum;
using PerpStudio.Runtime;

namespace PerpStudio.Api.Identity;

/// <summary>
/// Turns the credential a request carries (an <c>x-api-key</c>, or <c>authorization: Bearer</c> with a session token)
/// into a <see cref="CallerContext"/>. Secrets are looked up by their SHA-256 and compared in constant time.
/// </summary>
public sealed class CredentialAuthenticator(IGrainFactory grains, TimeProvider time, IOptions<PerpStudioApiOptions> options)
{
    /// <summary>The metadata key of API keys.</summary>
    public const string ApiKeyHeader = "x-api-key";

    /// <summary>The metadata key of session tokens (<c>Bearer {token}</c>).</summary>
    public const string AuthorizationHeader = "authorization";

    private const string BearerPrefix = "Bearer ";

    private readonly SessionCallers _sessionCallers = new();

    /// <summary>
    /// The caller for the given credentials; <see cref="CallerContext.Anonymous"/> when there are none.
    /// Throws <see cref="ApiException"/> (UNAUTHENTICATED) for a credential that does not verify. The platform key
    /// with <paramref name="operatorId"/> (<c>x-operator-id</c>) acts as that operator's admin (to issue its first keys).
    /// </summary>
    public Task<CallerContext> AuthenticateAsync(string? apiKey, string? authorization, string? operatorId = null) =>
        AuthenticateCallAsync(apiKey, authorization, operatorId).AsTask();

    /// <summary>The caller of a session token (the web frontend keeps the same token in a cookie).</summary>
    public Task<CallerContext> SessionCallerAsync(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SessionCallerByDigestAsync(CredentialSecrets.Digest(token)).AsTask();
    }

    /// <summary>
    /// <see cref="AuthenticateAsync"/> for the gRPC filter, which awaits it once: the lookups' state machines come
    /// from a pool instead of being allocated for every call.
    /// </summary>
    internal ValueTask<CallerContext> AuthenticateCallAsync(string? apiKey, string? authorization, string? operatorId)
    {
        // not async itself: the checks here are synchronous and the lookups below return their own task
        if (apiKey is not null && authorization is not null)
        {
            return ValueTask.FromException<CallerContext>(new ApiException(ApiError.Unauthenticated("ambiguous_credentials", "send either x-api-key or authorization, not both")));
        }

        if (apiKey is not null)
        {
            return ApiKeyCallerAsync(apiKey.Trim(), operatorId);
        }

        if (authorization is not null)
        {
            if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || authorization.Length <= BearerPrefix.Length)
            {
                return ValueTask.FromException<CallerContext>(new ApiException(ApiError.Unauthenticated("authorization_malformed", "authorization must be 'Bearer <session token>'")));
            }

            return SessionCallerByDigestAsync(CredentialSecrets.Digest(authorization.AsSpan(BearerPrefix.Length).Trim()));
        }

        return ValueTask.FromResult(CallerContext.Anonymous);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<CallerContext> SessionCallerByDigestAsync(string digest)
    {
        // the session is read on every call, so a revoked or expired session is refused at once
        var session = await grains.GetGrain<ISessionGrain>(digest).GetAsync();
        if (session is null || !CredentialSecrets.DigestsEqual(session.TokenDigest, digest))
        {
            throw new ApiException(ApiError.Unauthenticated("session_invalid", "the session token is not known"));
        }

        if (session.Revoked)
        {
            throw new ApiException(ApiError.Unauthenticated("session_revoked", "the session was signed out"));
        }

        if (time.GetUtcNow() >= session.ExpiresAt)
        {
            throw new ApiException(ApiError.Unauthenticated("session_expired", $"the session expired at {session.ExpiresAt:O}; sign in again"));
        }

        return _sessionCallers.CallerOf(digest, session);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<CallerContext> ApiKeyCallerAsync(string key, string? operatorId)
    {
        var digest = CredentialSecrets.Digest(key);
        var platformKey = options.Value.PlatformKey;
        if (platformKey.Length > 0 && CredentialSecrets.DigestsEqual(digest, CredentialSecrets.Digest(platformKey)))
        {
            return string.IsNullOrEmpty(operatorId)
                ? CallerContext.Platform("platform")
                : new CallerContext(operatorId, null, ApiScopes.Platform | ApiScopes.Admin | ApiScopes.Read, CredentialKind.PlatformKey, "platform");
        }

        var record = await grains.GetGrain<IApiKeyGrain>(digest).GetAsync();
        if (record is null || !CredentialSecrets.DigestsEqual(record.KeyDigest, digest))
        {
            throw new ApiException(ApiError.Unauthenticated("api_key_invalid", "the API key is not known"));
        }

        if (record.Revoked)
        {
            throw new ApiException(ApiError.Unauthenticated("api_key_revoked", $"the API key {record.KeyId} was revoked"));
        }

        EthereumAddress? trader = record.Trader is null ? null : EthereumAddress.Parse(record.Trader);
        return new CallerContext(record.OperatorId, trader, record.Scopes, CredentialKind.ApiKey, record.KeyId);
    }
}
