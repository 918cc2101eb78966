using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Simulated;

namespace PerpStudio.Host.Venues;

/// <summary>The markets every simulated venue lists: BTC-USD, ETH-USD and SOL-USD with Hyperliquid-like specs.</summary>
public static class SimulatedMarkets
{
    /// <summary>The market specs by symbol.</summary>
    public static IReadOnlyDictionary<MarketId, MarketSpec> Specs { get; } = new Dictionary<MarketId, MarketSpec>
    {
        [new("BTC-USD")] = new(new MarketId("BTC-USD"), "BTC", Price.Of(1m), Quantity.Of(0.0001m), Money.Of(10m),
            [new MarginTier(Money.Zero, 40), new MarginTier(Money.Of(150_000_000m), 20)]),
        [new("ETH-USD")] = new(new MarketId("ETH-USD"), "ETH", Price.Of(0.1m), Quantity.Of(0.001m), Money.Of(10m),
            [new MarginTier(Money.Zero, 25), new MarginTier(Money.Of(100_000_000m), 15)]),
        [new("SOL-USD")] = new(new MarketId("SOL-USD"), "SOL", Price.Of(0.01m), Quantity.Of(0.01m), Money.Of(10m),
            [new MarginTier(Money.Zero, 20), new MarginTier(Money.Of(70_000_000m), 10)]),
    };

    /// <summary>The markets of one venue, its ladder scaled by <paramref name="depth"/> and spread by <paramref name="halfSpreadTicks"/>.</summary>
    public static IReadOnlyList<SimulatedMarketOptions> For(int depth, int halfSpreadTicks) =>
    [
        Market("BTC-USD", "BTC", Price.Of(100_000m), Quantity.Of(0.05m * depth), halfSpreadTicks),
        Market("ETH-USD", "ETH", Price.Of(3_000m), Quantity.Of(1m * depth), halfSpreadTicks),
        Market("SOL-USD", "SOL", Price.Of(150m), Quantity.Of(20m * depth), halfSpreadTicks),
    ];

    private static SimulatedMarketOptions Market(string symbol, string venueSymbol, Price initial, Quantity levelSize, int halfSpreadTicks) =>
        new(Specs[new MarketId(symbol)], venueSymbol, initial, levelSize)
        {
            HalfSpreadTicks = halfSpreadTicks,
            LevelSpacingTicks = 1,
            QuoteLevels = 20,
        };
}
