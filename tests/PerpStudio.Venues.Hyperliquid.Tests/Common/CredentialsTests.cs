using PerpStudio.Ethereum;
using PerpStudio.Venues.Hyperliquid.Common;
using PerpStudio.Venues.Hyperliquid.Config;

namespace PerpStudio.Venues.Hyperliquid.Tests.Common;

public sealed class CredentialsTests
{
    private const string Key = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    [Fact]
    public void The_key_comes_from_the_environment_when_configuration_has_none_and_is_never_printed()
    {
        var environment = new Dictionary<string, string?> { [HyperliquidCredentials.AgentKeyVariable] = Key };

        var credentials = HyperliquidCredentials.Resolve(null, "0x1719884eb866cb12b2287399b15f7db5e7d775ea", n => environment.GetValueOrDefault(n));
        var options = new HyperliquidVenueOptions { AgentPrivateKey = Key };

        credentials.AgentKey.Address.ShouldBe(PrivateKey.FromHex(Key).Address);
        credentials.Account.ToLowerHex().ShouldBe("0x1719884eb866cb12b2287399b15f7db5e7d775ea");
        credentials.ToString().ShouldNotContain(Key[2..]);
        credentials.ToString().ShouldContain("[redacted]");
        options.ToString().ShouldNotContain(Key[2..]);
    }

    [Fact]
    public void A_missing_or_malformed_key_is_refused_without_echoing_it()
    {
        Should.Throw<InvalidOperationException>(() => HyperliquidCredentials.Resolve(null, null, _ => null))
            .Message.ShouldContain(HyperliquidCredentials.AgentKeyVariable);
        var malformed = Key[..^1] + "z";
        Should.Throw<InvalidOperationException>(() => HyperliquidCredentials.Resolve(malformed, null, _ => null))
            .Message.ShouldNotContain(malformed[2..20]);
    }
}
