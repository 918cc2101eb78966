using System.Collections.Immutable;
using PerpStudio.Api.Application;
using PerpStudio.Domain.Orders;

namespace PerpStudio.Api.Operators;

/// <summary>
/// What the API keeps about an operator beyond the trading configuration the <c>OperatorGrain</c> holds: that it
/// exists, its full branding, domains, feature flags, per-market margin modes, referral codes, API keys and audit log.
/// </summary>
public sealed record OperatorProfile
{
    /// <summary>The operator's id.</summary>
    public string OperatorId { get; init; } = string.Empty;

    /// <summary>Bumped by every accepted change (optimistic concurrency).</summary>
    public long Version { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>How the exchange looks.</summary>
    public BrandingProfile Branding { get; init; } = BrandingProfile.Default;

    /// <summary>The subdomain of the platform domain it is served at.</summary>
    public string Subdomain { get; init; } = string.Empty;

    /// <summary>Further host names it is served at (lower case).</summary>
    public ImmutableArray<string> CustomDomains { get; init; } = [];

    /// <summary>ISO 3166-1 alpha-2 codes refused at sign-in.</summary>
    public ImmutableArray<string> BlockedRegions { get; init; } = [];

    /// <summary>True when a sign-in whose region the edge could not tell is refused too.</summary>
    public bool BlockUnknownRegion { get; init; }

    /// <summary>Frontend features switched on.</summary>
    public FeatureFlags Features { get; init; } = FeatureFlags.Default;

    /// <summary>Margin modes offered per market symbol (markets not listed offer what the operator offers).</summary>
    public ImmutableDictionary<string, ImmutableArray<MarginMode>> MarketModes { get; init; } = ImmutableDictionary<string, ImmutableArray<MarginMode>>.Empty;

    /// <summary>Referral codes.</summary>
    public ImmutableArray<ReferralCodeEntry> ReferralCodes { get; init; } = [];

    /// <summary>API keys issued (digests only).</summary>
    public ImmutableArray<ApiKeyInfo> ApiKeys { get; init; } = [];

    /// <summary>Every admin change, oldest first.</summary>
    public ImmutableArray<AuditRecord> Audit { get; init; } = [];
}

/// <summary>An operator's branding.</summary>
/// <param name="DisplayName">The exchange's name.</param>
/// <param name="Tagline">A one-line tagline.</param>
/// <param name="LogoUrl">Logo URL.</param>
/// <param name="FaviconUrl">Favicon URL.</param>
/// <param name="PrimaryColor">#rrggbb.</param>
/// <param name="AccentColor">#rrggbb.</param>
/// <param name="BackgroundColor">#rrggbb.</param>
/// <param name="FontFamily">CSS font family.</param>
public sealed record BrandingProfile(string DisplayName, string Tagline, string LogoUrl, string FaviconUrl, string PrimaryColor, string AccentColor, string BackgroundColor, string FontFamily)
{
    /// <summary>Unbranded.</summary>
    public static readonly BrandingProfile Default = new("PerpStudio", string.Empty, string.Empty, string.Empty, "#1f6feb", "#f0b90b", "#0b0e11", "system-ui");
}

/// <summary>Frontend features (demo deposits live in the trading configuration).</summary>
/// <param name="OrderBook">Show the order book.</param>
/// <param name="Chart">Show the chart.</param>
/// <param name="OneClickTrading">Orders without a confirmation step.</param>
/// <param name="LeverageSelector">Let traders change leverage.</param>
/// <param name="Leaderboard">Show the leaderboard.</param>
public sealed record FeatureFlags(bool OrderBook, bool Chart, bool OneClickTrading, bool LeverageSelector, bool Leaderboard)
{
    /// <summary>Book, chart and leverage selector on.</summary>
    public static readonly FeatureFlags Default = new(true, true, false, true, false);
}

/// <summary>A referral code and who it rewards.</summary>
/// <param name="Code">The code.</param>
/// <param name="Referrer">The referrer's lower-case 0x address.</param>
public sealed record ReferralCodeEntry(string Code, string Referrer);

/// <summary>An API key as listed (never the key itself).</summary>
/// <param name="KeyId">Public id.</param>
/// <param name="Label">Label.</param>
/// <param name="Scopes">Scopes.</param>
/// <param name="Trader">The trader it acts for, or null for admin keys.</param>
/// <param name="KeyDigest">The SHA-256 of the key, to revoke it.</param>
/// <param name="CreatedAt">When created.</param>
/// <param name="Revoked">True once revoked.</param>
public sealed record ApiKeyInfo(string KeyId, string Label, ApiScopes Scopes, string? Trader, string KeyDigest, DateTimeOffset CreatedAt, bool Revoked);

/// <summary>One admin change.</summary>
/// <param name="Sequence">1, 2, ... per operator.</param>
/// <param name="Time">When.</param>
/// <param name="Actor">Who (credential kind, id and address).</param>
/// <param name="Action">What (the method, e.g. <c>SetFees</c>).</param>
/// <param name="Detail">The change, in a line.</param>
public sealed record AuditRecord(long Sequence, DateTimeOffset Time, string Actor, string Action, string Detail);
