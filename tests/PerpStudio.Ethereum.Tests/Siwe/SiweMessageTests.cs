using PerpStudio.Ethereum.Siwe;

namespace PerpStudio.Ethereum.Tests.Siwe;

public sealed class SiweMessageTests
{
    // The example of EIP-4361 (with a chain id line, as the final grammar places it).
    internal const string Example =
        "service.org wants you to sign in with your Ethereum account:\n" +
        "0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\n" +
        "\n" +
        "I accept the ServiceOrg Terms of Service: https://service.org/tos\n" +
        "\n" +
        "URI: https://service.org/login\n" +
        "Version: 1\n" +
        "Chain ID: 1\n" +
        "Nonce: 32891757\n" +
        "Issued At: 2021-09-30T16:25:24.000Z\n" +
        "Resources:\n" +
        "- ipfs://Qme7ss3ARVgxv6rXqVPiikMJ8u2NLgmgszg13pYrDKEoiu\n" +
        "- https://example.com/my-web2-claim.json";

    internal static SiweMessage Full => new()
    {
        Scheme = "https",
        Domain = "app.example.com:8443",
        Address = EthereumAddress.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
        Statement = "Sign in to PerpStudio.",
        Uri = "https://app.example.com/login",
        ChainId = 42161,
        Nonce = "a1B2c3D4e5",
        IssuedAt = new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero),
        ExpirationTime = new DateTimeOffset(2026, 11, 21, 8, 10, 0, 250, TimeSpan.Zero),
        NotBefore = new DateTimeOffset(2026, 11, 21, 7, 59, 0, TimeSpan.Zero),
        RequestId = "req-17",
        Resources = ["https://app.example.com/terms", "ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq"],
    };

    [Fact]
    public void The_EIP4361_example_parses_into_its_fields()
    {
        var message = SiweMessage.Parse(Example);
        message.Domain.ShouldBe("service.org");
        message.Scheme.ShouldBeNull();
        message.Address.ToString().ShouldBe("0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946");
        message.Statement.ShouldBe("I accept the ServiceOrg Terms of Service: https://service.org/tos");
        message.Uri.ShouldBe("https://service.org/login");
        message.ChainId.ShouldBe(1);
        message.Nonce.ShouldBe("32891757");
        message.IssuedAt.ShouldBe(new DateTimeOffset(2021, 9, 30, 16, 25, 24, TimeSpan.Zero));
        message.ExpirationTime.ShouldBeNull();
        message.Resources.ShouldBe(["ipfs://Qme7ss3ARVgxv6rXqVPiikMJ8u2NLgmgszg13pYrDKEoiu", "https://example.com/my-web2-claim.json"]);
    }

    [Fact]
    public void Every_field_is_rendered_in_the_grammar_order_and_parses_back()
    {
        var full = Full;
        var text = full.ToMessageText();
        text.ShouldBe(
            "https://app.example.com:8443 wants you to sign in with your Ethereum account:\n" +
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n\n" +
            "Sign in to PerpStudio.\n\n" +
            "URI: https://app.example.com/login\n" +
            "Version: 1\n" +
            "Chain ID: 42161\n" +
            "Nonce: a1B2c3D4e5\n" +
            "Issued At: 2026-11-21T08:00:00Z\n" +
            "Expiration Time: 2026-11-21T08:10:00.250Z\n" +
            "Not Before: 2026-11-21T07:59:00Z\n" +
            "Request ID: req-17\n" +
            "Resources:\n" +
            "- https://app.example.com/terms\n" +
            "- ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq");
        var parsed = SiweMessage.Parse(text);
        (parsed with { Resources = full.Resources }).ShouldBe(full);
        parsed.Resources.ShouldBe(full.Resources);
        parsed.ToMessageText().ShouldBe(text);
    }

    [Fact]
    public void A_message_without_statement_has_two_empty_lines_before_the_uri()
    {
        var text = (Full with { Statement = null, Scheme = null, ExpirationTime = null, NotBefore = null, RequestId = null, Resources = [] }).ToMessageText();
        text.ShouldBe(
            "app.example.com:8443 wants you to sign in with your Ethereum account:\n" +
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n\n\n" +
            "URI: https://app.example.com/login\n" +
            "Version: 1\n" +
            "Chain ID: 42161\n" +
            "Nonce: a1B2c3D4e5\n" +
            "Issued At: 2026-11-21T08:00:00Z");
        SiweMessage.Parse(text).Statement.ShouldBeNull();
    }

    [Theory]
    [InlineData("service.org wants you to sign in with your Ethereum account:", "example.com wants you to sign in with your account:", 1, "expected \"<domain> wants you")]
    [InlineData("0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946", "0xe5a12547fe4e872d192e3ececb76f2ce1aea4946", 2, "EIP-55 checksum")]
    [InlineData("0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946", "0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA494", 2, "invalid address")]
    [InlineData("URI: https://service.org/login", "Uri: https://service.org/login", 6, "expected \"URI: ...\"")]
    [InlineData("URI: https://service.org/login", "URI: not a uri", 6, "is not an absolute RFC 3986 URI")]
    [InlineData("Version: 1", "Version: 2", 7, "version must be \"1\"")]
    [InlineData("Chain ID: 1", "Chain ID: one", 8, "chain id \"one\" is not a decimal integer")]
    [InlineData("Nonce: 32891757", "Nonce: 1234", 9, "must be at least 8 letters or digits")]
    [InlineData("Nonce: 32891757", "Nonce: 1234-5678", 9, "must be at least 8 letters or digits")]
    [InlineData("Issued At: 2021-09-30T16:25:24.000Z", "Issued At: 30/09/2021", 10, "is not an RFC 3339 date-time")]
    [InlineData("Issued At: 2021-09-30T16:25:24.000Z", "Issued At: 2021-09-30T16:25:24.000Z\nColor: blue", 11, "unexpected line \"Color: blue\"")]
    [InlineData("Version: 1\nChain ID: 1", "Chain ID: 1\nVersion: 1", 7, "expected \"Version: ...\"")]
    [InlineData("\n\nURI", "\nURI", 5, "expected an empty line")]
    [InlineData("URI: https://service.org/login\n", "URI: https://service.org/login\r\n", 6, "carriage return")]
    public void Malformed_messages_are_rejected_with_line_and_reason(string original, string replacement, int line, string reason)
    {
        var text = Example.Replace(original, replacement, StringComparison.Ordinal);
        text.ShouldNotBe(Example);
        var error = Should.Throw<SiweFormatException>(() => SiweMessage.Parse(text));
        error.LineNumber.ShouldBe(line, error.Message);
        error.Reason.ShouldContain(reason);
    }

    [Fact]
    public void A_truncated_message_says_what_was_expected()
    {
        var error = Should.Throw<SiweFormatException>(() => SiweMessage.Parse(Example[..Example.IndexOf("Nonce", StringComparison.Ordinal)].TrimEnd('\n')));
        error.Message.ShouldBe("line 9: message ends early, expected Nonce: ");
    }

    [Fact]
    public void Building_a_message_with_an_invalid_field_is_rejected()
    {
        Should.Throw<SiweFormatException>(() => (Full with { Nonce = "short" }).ToMessageText()).Reason.ShouldContain("nonce");
        Should.Throw<SiweFormatException>(() => (Full with { Statement = "two\nlines" }).ToMessageText()).Reason.ShouldContain("one non-empty line");
        Should.Throw<SiweFormatException>(() => (Full with { Statement = "" }).ToMessageText()).Reason.ShouldContain("one non-empty line");
        Should.Throw<SiweFormatException>(() => (Full with { Domain = "evil.com/path" }).ToMessageText()).Reason.ShouldContain("authority");
        Should.Throw<SiweFormatException>(() => (Full with { Version = "2" }).ToMessageText()).Reason.ShouldContain("version");
    }
}
