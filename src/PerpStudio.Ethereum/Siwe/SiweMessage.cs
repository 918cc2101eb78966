using System.Globalization;
using System.Text;

namespace PerpStudio.Ethereum.Siwe;

/// <summary>
/// The fields of a Sign-In with Ethereum (EIP-4361) message. <see cref="ToMessageText"/> renders the exact text a wallet
/// shows and signs; <see cref="Parse"/> reads such text back, rejecting anything outside the grammar.
/// </summary>
public sealed record SiweMessage
{
    /// <summary>The only version EIP-4361 defines.</summary>
    public const string CurrentVersion = "1";

    /// <summary>Optional URI scheme of the requesting origin (e.g. https); rendered as <c>scheme://domain</c>.</summary>
    public string? Scheme { get; init; }

    /// <summary>The RFC 3986 authority requesting the sign-in (host with optional port).</summary>
    public required string Domain { get; init; }

    /// <summary>The signing account, rendered with its EIP-55 checksum.</summary>
    public required EthereumAddress Address { get; init; }

    /// <summary>Optional human-readable assertion; one line, not empty.</summary>
    public string? Statement { get; init; }

    /// <summary>The RFC 3986 URI that is the subject of the signing.</summary>
    public required string Uri { get; init; }

    /// <summary>Always "1".</summary>
    public string Version { get; init; } = CurrentVersion;

    /// <summary>The EIP-155 chain id the session is bound to.</summary>
    public required long ChainId { get; init; }

    /// <summary>At least 8 alphanumeric characters, issued by the server to stop replays.</summary>
    public required string Nonce { get; init; }

    /// <summary>When the message was made.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>After this instant the signed message must no longer be accepted.</summary>
    public DateTimeOffset? ExpirationTime { get; init; }

    /// <summary>Before this instant the signed message is not yet valid.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>Optional system-specific identifier.</summary>
    public string? RequestId { get; init; }

    /// <summary>URIs the user wishes to have resolved as part of authentication.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>Parses the text a wallet signed.</summary>
    /// <exception cref="SiweFormatException">The text breaks the grammar; the line number says where.</exception>
    public static SiweMessage Parse(string text) => SiweMessageParser.Parse(text);

    /// <summary>Parses without throwing; the error says what is wrong when false.</summary>
    public static bool TryParse(string text, out SiweMessage? message, out string? error)
    {
        try
        {
            message = Parse(text);
            error = null;
            return true;
        }
        catch (SiweFormatException e)
        {
            message = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>The exact EIP-4361 text to present for signing.</summary>
    /// <exception cref="SiweFormatException">A field violates the grammar (e.g. a short nonce or a multi-line statement).</exception>
    public string ToMessageText()
    {
        SiweMessageParser.Validate(this);
        var text = new StringBuilder(512);
        if (Scheme is not null)
        {
            text.Append(Scheme).Append("://");
        }

        text.Append(Domain).Append(SiweMessageParser.Header).Append('\n');
        text.Append(Address.ToString()).Append("\n\n");
        if (Statement is not null)
        {
            text.Append(Statement).Append('\n');
        }

        text.Append('\n');
        text.Append(SiweMessageParser.UriTag).Append(Uri).Append('\n');
        text.Append(SiweMessageParser.VersionTag).Append(Version).Append('\n');
        text.Append(SiweMessageParser.ChainIdTag).Append(ChainId.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append(SiweMessageParser.NonceTag).Append(Nonce).Append('\n');
        text.Append(SiweMessageParser.IssuedAtTag).Append(SiweTimestamp.Format(IssuedAt));
        if (ExpirationTime is { } expiration)
        {
            text.Append('\n').Append(SiweMessageParser.ExpirationTimeTag).Append(SiweTimestamp.Format(expiration));
        }

        if (NotBefore is { } notBefore)
        {
            text.Append('\n').Append(SiweMessageParser.NotBeforeTag).Append(SiweTimestamp.Format(notBefore));
        }

        if (RequestId is not null)
        {
            text.Append('\n').Append(SiweMessageParser.RequestIdTag).Append(RequestId);
        }

        if (Resources.Count > 0)
        {
            text.Append('\n').Append(SiweMessageParser.ResourcesTag);
            foreach (var resource in Resources)
            {
                text.Append("\n- ").Append(resource);
            }
        }

        return text.ToString();
    }

    /// <summary>True when <paramref name="now"/> lies in [NotBefore, ExpirationTime).</summary>
    public bool IsValidAt(DateTimeOffset now) =>
        (ExpirationTime is not { } expiration || now < expiration) && (NotBefore is not { } notBefore || now >= notBefore);
}
