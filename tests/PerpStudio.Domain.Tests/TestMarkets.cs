using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Operators;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Tests;

/// <summary>Markets with Hyperliquid's published tiers, and the other fixtures tests share.</summary>
internal static class TestMarkets
{
    /// <summary>Mainnet BTC: 40x to 150M of notional, 20x above (Hyperliquid docs, margin tiers).</summary>
    public static readonly MarketRules Btc = Rules("BTC-USD", "BTC", "0.01", "0.0001", "10", [("0", 40), ("150000000", 20)]);

    /// <summary>Testnet BTC: 0-10k 40x, 10-50k 25x, 50-100k 10x, 100k-300k 5x, above 3x (Hyperliquid docs, testnet tiers).</summary>
    public static readonly MarketRules BtcTestnet = Rules("TBTC-USD", "TBTC", "0.01", "0.0001", "10", [("0", 40), ("10000", 25), ("50000", 10), ("100000", 5), ("300000", 3)]);

    /// <summary>Mainnet ETH: 25x to 100M, 15x above.</summary>
    public static readonly MarketRules Eth = Rules("ETH-USD", "ETH", "0.01", "0.001", "10", [("0", 25), ("100000000", 15)]);

    /// <summary>A 3x market, where the maintenance rate 1/6 is not a finite decimal.</summary>
    public static readonly MarketRules Three = Rules("THREE-USD", "THREE", "0.0001", "1", "10", [("0", 3)]);

    /// <summary>An isolated-only market.</summary>
    public static readonly MarketRules IsolatedOnly = Rules("ISO-USD", "ISO", "0.001", "0.1", "10", [("0", 10)], isolatedOnly: true);

    /// <summary>A catalog of all of them.</summary>
    public static readonly MarketCatalog Catalog = new([Btc, BtcTestnet, Eth, Three, IsolatedOnly]);

    /// <summary>Hyperliquid's base fee tier: 0.015% maker, 0.045% taker.</summary>
    public static readonly FeeSchedule BaseFees = new(Rate.Parse("0.00015"), Rate.Parse("0.00045"));

    /// <summary>Builds validated rules or fails the test.</summary>
    public static MarketRules Rules(string symbol, string asset, string tick, string lot, string minNotional, (string Bound, int Leverage)[] tiers, bool isolatedOnly = false)
    {
        var spec = new MarketSpec(new MarketId(symbol), asset, Price.Parse(tick), Quantity.Parse(lot), Money.Parse(minNotional),
            tiers.Select(t => new MarginTier(Money.Parse(t.Bound), t.Leverage)).ToArray(), isolatedOnly);
        var rules = MarketRules.Create(spec);
        return rules.IsSuccess ? rules.Value : throw new InvalidOperationException(rules.Error.ToString());
    }

    /// <summary>A cross account with collateral, or fails the test.</summary>
    public static CrossAccount Account(string collateral) => CrossAccount.Open(Money.Parse(collateral)).Value;

    /// <summary>An operator offering both modes, no caps, no markup.</summary>
    public static OperatorPolicy Policy => OperatorPolicy.Open;

    /// <summary>Shorthands.</summary>
    public static Price P(string text) => Price.Parse(text);

    /// <summary>Shorthand for a quantity.</summary>
    public static Quantity Q(string text) => Quantity.Parse(text);

    /// <summary>Shorthand for money.</summary>
    public static Money M(string text) => Money.Parse(text);
}
