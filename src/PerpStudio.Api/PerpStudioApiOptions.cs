namespace PerpStudio.Api;

/// <summary>
/// Settings of the API, bound from the configuration section <c>PerpStudio:Api</c>
/// (e.g. <c>PerpStudio:Api:PlatformKey</c>, <c>PerpStudio:Api:RateLimits:PerCredential:Burst</c>).
/// </summary>
public sealed class PerpStudioApiOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string SectionName = "PerpStudio:Api";

    /// <summary>
    /// The platform bootstrap key (sent in <c>x-api-key</c>) allowed to create operators. Empty disables it.
    /// It should be a high-entropy secret of at least 32 characters.
    /// </summary>
    public string PlatformKey { get; set; } = string.Empty;

    /// <summary>The platform's own domain: an operator with subdomain <c>acme</c> is served at <c>acme.{PlatformDomain}</c>.</summary>
    public string PlatformDomain { get; set; } = "perpstudio.localhost";

    /// <summary>The scheme used in sign-in URIs (<c>https</c> in production).</summary>
    public string SignInScheme { get; set; } = "https";

    /// <summary>The statement wallets show at sign-in.</summary>
    public string SignInStatement { get; set; } = "Sign in to trade.";

    /// <summary>How long a sign-in challenge (its nonce) may be used.</summary>
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a session token is valid after sign-in.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The interval between heartbeats on idle account event streams.</summary>
    public TimeSpan StreamHeartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often market-data streams poll marks for changes.</summary>
    public TimeSpan MarkPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The request header a trusted edge sets to the client's ISO 3166-1 country code (Cloudflare's by default); sign-in
    /// checks it against the operator's blocked regions. Only trust it when every request comes through that edge.
    /// </summary>
    public string RegionHeader { get; set; } = "CF-IPCountry";

    /// <summary>Rate limits per credential, per trader address and per anonymous peer.</summary>
    public RateLimitOptions RateLimits { get; set; } = new();
}

/// <summary>Token-bucket limits applied in a gRPC call filter; a refused call gets RESOURCE_EXHAUSTED.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Turns rate limiting off entirely (load tests).</summary>
    public bool Disabled { get; set; }

    /// <summary>Per API key or session.</summary>
    public TokenBucketSettings PerCredential { get; set; } = new() { PermitsPerPeriod = 50, Burst = 100 };

    /// <summary>Per trader address, across all of its credentials.</summary>
    public TokenBucketSettings PerAddress { get; set; } = new() { PermitsPerPeriod = 50, Burst = 100 };

    /// <summary>Per peer IP for calls without a credential (sign-in).</summary>
    public TokenBucketSettings Anonymous { get; set; } = new() { PermitsPerPeriod = 10, Burst = 20 };
}

/// <summary>One token bucket: <see cref="Burst"/> calls at once, refilled with <see cref="PermitsPerPeriod"/> every <see cref="Period"/>.</summary>
public sealed class TokenBucketSettings
{
    /// <summary>Tokens added each period.</summary>
    public int PermitsPerPeriod { get; set; } = 50;

    /// <summary>The refill period (default one second).</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The bucket's size.</summary>
    public int Burst { get; set; } = 100;
}
