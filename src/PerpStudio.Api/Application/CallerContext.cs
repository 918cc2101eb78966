using PerpStudio.Ethereum;
using PerpStudio.Grains.Abstractions;

namespace PerpStudio.Api.Application;

/// <summary>How the caller proved who it is.</summary>
public enum CredentialKind
{
    /// <summary>No credential: only sign-in is open.</summary>
    None,

    /// <summary>A session token from Sign-In with Ethereum (<c>authorization: Bearer</c>).</summary>
    Session,

    /// <summary>An operator-issued API key (<c>x-api-key</c>).</summary>
    ApiKey,

    /// <summary>The platform bootstrap key from configuration.</summary>
    PlatformKey,
}

/// <summary>What a credential allows.</summary>
[Flags]
public enum ApiScopes
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Read the trader's account and the operator's market data.</summary>
    Read = 1,

    /// <summary>Place and manage orders, move margin, deposit (demo) and withdraw for the trader.</summary>
    Trade = 2,

    /// <summary>Configure the operator and act for any of its traders where the API allows it (operator-side deposits).</summary>
    Admin = 4,

    /// <summary>Create operators (the platform key only).</summary>
    Platform = 8,
}

/// <summary>
/// The authenticated caller every application service takes: the operator (tenant) the credential belongs to, the
/// trader it acts for, and what it may do. Built only from a verified credential, never from request fields.
/// </summary>
/// <param name="OperatorId">The operator the credential belongs to; null for the platform key.</param>
/// <param name="Trader">The trader a session or read/trade key acts for; null for admin and platform keys.</param>
/// <param name="Scopes">What the credential allows.</param>
/// <param name="Kind">The credential's kind.</param>
/// <param name="CredentialId">A stable, non-secret id of the credential (key id, session id), for rate limits and audit.</param>
public sealed record CallerContext(string? OperatorId, EthereumAddress? Trader, ApiScopes Scopes, CredentialKind Kind, string CredentialId)
{
    // the keys derived from the trader, built on first use: a caller serves many calls and each asks for its account key
    private string? _traderId;
    private string? _accountKey;
    private string? _credentialPartition;

    // a copy (`with`) may change the trader: it starts without the derived keys of the original
    private CallerContext(CallerContext original)
    {
        OperatorId = original.OperatorId;
        Trader = original.Trader;
        Scopes = original.Scopes;
        Kind = original.Kind;
        CredentialId = original.CredentialId;
    }

    /// <summary>A caller with no credential.</summary>
    public static readonly CallerContext Anonymous = new(null, null, ApiScopes.None, CredentialKind.None, "anonymous");

    /// <summary>The platform itself (bootstrap key, or the host seeding a demo operator at startup).</summary>
    public static CallerContext Platform(string credentialId) => new(null, null, ApiScopes.Platform, CredentialKind.PlatformKey, credentialId);

    /// <summary>An operator's admin acting from the host or console (e.g. the operator web console after its own sign-in).</summary>
    public static CallerContext OperatorAdmin(string operatorId, string credentialId) =>
        new(operatorId, null, ApiScopes.Read | ApiScopes.Admin, CredentialKind.ApiKey, credentialId);

    /// <summary>A signed-in trader of an operator (session scopes: read and trade).</summary>
    public static CallerContext TraderSession(string operatorId, EthereumAddress trader, string sessionId) =>
        new(operatorId, trader, ApiScopes.Read | ApiScopes.Trade, CredentialKind.Session, sessionId);

    /// <summary>True when every scope in <paramref name="scopes"/> is held.</summary>
    public bool Has(ApiScopes scopes) => (Scopes & scopes) == scopes;

    /// <summary>The trader id used in grain keys: the lower-case 0x address.</summary>
    public string? TraderId => Trader is { } trader ? _traderId ??= trader.ToLowerHex() : null;

    /// <summary>Who did it, as the audit log records it.</summary>
    public string Actor => Trader is { } t ? $"{Kind}:{CredentialId}:{t}" : $"{Kind}:{CredentialId}";

    /// <summary>The trader's account key; only for callers acting for a trader.</summary>
    public string AccountKey => OperatorId is not null && TraderId is { } traderId
        ? _accountKey ??= GrainKeys.Account(OperatorId, traderId)
        : throw new InvalidOperationException("the caller does not act for a trader");

    /// <summary>The credential's rate-limit partition: kind, operator and credential id.</summary>
    internal string CredentialPartition => _credentialPartition ??= $"{Kind}:{OperatorId}:{CredentialId}";

    /// <summary>Equal when the five fields are; the derived keys kept for reuse take no part.</summary>
    public bool Equals(CallerContext? other) =>
        other is not null
        && OperatorId == other.OperatorId
        && Nullable.Equals(Trader, other.Trader)
        && Scopes == other.Scopes
        && Kind == other.Kind
        && CredentialId == other.CredentialId;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(OperatorId, Trader, Scopes, Kind, CredentialId);
}
