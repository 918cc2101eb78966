using System.Collections.Concurrent;
using System.Globalization;
using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Hyperliquid.WebSocket;

namespace PerpStudio.Venues.Hyperliquid.Execution;

/// <summary>The public trades feed: the websocket's <c>trades</c> channel, one subscription per coin shared by every consumer.</summary>
public sealed partial class HyperliquidVenue
{
    private readonly ConcurrentDictionary<FeedSubscription<VenuePublicTrade>, HyperliquidMarket> _tradeFeeds = new();

    /// <inheritdoc />
    public async Task<Result<IVenueSubscription<VenuePublicTrade>>> SubscribeTradesAsync(MarketId market, CancellationToken cancellationToken)
    {
        if (!_markets.TryGet(market, out var m))
        {
            return VenueRejectCodes.UnknownMarketError(market);
        }

        await EnsureSocketAsync(cancellationToken).ConfigureAwait(false);
        var subscription = WsProtocol.CoinSubscription("trades", m.Coin);
        var feed = new FeedSubscription<VenuePublicTrade>(async f =>
        {
            _tradeFeeds.TryRemove(f, out _);
            if (!_tradeFeeds.Values.Any(v => v.Coin == m.Coin))
            {
                await _socket.UnsubscribeAsync(subscription, CancellationToken.None).ConfigureAwait(false);
            }
        });
        _tradeFeeds[feed] = m;

        // completes when the venue confirms: trades after that reach the feed
        await _socket.SubscribeAsync(subscription, cancellationToken).ConfigureAwait(false);
        return feed;
    }

    private void DeliverTrades(WsTrades message)
    {
        foreach (var trade in message.Trades)
        {
            if (!_markets.TryGetByCoin(trade.Coin, out var market))
            {
                continue;
            }

            // the tid is shared by both sides' fills of one match: with the coin it names the public trade
            var publicTrade = new VenuePublicTrade(
                market.Id, $"{trade.Coin}-{trade.TradeId.ToString(CultureInfo.InvariantCulture)}", trade.Price, trade.Size, trade.TakerSide,
                DateTimeOffset.FromUnixTimeMilliseconds(trade.Time));
            foreach (var (feed, target) in _tradeFeeds)
            {
                if (target.Coin == trade.Coin)
                {
                    feed.TryWrite(publicTrade);
                }
            }
        }
    }
}
