using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Liquidation;

namespace PerpStudio.Grains.Tests.Liquidation;

/// <summary>
/// A seeded random book of Domain positions (isolated positions and cross accounts with one to three markets) with
/// the marks they are valued at; it reports to a <see cref="LiquidationBook"/> exactly as the holder grains do and
/// answers the Domain's liquidation test for any holder, which the index is checked against.
/// </summary>
internal sealed class RandomRiskBook
{
    private readonly Dictionary<MarketId, Price> _marks = [];
    private readonly Random _random;

    public RandomRiskBook(int seed, int accounts)
    {
        _random = new Random(seed);
        foreach (var market in RiskMarkets.All)
        {
            _marks[market.Id] = RiskMarkets.StartMark(market);
        }

        for (var i = 0; i < accounts; i++)
        {
            var key = $"op/t{i}";
            if (_random.Next(2) == 0)
            {
                var market = RiskMarkets.All[_random.Next(RiskMarkets.All.Length)];
                Isolated[(key, market.Id)] = NewIsolated(market);
            }
            else
            {
                Cross[key] = NewCross();
            }
        }
    }

    public Dictionary<(string Account, MarketId Market), IsolatedPosition> Isolated { get; } = [];

    public Dictionary<string, CrossAccount> Cross { get; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<MarketId, Price> Marks => _marks;

    public static MarketRules RulesOf(MarketId market) => RiskMarkets.All.Single(m => m.Id == market);

    /// <summary>Moves one market's mark by up to +-<paramref name="maxPercent"/> and returns the market.</summary>
    public MarketId MoveRandomMark(int maxPercent)
    {
        var market = RiskMarkets.All[_random.Next(RiskMarkets.All.Length)];
        var basisPoints = _random.Next(-maxPercent * 100, (maxPercent * 100) + 1);
        var mark = _marks[market.Id];
        var moved = market.RoundPriceToTick(new Price(Math.Max(market.TickSize.Units, mark.Units + (mark.Units * basisPoints / 10_000))), Rounding.Floor);
        _marks[market.Id] = Price.Max(market.TickSize, moved);
        return market.Id;
    }

    /// <summary>Reports every position to the sink as the holder grains would, at the current marks.</summary>
    public void ReportAll(ILiquidationIndexSink sink)
    {
        foreach (var ((account, market), position) in Isolated)
        {
            sink.PositionChanged(IsolatedEntry(account, market, position));
        }

        foreach (var account in Cross.Keys)
        {
            foreach (var entry in CrossEntries(account))
            {
                sink.PositionChanged(entry);
            }
        }
    }

    public static LiquidationIndexEntry IsolatedEntry(string account, MarketId market, IsolatedPosition position) =>
        new(market, $"{account}/{market.Symbol}", account, MarginMode.Isolated, position.Position.Sign, position.Position.Size,
            position.LiquidationPrice(RulesOf(market)).Price);

    /// <summary>The account's cross positions as its grain reports them, valued at the current marks.</summary>
    public IEnumerable<LiquidationIndexEntry> CrossEntries(string account)
    {
        var valued = AtMarks(Cross[account]);
        var entries = new List<LiquidationIndexEntry>();
        foreach (var p in valued.Positions)
        {
            entries.Add(new LiquidationIndexEntry(p.Market, account, account, MarginMode.Cross, p.Position.Sign, p.Position.Size, valued.LiquidationPrice(p.Market).Price));
        }

        return entries;
    }

    /// <summary>The Domain's liquidation test for a holder at the current marks.</summary>
    public bool IsLiquidatable(MarketId market, PositionHolder holder) =>
        holder.Mode == MarginMode.Isolated
            ? Isolated[(holder.AccountKey, market)].Health(RulesOf(market), _marks[market]).Liquidatable
            : AtMarks(Cross[holder.AccountKey]).IsLiquidatable;

    /// <summary>Every holder with a position in the market.</summary>
    public IEnumerable<PositionHolder> HoldersIn(MarketId market) =>
        Isolated.Keys.Where(k => k.Market == market).Select(k => new PositionHolder(k.Account, MarginMode.Isolated))
            .Concat(Cross.Where(c => c.Value.TryGetPosition(market, out _)).Select(c => new PositionHolder(c.Key, MarginMode.Cross)));

    private CrossAccount AtMarks(CrossAccount account)
    {
        foreach (var market in _marks.Keys)
        {
            account = account.WithMark(market, _marks[market]).Value;
        }

        return account;
    }

    private IsolatedPosition NewIsolated(MarketRules market)
    {
        var (side, size, entry, leverage) = NewTrade(market);
        var notional = Exact.Notional(size, entry);
        var initial = MarginModel.InitialMarginOf(notional, leverage);
        // from a tenth below to three times the initial margin: some start underwater, most do not
        var margin = new Money(Math.Max(1, initial.Units * _random.Next(90, 300) / 100));
        return new IsolatedPosition(market.Id, Position.Open(side, size, entry), margin, leverage);
    }

    private CrossAccount NewCross()
    {
        var markets = RiskMarkets.All.OrderBy(_ => _random.Next()).Take(_random.Next(1, 4)).ToArray();
        var trades = markets.Select(m => (Market: m, Trade: NewTrade(m))).ToArray();
        var initial = trades.Sum(t => MarginModel.InitialMarginOf(Exact.Notional(t.Trade.Size, t.Trade.Entry), t.Trade.Leverage).Units);
        var account = CrossAccount.Open(new Money(Math.Max(1, initial * _random.Next(90, 300) / 100))).Value;
        foreach (var (market, (side, size, entry, leverage)) in trades)
        {
            account = account.ApplyFill(market, side, size, entry, Money.Zero, leverage, _marks[market.Id]).Value.After;
        }

        return account;
    }

    private (Side Side, Quantity Size, Price Entry, int Leverage) NewTrade(MarketRules market)
    {
        var side = _random.Next(2) == 0 ? Side.Buy : Side.Sell;
        var lots = _random.Next(1, 20_000);
        var size = new Quantity(market.LotSize.Units * lots);
        var mark = _marks[market.Id];
        var entry = market.RoundPriceToTick(new Price(mark.Units + (mark.Units * _random.Next(-300, 301) / 10_000)), Rounding.Floor);
        var notional = Exact.Notional(size, entry);
        var leverage = _random.Next(1, market.Table.MaxLeverageAt(notional) + 1);
        return (side, size, entry, leverage);
    }
}
