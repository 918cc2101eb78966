using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Host.Configuration;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing;
using PerpStudio.Venues.Simulated;

namespace PerpStudio.Host.Venues;

/// <summary>
/// The venues of this process: the simulated exchanges it runs, the optional Hyperliquid connection, and each
/// operator's accounts at them (what the router trades through).
/// </summary>
public sealed class VenueFleet : IAsyncDisposable
{
    /// <summary>Collateral each operator's account at a simulated venue starts with.</summary>
    public static readonly Money SimulatedAccountCollateral = Money.Of(100_000_000m);

    private readonly Lock _gate = new();
    private readonly List<SimulatedExchange> _exchanges = [];
    private readonly List<IVenue> _shared = [];
    private readonly List<IVenue> _marketData = [];
    private readonly HashSet<string> _operators = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates the simulated exchanges (their walks start with <see cref="Start"/>); Hyperliquid is added by
    /// <see cref="AddShared"/>. Each simulated venue runs <paramref name="takerFlow"/>, or by default its settings'
    /// light seeded flow (<see cref="SimulatedVenueSettings.BackgroundTakersPerStep"/>), so the demo markets print trades
    /// and candles without any trader.
    /// </summary>
    public VenueFleet(IEnumerable<SimulatedVenueSettings> simulated, TimeProvider time, SimulatedTakerFlow? takerFlow = null)
    {
        ArgumentNullException.ThrowIfNull(simulated);
        foreach (var s in simulated)
        {
            var options = new SimulatedVenueOptions
            {
                VenueId = new VenueId(s.Name),
                Seed = s.Seed,
                Markets = SimulatedMarkets.For(s.Depth, s.HalfSpreadTicks),
                Fees = new VenueFeeSchedule(Rate.Of(s.MakerFee), Rate.Of(s.TakerFee)),
                Latency = s.Latency,
                StepInterval = s.StepInterval,
                Faults = new SimulatedFaults(RejectPerMillion: s.RejectPerMillion, DropFillPerMillion: s.DropFillPerMillion),
                TakerFlow = takerFlow ?? new SimulatedTakerFlow(MaxTradesPerStep: s.BackgroundTakersPerStep),
            };
            var exchange = new SimulatedExchange(options, time);
            _exchanges.Add(exchange);

            // an account of the platform's own that never trades: market data and health do not depend on any operator
            _marketData.Add(exchange.OpenAccount("platform-market-data", Money.Zero));
        }
    }

    /// <summary>Every operator's venue connections, as the router looks them up.</summary>
    public VenueAccounts Accounts { get; } = new();

    /// <summary>The simulated exchanges.</summary>
    public IReadOnlyList<SimulatedExchange> Exchanges => _exchanges;

    /// <summary>The names of every venue, simulated first, in configuration order.</summary>
    public IReadOnlyList<VenueId> VenueIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _exchanges.Select(e => e.Id), .. _shared.Select(v => v.Id)];
            }
        }
    }

    /// <summary>Operators with accounts opened.</summary>
    public IReadOnlyCollection<string> Operators
    {
        get
        {
            lock (_gate)
            {
                return [.. _operators];
            }
        }
    }

    /// <summary>Starts the simulated venues' price walks.</summary>
    public void Start()
    {
        foreach (var exchange in _exchanges)
        {
            exchange.Start();
        }
    }

    /// <summary>Adds a venue connection every operator trades through (an external venue with one platform account).</summary>
    public void AddShared(IVenue venue)
    {
        lock (_gate)
        {
            _shared.Add(venue);
            _marketData.Add(venue);
            foreach (var op in _operators)
            {
                Accounts.Add(op, venue);
            }
        }
    }

    /// <summary>Opens the operator's accounts at every venue (once; later calls do nothing).</summary>
    public IReadOnlyList<IVenue> OpenOperator(string operatorId)
    {
        lock (_gate)
        {
            if (_operators.Add(operatorId))
            {
                foreach (var exchange in _exchanges)
                {
                    Accounts.Add(operatorId, exchange.OpenAccount($"operator-{operatorId}", SimulatedAccountCollateral));
                }

                foreach (var venue in _shared)
                {
                    Accounts.Add(operatorId, venue);
                }
            }

            return Accounts.Of(operatorId);
        }
    }

    /// <summary>One connection per venue, in configuration order, for market data and health probes.</summary>
    public IReadOnlyList<IVenue> MarketDataVenues()
    {
        lock (_gate)
        {
            return [.. _marketData];
        }
    }

    /// <summary>
    /// The venue rates a pre-trade fee estimate uses for a market: the dearest of the venues listing it, so the
    /// estimate never understates what a routed order pays.
    /// </summary>
    public FeeSchedule FeeScheduleFor(MarketId market)
    {
        Rate maker = Rate.Zero, taker = Rate.Zero;
        var any = false;
        foreach (var venue in MarketDataVenues())
        {
            if (!venue.Capabilities.MaxLeverage.ContainsKey(market))
            {
                continue;
            }

            var fees = venue.Capabilities.Fees;
            maker = !any || fees.Maker > maker ? fees.Maker : maker;
            taker = !any || fees.Taker > taker ? fees.Taker : taker;
            any = true;
        }

        return new FeeSchedule(maker, taker);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var exchange in _exchanges)
        {
            exchange.Dispose();
        }

        foreach (var venue in _shared)
        {
            if (venue is IAsyncDisposable d)
            {
                await d.DisposeAsync();
            }
        }
    }
}
