using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Simulated;

/// <summary>Reads and subscriptions: books, prices, orders, fills, account state.</summary>
public sealed partial class SimulatedExchange
{
    internal Result<OrderBookSnapshot> Book(MarketId id, int depth)
    {
        if (!_markets.TryGetValue(id, out var market))
        {
            return VenueRejectCodes.UnknownMarketError(id);
        }

        return market.Snapshot(Math.Max(depth, 1), _time.GetUtcNow());
    }

    internal Result<IVenueSubscription<OrderBookSnapshot>> SubscribeBook(MarketId id, int depth)
    {
        if (!_markets.TryGetValue(id, out var market))
        {
            return VenueRejectCodes.UnknownMarketError(id);
        }

        depth = Math.Max(depth, 1);
        var feed = new FeedChannel<OrderBookSnapshot>(f => Locked(() => market.BookFeeds.RemoveAll(x => ReferenceEquals(x.Feed, f))));
        var subscriber = new BookSubscriber(feed, depth) { Last = market.Snapshot(depth, _time.GetUtcNow()) };
        market.BookFeeds.Add(subscriber);
        feed.Publish(subscriber.Last);
        return feed;
    }

    internal Result<IVenueSubscription<VenuePublicTrade>> SubscribeTrades(MarketId id)
    {
        if (!_markets.TryGetValue(id, out var market))
        {
            return VenueRejectCodes.UnknownMarketError(id);
        }

        var feed = new FeedChannel<VenuePublicTrade>(f => Locked(() => market.TradeFeeds.Remove(f)));
        market.TradeFeeds.Add(feed);
        return feed;
    }

    internal Result<MarketPrices> Prices(MarketId id)
    {
        if (!_markets.TryGetValue(id, out var market))
        {
            return VenueRejectCodes.UnknownMarketError(id);
        }

        return new MarketPrices(id, market.Mark(), market.Reference, market.FundingRate(Options.FundingDamping, Options.FundingCap),
            market.NextFunding, _time.GetUtcNow());
    }

    internal IVenueSubscription<VenueEvent> SubscribeEvents(VenueAccount account)
    {
        var feed = new FeedChannel<VenueEvent>(f => Locked(() => account.Feeds.Remove(f)));
        account.Feeds.Add(feed);
        return feed;
    }

    internal VenueAccountState AccountState(VenueAccount account)
    {
        var positions = new List<VenuePosition>();
        var unrealized = Domain.Primitives.Money.Zero;
        foreach (var market in _marketList)
        {
            if (account.Positions.TryGetValue(market.Id, out var position) && position.Size != 0)
            {
                var pnl = position.Unrealized(market.Mark());
                unrealized += pnl;
                positions.Add(new VenuePosition(market.Id, new Domain.Primitives.Quantity(position.Size), position.EntryNotional, pnl));
            }
        }

        return new VenueAccountState(new VenueBalance(account.Collateral, unrealized), positions, _time.GetUtcNow());
    }

    internal IReadOnlyList<VenueFill> Fills(VenueAccount account, DateTimeOffset since, int limit)
    {
        var fills = new List<VenueFill>();
        foreach (var fill in account.Fills)
        {
            if (fills.Count >= limit)
            {
                break;
            }

            if (fill.Time >= since)
            {
                fills.Add(fill);
            }
        }

        return fills;
    }

    internal IReadOnlyList<VenueOrder> OpenOrders(VenueAccount account)
    {
        var open = new List<VenueOrder>();
        foreach (var record in account.Orders.Values)
        {
            if (record.IsLive)
            {
                open.Add(record.ToVenueOrder());
            }
        }

        return open;
    }

    internal IReadOnlyList<VenueMarket> ListMarkets()
    {
        var markets = new List<VenueMarket>(_marketList.Count);
        foreach (var market in _marketList)
        {
            markets.Add(new VenueMarket(market.Spec, market.Options.VenueSymbol));
        }

        return markets;
    }
}
