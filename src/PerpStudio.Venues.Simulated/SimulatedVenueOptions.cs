using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Simulated;

/// <summary>One market of a simulated venue and the synthetic liquidity quoted in it.</summary>
/// <param name="Spec">The market's spec (tick, lot, minimum notional, margin tiers).</param>
/// <param name="VenueSymbol">The venue's own symbol for it.</param>
/// <param name="InitialPrice">Where the reference price starts (a multiple of the tick).</param>
/// <param name="LevelSize">Size the market maker quotes at each level (a multiple of the lot).</param>
public sealed record SimulatedMarketOptions(MarketSpec Spec, string VenueSymbol, Price InitialPrice, Quantity LevelSize)
{
    /// <summary>Levels quoted on each side.</summary>
    public int QuoteLevels { get; init; } = 10;

    /// <summary>Distance in ticks from the reference to the best bid and to the best ask.</summary>
    public long HalfSpreadTicks { get; init; } = 1;

    /// <summary>Distance in ticks between quoted levels.</summary>
    public long LevelSpacingTicks { get; init; } = 1;

    /// <summary>The random walk moves the reference by at most this many ticks a step.</summary>
    public long MaxStepTicks { get; init; } = 3;
}

/// <summary>Faults a simulated venue injects, as chances in parts per million drawn from its seeded dice.</summary>
/// <param name="TimeoutPerMillion">Chance an order-entry call throws <see cref="VenueTimeoutException"/>.</param>
/// <param name="TimeoutAppliedPerMillion">Of those timeouts, the chance the request was applied before the answer was lost.</param>
/// <param name="RejectPerMillion">Chance a placement is refused with <see cref="VenueRejectCodes.VenueBusy"/> (nothing recorded).</param>
/// <param name="DropFillPerMillion">Chance a fill is not delivered on the event feed (it stays in the fills history).</param>
/// <param name="DuplicateFillPerMillion">Chance a fill is delivered twice, with the same fill id.</param>
/// <param name="Unreachable">When true every call throws <see cref="VenueUnavailableException"/> and health is down.</param>
public sealed record SimulatedFaults(
    int TimeoutPerMillion = 0,
    int TimeoutAppliedPerMillion = 0,
    int RejectPerMillion = 0,
    int DropFillPerMillion = 0,
    int DuplicateFillPerMillion = 0,
    bool Unreachable = false)
{
    /// <summary>No faults.</summary>
    public static SimulatedFaults None { get; } = new();

    /// <summary>True when any fault can happen.</summary>
    public bool Any => TimeoutPerMillion > 0 || RejectPerMillion > 0 || DropFillPerMillion > 0 || DuplicateFillPerMillion > 0 || Unreachable;
}

/// <summary>
/// Takers of the venue's own that trade against the market maker on every step, so that a demo market has a tape and
/// candles without any trader. Drawn from their own seeded dice: the same seed and steps give the same trades.
/// </summary>
/// <param name="MaxTradesPerStep">Each step and market, between 0 and this many market orders are sent.</param>
/// <param name="MaxLevelFraction">Each order's size is a random number of lots up to this fraction of the quoted level size (at least one lot).</param>
public sealed record SimulatedTakerFlow(int MaxTradesPerStep = 3, decimal MaxLevelFraction = 0.5m)
{
    /// <summary>No background takers: only the platform's orders trade.</summary>
    public static SimulatedTakerFlow None { get; } = new(0, 0m);

    /// <summary>True when the flow sends orders.</summary>
    public bool Active => MaxTradesPerStep > 0 && MaxLevelFraction > 0m;
}

/// <summary>How a simulated venue behaves: its markets, liquidity, fees, latency, funding and faults.</summary>
public sealed record SimulatedVenueOptions
{
    /// <summary>The venue's name.</summary>
    public VenueId VenueId { get; init; } = new("sim");

    /// <summary>Seed of the random walk and the fault dice; null: a fresh seed each run (lively).</summary>
    public int? Seed { get; init; }

    /// <summary>The markets listed.</summary>
    public IReadOnlyList<SimulatedMarketOptions> Markets { get; init; } = [];

    /// <summary>Maker and taker fee rates charged to every venue account.</summary>
    public VenueFeeSchedule Fees { get; init; } = new(Rate.Of(0.00015m), Rate.Of(0.00045m));

    /// <summary>Time every call takes (waited on the venue's <see cref="TimeProvider"/>).</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;

    /// <summary>Latency from which health reports degraded.</summary>
    public TimeSpan DegradedLatency { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Period of the random walk in a running host (<see cref="SimulatedExchange.Start"/>).</summary>
    public TimeSpan StepInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often funding settles.</summary>
    public TimeSpan FundingInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Funding rate per interval = premium of mark over oracle x this, clamped to <see cref="FundingCap"/>.</summary>
    public Rate FundingDamping { get; init; } = Rate.Of(0.125m);

    /// <summary>The largest funding rate per interval, either way.</summary>
    public Rate FundingCap { get; init; } = Rate.Of(0.0005m);

    /// <summary>Background takers trading on every step; none by default (tests see only their own trades).</summary>
    public SimulatedTakerFlow TakerFlow { get; init; } = SimulatedTakerFlow.None;

    /// <summary>Faults injected from the start (can be changed at run time on the exchange).</summary>
    public SimulatedFaults Faults { get; init; } = SimulatedFaults.None;

    /// <summary>
    /// Finished orders (filled, cancelled, rejected) each account keeps answering for by client or venue id; older ones
    /// are forgotten, as real venues stop answering for old orders, so a long run's memory does not grow with every
    /// order. Open orders are always kept.
    /// </summary>
    public int FinishedOrdersKept { get; init; } = 100_000;

    /// <summary>A venue listing BTC-USD and ETH-USD with a default ladder; <paramref name="depthFactor"/> and <paramref name="halfSpreadTicks"/> make two venues differ.</summary>
    public static SimulatedVenueOptions Default(VenueId venueId, int? seed, int depthFactor = 1, long halfSpreadTicks = 1) => new()
    {
        VenueId = venueId,
        Seed = seed,
        Markets =
        [
            new SimulatedMarketOptions(
                new MarketSpec(new MarketId("BTC-USD"), "BTC", Price.Of(1m), Quantity.Of(0.0001m), Money.Of(10m),
                    [new MarginTier(Money.Zero, 40), new MarginTier(Money.Of(150_000_000m), 20)]),
                "BTC",
                Price.Of(100_000m),
                Quantity.Of(0.05m * depthFactor)) { HalfSpreadTicks = halfSpreadTicks, LevelSpacingTicks = 1, QuoteLevels = 20 },
            new SimulatedMarketOptions(
                new MarketSpec(new MarketId("ETH-USD"), "ETH", Price.Of(0.1m), Quantity.Of(0.001m), Money.Of(10m),
                    [new MarginTier(Money.Zero, 25)]),
                "ETH",
                Price.Of(3_000m),
                Quantity.Of(1m * depthFactor)) { HalfSpreadTicks = halfSpreadTicks, LevelSpacingTicks = 1, QuoteLevels = 20 },
        ],
    };
}
