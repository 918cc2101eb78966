using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Grains.Tests.Liquidation;

/// <summary>Markets with Hyperliquid-like tiers for the liquidation, funding and market tests.</summary>
internal static class RiskMarkets
{
    /// <summary>BTC: 40x up to 500k of notional, 20x above; tick 0.1.</summary>
    public static readonly MarketRules Btc = Rules("BTC-USD", "BTC", "0.1", "0.0001", "10", [("0", 40), ("500000", 20)]);

    /// <summary>ETH: 25x up to 100k, 10x above; tick 0.01.</summary>
    public static readonly MarketRules Eth = Rules("ETH-USD", "ETH", "0.01", "0.001", "10", [("0", 25), ("100000", 10)]);

    /// <summary>A 3x market (maintenance rate 1/6, not a finite decimal); tick 0.001.</summary>
    public static readonly MarketRules Sol = Rules("SOL-USD", "SOL", "0.001", "0.01", "10", [("0", 3)]);

    /// <summary>All of them.</summary>
    public static readonly MarketRules[] All = [Btc, Eth, Sol];

    /// <summary>A plausible starting mark for each.</summary>
    public static Price StartMark(MarketRules market) => market == Btc ? P("100000") : market == Eth ? P("3000") : P("150");

    /// <summary>Builds validated rules or fails the test.</summary>
    public static MarketRules Rules(string symbol, string asset, string tick, string lot, string minNotional, (string Bound, int Leverage)[] tiers)
    {
        var spec = new MarketSpec(new MarketId(symbol), asset, Price.Parse(tick), Quantity.Parse(lot), Money.Parse(minNotional),
            tiers.Select(t => new MarginTier(Money.Parse(t.Bound), t.Leverage)).ToArray());
        var rules = MarketRules.Create(spec);
        return rules.IsSuccess ? rules.Value : throw new InvalidOperationException(rules.Error!.ToString());
    }

    /// <summary>Shorthand for a price.</summary>
    public static Price P(string text) => Price.Parse(text);

    /// <summary>Shorthand for a quantity.</summary>
    public static Quantity Q(string text) => Quantity.Parse(text);

    /// <summary>Shorthand for money.</summary>
    public static Money M(string text) => Money.Parse(text);
}
