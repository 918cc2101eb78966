using System.Globalization;
using PerpStudio.Domain.Markets;

namespace PerpStudio.Host.Venues;

/// <summary>A market the demo operator offers, written <c>SYMBOL:maxLeverage</c> in configuration.</summary>
/// <param name="Market">The market.</param>
/// <param name="MaxLeverage">The operator's cap.</param>
/// <param name="Error">Why the text was refused, or null.</param>
public sealed record DemoMarket(MarketId Market, int MaxLeverage, string? Error)
{
    /// <summary>Parses <c>BTC-USD:40</c>; refuses unknown markets and caps above the market's own.</summary>
    public static DemoMarket Parse(string text)
    {
        var parts = (text ?? string.Empty).Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var leverage))
        {
            return new DemoMarket(default, 0, $"must be SYMBOL:maxLeverage such as BTC-USD:40 (was '{text}')");
        }

        var market = new MarketId(parts[0]);
        if (!SimulatedMarkets.Specs.TryGetValue(market, out var spec))
        {
            return new DemoMarket(market, leverage, $"names unknown market '{parts[0]}' (known: {string.Join(", ", SimulatedMarkets.Specs.Keys.Select(k => k.Symbol))})");
        }

        return leverage < 1 || leverage > spec.MaxLeverage
            ? new DemoMarket(market, leverage, $"leverage for {parts[0]} must be between 1 and {spec.MaxLeverage} (was {leverage})")
            : new DemoMarket(market, leverage, null);
    }
}
