namespace PerpStudio.Api.Tenancy;

/// <summary>
/// Finds the operator (tenant) a request belongs to. The API resolves the operator from the credential; the web
/// frontend and the sign-in challenge resolve it from the request's host name (the operator's subdomain of the
/// platform domain, or one of its custom domains).
/// </summary>
public interface IOperatorResolver
{
    /// <summary>The operator serving <paramref name="host"/> (port and case ignored), or null when no operator does.</summary>
    Task<string?> ResolveByHostAsync(string host);

    /// <summary>True when an operator with this id has been created.</summary>
    Task<bool> ExistsAsync(string operatorId);
}
