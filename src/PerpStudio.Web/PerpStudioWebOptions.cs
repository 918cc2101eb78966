namespace PerpStudio.Web;

/// <summary>Settings of the web frontend, read from the section <c>PerpStudio:Frontend</c>.</summary>
public sealed class PerpStudioWebOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "PerpStudio:Frontend";

    /// <summary>
    /// Offer a demo wallet: a private key generated on the server for each browser, signing the sign-in challenge on the
    /// server, so the sign-in flow runs without a wallet extension (demos and tests). Off in production.
    /// </summary>
    public bool DemoWallet { get; set; } = true;

    /// <summary>Mark cookies Secure (behind TLS).</summary>
    public bool SecureCookies { get; set; }

    /// <summary>How often an open page checks its operator's branding for changes.</summary>
    public TimeSpan BrandPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an operator console sign-in lasts.</summary>
    public TimeSpan ConsoleSessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The EIP-155 chain id asked of wallets at sign-in.</summary>
    public long ChainId { get; set; } = 1;

    /// <summary>
    /// The request header a trusted edge sets to the visitor's ISO 3166-1 country code (Cloudflare's by default); sign-in
    /// refuses the operator's blocked regions. Only trust it when every request comes through that edge.
    /// </summary>
    public string RegionHeader { get; set; } = "CF-IPCountry";
}
