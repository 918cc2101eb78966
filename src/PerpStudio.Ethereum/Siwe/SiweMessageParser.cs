using System.Globalization;

namespace PerpStudio.Ethereum.Siwe;

/// <summary>Reads and validates EIP-4361 text line by line, naming the line and the rule each error breaks.</summary>
internal static class SiweMessageParser
{
    public const string Header = " wants you to sign in with your Ethereum account:";
    public const string UriTag = "URI: ";
    public const string VersionTag = "Version: ";
    public const string ChainIdTag = "Chain ID: ";
    public const string NonceTag = "Nonce: ";
    public const string IssuedAtTag = "Issued At: ";
    public const string ExpirationTimeTag = "Expiration Time: ";
    public const string NotBeforeTag = "Not Before: ";
    public const string RequestIdTag = "Request ID: ";
    public const string ResourcesTag = "Resources:";

    public static SiweMessage Parse(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new SiweFormatException("the message is empty");
        }

        var crAt = text.IndexOf('\r', StringComparison.Ordinal);
        if (crAt >= 0)
        {
            throw new SiweFormatException(LineOf(text, crAt), "carriage return found; lines end with LF only");
        }

        var lines = text.Split('\n');
        var cursor = 0;

        string Next(string expecting)
        {
            if (cursor >= lines.Length)
            {
                throw new SiweFormatException(cursor + 1, $"message ends early, expected {expecting}");
            }

            return lines[cursor++];
        }

        var first = Next("the header line");
        if (!first.EndsWith(Header, StringComparison.Ordinal))
        {
            throw new SiweFormatException(1, $"expected \"<domain>{Header}\"");
        }

        var origin = first[..^Header.Length];
        string? scheme = null;
        var schemeEnd = origin.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            scheme = origin[..schemeEnd];
            origin = origin[(schemeEnd + 3)..];
        }

        var addressText = Next("the address");
        EthereumAddress address;
        try
        {
            address = EthereumAddress.Parse(addressText);
        }
        catch (FormatException e)
        {
            throw new SiweFormatException(2, $"invalid address: {e.Message}");
        }

        if (addressText != address.ToString())
        {
            throw new SiweFormatException(2, $"address must be written with its EIP-55 checksum ({address})");
        }

        Expect(Next("an empty line"), "", cursor);
        string? statement = null;
        var afterAddress = Next("the statement or an empty line");
        if (afterAddress.Length > 0)
        {
            statement = afterAddress;
            Expect(Next("an empty line after the statement"), "", cursor);
        }

        var uri = Tagged(Next(UriTag), UriTag, cursor);
        var version = Tagged(Next(VersionTag), VersionTag, cursor);
        var chainIdLine = cursor + 1;
        var chainIdText = Tagged(Next(ChainIdTag), ChainIdTag, cursor);
        if (chainIdText.Length == 0 || !chainIdText.All(char.IsAsciiDigit)
            || !long.TryParse(chainIdText, NumberStyles.None, CultureInfo.InvariantCulture, out var chainId))
        {
            throw new SiweFormatException(chainIdLine, $"chain id \"{chainIdText}\" is not a decimal integer");
        }

        var nonce = Tagged(Next(NonceTag), NonceTag, cursor);
        var issuedAt = Timestamp(Tagged(Next(IssuedAtTag), IssuedAtTag, cursor), cursor, "issued-at");

        DateTimeOffset? expiration = null;
        DateTimeOffset? notBefore = null;
        string? requestId = null;
        var resources = new List<string>();
        if (cursor < lines.Length && lines[cursor].StartsWith(ExpirationTimeTag, StringComparison.Ordinal))
        {
            expiration = Timestamp(lines[cursor++][ExpirationTimeTag.Length..], cursor, "expiration-time");
        }

        if (cursor < lines.Length && lines[cursor].StartsWith(NotBeforeTag, StringComparison.Ordinal))
        {
            notBefore = Timestamp(lines[cursor++][NotBeforeTag.Length..], cursor, "not-before");
        }

        if (cursor < lines.Length && lines[cursor].StartsWith(RequestIdTag, StringComparison.Ordinal))
        {
            requestId = lines[cursor++][RequestIdTag.Length..];
        }

        if (cursor < lines.Length && lines[cursor] == ResourcesTag)
        {
            cursor++;
            while (cursor < lines.Length && lines[cursor].StartsWith("- ", StringComparison.Ordinal))
            {
                resources.Add(lines[cursor++][2..]);
            }
        }

        if (cursor < lines.Length)
        {
            throw new SiweFormatException(cursor + 1, $"unexpected line \"{Shorten(lines[cursor])}\" (fields out of order, unknown, or trailing text)");
        }

        var message = new SiweMessage
        {
            Scheme = scheme,
            Domain = origin,
            Address = address,
            Statement = statement,
            Uri = uri,
            Version = version,
            ChainId = chainId,
            Nonce = nonce,
            IssuedAt = issuedAt,
            ExpirationTime = expiration,
            NotBefore = notBefore,
            RequestId = requestId,
            Resources = resources,
        };
        Validate(message, parsing: true);
        return message;
    }

    /// <summary>Checks every field against the EIP-4361 grammar; when <paramref name="parsing"/>, errors name the line.</summary>
    public static void Validate(SiweMessage message, bool parsing = false)
    {
        // Without a statement the URI is on line 5; a statement and its blank line push later fields down by one.
        var lineOffset = message.Statement is null ? 0 : 1;
        int Line(int withoutStatement) => parsing ? withoutStatement + lineOffset : 0;
        var statementLine = parsing ? 4 : 0;

        if (message.Scheme is not null && (message.Scheme.Length == 0 || !char.IsAsciiLetter(message.Scheme[0])
            || !message.Scheme.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')))
        {
            throw new SiweFormatException(parsing ? 1 : 0, $"scheme \"{message.Scheme}\" is not a URI scheme");
        }

        if (string.IsNullOrEmpty(message.Domain) || message.Domain.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or '?' or '#'))
        {
            throw new SiweFormatException(parsing ? 1 : 0, $"domain \"{message.Domain}\" is not an RFC 3986 authority");
        }

        if (message.Statement is not null && (message.Statement.Length == 0 || message.Statement.Any(c => c == '\n' || c == '\r')))
        {
            throw new SiweFormatException(statementLine, "statement must be one non-empty line");
        }

        if (!System.Uri.TryCreate(message.Uri, UriKind.Absolute, out _) || message.Uri.Any(char.IsWhiteSpace))
        {
            throw new SiweFormatException(Line(5), $"uri \"{Shorten(message.Uri ?? "")}\" is not an absolute RFC 3986 URI");
        }

        if (message.Version != SiweMessage.CurrentVersion)
        {
            throw new SiweFormatException(Line(6), $"version must be \"1\", got \"{message.Version}\"");
        }

        if (message.ChainId < 0)
        {
            throw new SiweFormatException(Line(7), $"chain id {message.ChainId} is negative");
        }

        if (message.Nonce is null || message.Nonce.Length < 8 || !message.Nonce.All(char.IsAsciiLetterOrDigit))
        {
            throw new SiweFormatException(Line(8), $"nonce \"{message.Nonce}\" must be at least 8 letters or digits");
        }

        if (message.RequestId is not null && message.RequestId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new SiweFormatException("request id must not contain whitespace");
        }

        foreach (var resource in message.Resources)
        {
            if (!System.Uri.TryCreate(resource, UriKind.Absolute, out _) || resource.Any(char.IsWhiteSpace))
            {
                throw new SiweFormatException($"resource \"{Shorten(resource)}\" is not an absolute RFC 3986 URI");
            }
        }
    }

    private static void Expect(string line, string expected, int lineNumber)
    {
        if (line != expected)
        {
            throw new SiweFormatException(lineNumber, expected.Length == 0 ? $"expected an empty line, got \"{Shorten(line)}\"" : $"expected \"{expected}\"");
        }
    }

    private static string Tagged(string line, string tag, int lineNumber)
    {
        if (!line.StartsWith(tag, StringComparison.Ordinal))
        {
            throw new SiweFormatException(lineNumber, $"expected \"{tag}...\", got \"{Shorten(line)}\"");
        }

        return line[tag.Length..];
    }

    private static DateTimeOffset Timestamp(string text, int lineNumber, string field) =>
        SiweTimestamp.TryParse(text, out var value)
            ? value
            : throw new SiweFormatException(lineNumber, $"{field} \"{Shorten(text)}\" is not an RFC 3339 date-time");

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "...");
}
