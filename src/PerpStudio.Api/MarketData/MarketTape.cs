using System.Collections.Immutable;
using System.Threading.Channels;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Api.MarketData;

/// <summary>A public trade in a market.</summary>
/// <param name="Market">The market.</param>
/// <param name="Price">Price.</param>
/// <param name="Size">Size, positive.</param>
/// <param name="TakerSide">The aggressor's side.</param>
/// <param name="Time">When.</param>
/// <param name="Venue">Where it executed.</param>
public sealed record MarketTrade(MarketId Market, Price Price, Quantity Size, Side TakerSide, DateTimeOffset Time, string Venue);

/// <summary>A funding rate observation.</summary>
/// <param name="Market">The market.</param>
/// <param name="Rate">Rate per interval.</param>
/// <param name="OraclePrice">Oracle price at settlement.</param>
/// <param name="Time">Settlement time.</param>
public sealed record FundingObservation(MarketId Market, Rate Rate, Price OraclePrice, DateTimeOffset Time);

/// <summary>One OHLCV bar.</summary>
/// <param name="OpenTime">Start of the bar.</param>
/// <param name="Open">First price.</param>
/// <param name="High">Highest price.</param>
/// <param name="Low">Lowest price.</param>
/// <param name="Close">Last price.</param>
/// <param name="Volume">Base volume.</param>
/// <param name="Trades">Trade count.</param>
public sealed record CandleBar(DateTimeOffset OpenTime, Price Open, Price High, Price Low, Price Close, Quantity Volume, int Trades);

/// <summary>
/// The recent public trades and funding settlements per market, kept in memory (bounded) and streamed to subscribers.
/// Whatever executes trades or settles funding records them here (the host wires venue trade feeds and funding in);
/// candles are aggregated from the trades kept.
/// </summary>
public sealed class MarketTape(int tradesPerMarket = 10_000)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<MarketTrade>> _trades = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<FundingObservation>> _funding = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Channel<MarketTrade>>> _subscribers = new(StringComparer.Ordinal);

    /// <summary>Records a trade and sends it to the market's subscribers.</summary>
    public void RecordTrade(MarketTrade trade)
    {
        ArgumentNullException.ThrowIfNull(trade);
        lock (_gate)
        {
            if (!_trades.TryGetValue(trade.Market.Symbol, out var queue))
            {
                _trades[trade.Market.Symbol] = queue = new Queue<MarketTrade>();
            }

            queue.Enqueue(trade);
            while (queue.Count > tradesPerMarket)
            {
                queue.Dequeue();
            }

            if (_subscribers.TryGetValue(trade.Market.Symbol, out var channels))
            {
                foreach (var channel in channels)
                {
                    channel.Writer.TryWrite(trade);
                }
            }
        }
    }

    /// <summary>Records a funding settlement.</summary>
    public void RecordFunding(FundingObservation funding)
    {
        ArgumentNullException.ThrowIfNull(funding);
        lock (_gate)
        {
            if (!_funding.TryGetValue(funding.Market.Symbol, out var list))
            {
                _funding[funding.Market.Symbol] = list = [];
            }

            list.Add(funding);
        }
    }

    /// <summary>The most recent trades, newest first.</summary>
    public ImmutableArray<MarketTrade> Recent(MarketId market, int limit)
    {
        lock (_gate)
        {
            return _trades.TryGetValue(market.Symbol, out var queue) ? [.. queue.Reverse().Take(limit)] : [];
        }
    }

    /// <summary>Funding settlements in [from, to), oldest first.</summary>
    public ImmutableArray<FundingObservation> Funding(MarketId market, DateTimeOffset from, DateTimeOffset to)
    {
        lock (_gate)
        {
            return _funding.TryGetValue(market.Symbol, out var list) ? [.. list.Where(f => f.Time >= from && f.Time < to)] : [];
        }
    }

    /// <summary>Bars of <paramref name="interval"/> over [from, to) from the kept trades, oldest first; empty bars are left out.</summary>
    public ImmutableArray<CandleBar> Candles(MarketId market, TimeSpan interval, DateTimeOffset from, DateTimeOffset to)
    {
        MarketTrade[] trades;
        lock (_gate)
        {
            trades = _trades.TryGetValue(market.Symbol, out var queue) ? [.. queue.Where(t => t.Time >= from && t.Time < to)] : [];
        }

        return [.. trades
            .GroupBy(t => t.Time.UtcTicks / interval.Ticks)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var ordered = g.OrderBy(t => t.Time).ToList();
                return new CandleBar(
                    new DateTimeOffset(g.Key * interval.Ticks, TimeSpan.Zero),
                    ordered[0].Price,
                    ordered.Max(t => t.Price),
                    ordered.Min(t => t.Price),
                    ordered[^1].Price,
                    new Quantity(ordered.Sum(t => t.Size.Units)),
                    ordered.Count);
            })];
    }

    /// <summary>Live trades of a market from now on; dispose the subscription to stop.</summary>
    public TradeSubscription Subscribe(MarketId market)
    {
        var channel = Channel.CreateUnbounded<MarketTrade>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            if (!_subscribers.TryGetValue(market.Symbol, out var channels))
            {
                _subscribers[market.Symbol] = channels = [];
            }

            channels.Add(channel);
        }

        return new TradeSubscription(channel.Reader, () =>
        {
            lock (_gate)
            {
                _subscribers[market.Symbol].Remove(channel);
            }

            channel.Writer.TryComplete();
        });
    }
}

/// <summary>A live feed of one market's trades.</summary>
/// <param name="reader">The trades.</param>
/// <param name="unsubscribe">Stops the feed.</param>
public sealed class TradeSubscription(ChannelReader<MarketTrade> reader, Action unsubscribe) : IDisposable
{
    /// <summary>The trades as they are recorded.</summary>
    public ChannelReader<MarketTrade> Reader { get; } = reader;

    /// <inheritdoc />
    public void Dispose() => unsubscribe();
}
