using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Simulated.Matching;

namespace PerpStudio.Venues.Simulated;

/// <summary>
/// The built-in simulated venue: one central limit order book per market, market-maker accounts quoting a ladder
/// around a seeded random-walk reference price, mark and funding, fees, latency and injected faults. Platform
/// accounts connect through <see cref="OpenAccount"/>, which gives an <see cref="IVenue"/>.
/// Every state change happens under one lock, so the books, accounts and feeds always agree.
/// Time comes from a <see cref="TimeProvider"/>; the walk advances on <see cref="Step"/> (tests) or on a timer
/// after <see cref="Start"/> (a running host).
/// </summary>
public sealed partial class SimulatedExchange : IMatchSink, IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Random _walk;
    private readonly Random _dice;
    private readonly Random _flowDice;
    private readonly Dictionary<MarketId, MarketState> _markets = [];
    private readonly List<MarketState> _marketList = [];
    private readonly List<VenueAccount> _accounts = [];
    private readonly Dictionary<string, VenueAccount> _accountsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<long, OrderRecord> _resting = [];
    private readonly List<VenueAccount> _touched = [];
    private readonly VenueAccount _marketMaker;
    private long _nextOrderId = 1;
    private OrderRecord? _taker;
    private ITimer? _timer;

    /// <summary>Creates the venue, lists its markets and quotes the first ladders.</summary>
    public SimulatedExchange(SimulatedVenueOptions options, TimeProvider? timeProvider = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _time = timeProvider ?? TimeProvider.System;
        var seed = options.Seed ?? Random.Shared.Next();
        _walk = new Random(seed);
        _dice = new Random(unchecked((seed * 31) + 7));
        _flowDice = new Random(unchecked((seed * 17) + 3));
        Faults = options.Faults;
        var now = _time.GetUtcNow();
        var firstFunding = NextBoundary(now, options.FundingInterval);
        foreach (var m in options.Markets)
        {
            var market = new MarketState(m, this, firstFunding);
            _markets.Add(m.Spec.Id, market);
            _marketList.Add(market);
        }

        _marketMaker = AddAccount("market-maker", Money.Zero, isMarketMaker: true);
        _flowTaker = AddAccount("taker-flow", Money.Zero, isMarketMaker: true);
        Capabilities = new VenueCapabilities(
            new HashSet<MarginMode> { MarginMode.Cross, MarginMode.Isolated },
            new HashSet<OrderType> { OrderType.Market, OrderType.Limit },
            new HashSet<TimeInForce> { TimeInForce.Gtc, TimeInForce.Ioc, TimeInForce.PostOnly },
            Triggers: true,
            ReduceOnly: true,
            Modify: true,
            CancelByClientOrderId: true,
            _marketList.ToDictionary(m => m.Id, m => m.Spec.MaxLeverage),
            options.FundingInterval,
            options.Fees)
        {
            PublicTrades = true,
        };
        lock (_gate)
        {
            foreach (var market in _marketList)
            {
                Requote(market);
            }
        }
    }

    /// <summary>The venue's configuration.</summary>
    public SimulatedVenueOptions Options { get; }

    /// <summary>The venue's name.</summary>
    public VenueId Id => Options.VenueId;

    /// <summary>What the venue supports (everything the contract names).</summary>
    public VenueCapabilities Capabilities { get; }

    /// <summary>The faults injected now; change it to make the venue fail, slow down or recover.</summary>
    public SimulatedFaults Faults { get; set; }

    internal TimeProvider Time => _time;

    /// <summary>
    /// Connects a platform account (an operator's account at this venue), creating it with <paramref name="deposit"/>
    /// on first use; the same name gives the same account.
    /// </summary>
    public SimulatedVenue OpenAccount(string name, Money deposit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_gate)
        {
            var account = _accountsByName.TryGetValue(name, out var existing) ? existing : AddAccount(name, deposit, isMarketMaker: false);
            return new SimulatedVenue(this, account);
        }
    }

    /// <summary>Starts the random walk on a timer of <see cref="SimulatedVenueOptions.StepInterval"/> (a running host).</summary>
    public void Start()
    {
        lock (_gate)
        {
            _timer ??= _time.CreateTimer(_ => Step(), null, Options.StepInterval, Options.StepInterval);
        }
    }

    /// <summary>
    /// Advances the venue one step: each market's reference moves by a seeded random number of ticks, the market
    /// maker requotes, the background takers (<see cref="SimulatedVenueOptions.TakerFlow"/>) trade against the fresh
    /// quotes, triggers fire, and funding settles when its time has come.
    /// </summary>
    public void Step()
    {
        lock (_gate)
        {
            foreach (var market in _marketList)
            {
                var o = market.Options;
                var delta = _walk.NextInt64(-o.MaxStepTicks, o.MaxStepTicks + 1);
                var floor = (o.HalfSpreadTicks + (o.LevelSpacingTicks * o.QuoteLevels) + 1) * market.TickUnits;
                market.Reference = new Price(Math.Max(floor, market.Reference.Units + (delta * market.TickUnits)));
                Requote(market);
                TradeTakerFlow(market);
                AfterChange(market);
            }

            SettleFundingIfDue();
        }
    }

    /// <summary>Sets a market's reference price (tests and demos), requotes and fires triggers.</summary>
    public void SetReferencePrice(MarketId market, Price price)
    {
        lock (_gate)
        {
            var state = _markets[market];
            if (price.Units <= 0 || price.Units % state.TickUnits != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(price), price, "the reference must be a positive multiple of the tick");
            }

            state.Reference = price;
            Requote(state);
            AfterChange(state);
        }
    }

    /// <summary>Settles funding if its time has come (also done by <see cref="Step"/>).</summary>
    public void SettleFunding()
    {
        lock (_gate)
        {
            SettleFundingIfDue();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    internal T Locked<T>(Func<T> action)
    {
        lock (_gate)
        {
            return action();
        }
    }

    internal bool TryGetMarket(MarketId id, out MarketState market) => _markets.TryGetValue(id, out market!);

    internal IReadOnlyList<MarketState> Markets => _marketList;

    /// <summary>Rolls the fault dice: true with <paramref name="perMillion"/> chance. Only called under the lock, in call order, so faults are deterministic given the seed.</summary>
    internal bool Roll(int perMillion) => perMillion > 0 && (perMillion >= 1_000_000 || _dice.Next(1_000_000) < perMillion);

    private VenueAccount AddAccount(string name, Money deposit, bool isMarketMaker)
    {
        var account = new VenueAccount(_accounts.Count, name, deposit, isMarketMaker);
        _accounts.Add(account);
        _accountsByName.Add(name, account);
        return account;
    }

    private static DateTimeOffset NextBoundary(DateTimeOffset now, TimeSpan interval)
    {
        var ticks = interval.Ticks;
        return new DateTimeOffset(((now.UtcTicks / ticks) + 1) * ticks, TimeSpan.Zero);
    }

    private void Requote(MarketState market)
    {
        foreach (var id in market.QuoteIds)
        {
            if (market.Book.TryCancel(id, out _))
            {
                _resting.Remove(id);
            }
        }

        market.QuoteIds.Clear();
        var o = market.Options;
        var referenceTicks = market.Reference.Units / market.TickUnits;
        for (var i = 0; i < o.QuoteLevels; i++)
        {
            var offset = o.HalfSpreadTicks + (i * o.LevelSpacingTicks);
            Quote(market, Side.Buy, referenceTicks - offset);
            Quote(market, Side.Sell, referenceTicks + offset);
        }
    }

    private void Quote(MarketState market, Side side, long ticks)
    {
        if (ticks <= 0)
        {
            return;
        }

        var o = market.Options;
        var request = new OrderRequest(
            new ClientOrderId("mm"), market.Id, side, OrderType.Limit, o.LevelSize, market.PriceOf(ticks),
            TimeInForce.Gtc, ReduceOnly: false, MarginMode.Cross, Leverage: 1);
        var record = new OrderRecord(_nextOrderId++, _marketMaker, market, request, _time.GetUtcNow());
        if (Execute(record) == MatchStatus.Rested)
        {
            market.QuoteIds.Add(record.EngineId);
        }
    }
}
