using PerpStudio.Api.Application;
using PerpStudio.Api.Errors;
using PerpStudio.Contracts.V1;
using PerpStudio.Grpc.Server;

namespace PerpStudio.Api.Grpc;

/// <summary>perpstudio.v1.MarketDataService over <see cref="MarketDataService"/>; streams end cleanly when the client cancels.</summary>
public sealed class MarketDataGrpcService(Application.MarketDataService marketData, TimeProvider time)
{
    private static readonly Dictionary<string, TimeSpan> Intervals = new(StringComparer.Ordinal)
    {
        ["1m"] = TimeSpan.FromMinutes(1),
        ["5m"] = TimeSpan.FromMinutes(5),
        ["15m"] = TimeSpan.FromMinutes(15),
        ["1h"] = TimeSpan.FromHours(1),
        ["4h"] = TimeSpan.FromHours(4),
        ["1d"] = TimeSpan.FromDays(1),
    };

    /// <summary>Every method bound.</summary>
    public ServiceDefinition Bind() =>
        ServiceBinder.For(MarketDataReflection.Descriptor.Services[0])
            .Unary<ListMarketsRequest, ListMarketsReply>("ListMarkets", ListMarketsAsync)
            .Unary<GetOrderBookRequest, OrderBook>("GetOrderBook", GetOrderBookAsync)
            .Unary<ListTradesRequest, ListTradesReply>("ListTrades", ListTradesAsync)
            .Unary<GetMarksRequest, GetMarksReply>("GetMarks", GetMarksAsync)
            .Unary<GetFundingHistoryRequest, GetFundingHistoryReply>("GetFundingHistory", GetFundingHistoryAsync)
            .Unary<GetCandlesRequest, GetCandlesReply>("GetCandles", GetCandlesAsync)
            .Unary<GetLeaderboardRequest, GetLeaderboardReply>("GetLeaderboard", GetLeaderboardAsync)
            .ServerStreaming<GetOrderBookRequest, OrderBook>("SubscribeOrderBook", SubscribeOrderBookAsync)
            .ServerStreaming<ListTradesRequest, Trade>("SubscribeTrades", SubscribeTradesAsync)
            .ServerStreaming<GetMarksRequest, Mark>("SubscribeMarks", SubscribeMarksAsync)
            .Build();

    private async Task<ListMarketsReply> ListMarketsAsync(ListMarketsRequest request, ServerCallContext context)
    {
        var reply = new ListMarketsReply();
        foreach (var listing in await marketData.ListMarketsAsync(context.Caller()))
        {
            var spec = listing.Snapshot.Spec;
            var market = new Market
            {
                Market_ = listing.Offering.Market.Symbol,
                BaseAsset = spec.BaseAsset,
                TickSize = spec.TickSize.ToString(),
                LotSize = spec.LotSize.ToString(),
                MinNotional = spec.MinNotional.ToString(),
                MaxLeverage = (uint)Math.Min(listing.Offering.MaxLeverage, spec.MaxLeverage),
                DefaultLeverage = (uint)listing.Offering.DefaultLeverage,
                MakerFeeRate = listing.MakerRate.ToString(),
                TakerFeeRate = listing.TakerRate.ToString(),
            };
            market.MarginModes.Add(listing.Modes.Select(ProtoMapper.Mode));
            market.MarginTiers.Add(spec.MarginTiers.Select(t => new Contracts.V1.MarginTier
            {
                LowerBound = t.LowerBound.ToString(),
                MaxLeverage = (uint)t.MaxLeverage,
                MaintenanceRate = ProtoMapper.Ratio(1, 2L * t.MaxLeverage),
            }));
            market.Venues.Add(listing.Offering.Venues);
            reply.Markets.Add(market);
        }

        return reply;
    }

    private async Task<OrderBook> GetOrderBookAsync(GetOrderBookRequest request, ServerCallContext context)
    {
        var market = FieldParser.Market(request.Market);
        var book = await marketData.GetOrderBookAsync(context.Caller(), market, Depth(request.Depth), context.CancellationToken);
        return Book(book);
    }

    private async Task SubscribeOrderBookAsync(GetOrderBookRequest request, IServerStreamWriter<OrderBook> stream, ServerCallContext context)
    {
        var market = FieldParser.Market(request.Market);
        await Streams.UntilCancelledAsync(context, async token =>
        {
            await foreach (var book in marketData.SubscribeOrderBookAsync(context.Caller(), market, Depth(request.Depth), token))
            {
                await stream.WriteAsync(Book(book), token);
            }
        });
    }

    private async Task<ListTradesReply> ListTradesAsync(ListTradesRequest request, ServerCallContext context)
    {
        var market = FieldParser.Market(request.Market);
        var reply = new ListTradesReply();
        reply.Trades.Add((await marketData.ListTradesAsync(context.Caller(), market, (int)Math.Min(request.Limit, 1000))).Select(TradeOf));
        return reply;
    }

    private async Task SubscribeTradesAsync(ListTradesRequest request, IServerStreamWriter<Trade> stream, ServerCallContext context)
    {
        var market = FieldParser.Market(request.Market);
        await Streams.UntilCancelledAsync(context, async token =>
        {
            await foreach (var trade in marketData.SubscribeTradesAsync(context.Caller(), market, token))
            {
                await stream.WriteAsync(TradeOf(trade), token);
            }
        });
    }

    private async Task<GetMarksReply> GetMarksAsync(GetMarksRequest request, ServerCallContext context)
    {
        var market = FieldParser.OptionalMarket(request.Market);
        var reply = new GetMarksReply();
        reply.Marks.Add((await marketData.GetMarksAsync(context.Caller(), market)).Select(MarkOf));
        return reply;
    }

    private async Task SubscribeMarksAsync(GetMarksRequest request, IServerStreamWriter<Mark> stream, ServerCallContext context)
    {
        var market = FieldParser.OptionalMarket(request.Market);
        await Streams.UntilCancelledAsync(context, async token =>
        {
            await foreach (var mark in marketData.SubscribeMarksAsync(context.Caller(), market, token))
            {
                await stream.WriteAsync(MarkOf(mark), token);
            }
        });
    }

    private async Task<GetFundingHistoryReply> GetFundingHistoryAsync(GetFundingHistoryRequest request, ServerCallContext context)
    {
        var market = FieldParser.Market(request.Market);
        var (from, to) = Range(request.StartUnixMs, request.EndUnixMs);
        var reply = new GetFundingHistoryReply();
        reply.Points.Add((await marketData.GetFundingHistoryAsync(context.Caller(), market, from, to)).Select(f => new FundingPoint
        {
            Market = f.Market.Symbol,
            Rate = f.Rate.ToString(),
            OraclePrice = f.OraclePrice.ToString(),
            TimeUnixMs = f.Time.ToUnixTimeMilliseconds(),
        }));
        return reply;
    }

    private async Task<GetCandlesReply> GetCandlesAsync(GetCandlesRequest request, ServerCallContext context)
    {
        var market = FieldParser.Market(request.Market);
        if (!Intervals.TryGetValue(request.Interval, out var interval))
        {
            throw new ApiException(request.Interval.Length == 0
                ? ApiError.Required("interval")
                : ApiError.Invalid("interval", "interval_invalid", "interval must be one of 1m, 5m, 15m, 1h, 4h, 1d"));
        }

        var (from, to) = Range(request.StartUnixMs, request.EndUnixMs);
        var reply = new GetCandlesReply();
        reply.Candles.Add((await marketData.GetCandlesAsync(context.Caller(), market, interval, from, to)).Select(c => new Candle
        {
            OpenTimeUnixMs = c.OpenTime.ToUnixTimeMilliseconds(),
            Open = c.Open.ToString(),
            High = c.High.ToString(),
            Low = c.Low.ToString(),
            Close = c.Close.ToString(),
            Volume = c.Volume.ToString(),
            Trades = (uint)c.Trades,
        }));
        return reply;
    }

    private async Task<GetLeaderboardReply> GetLeaderboardAsync(GetLeaderboardRequest request, ServerCallContext context)
    {
        var window = request.Window switch
        {
            "" or "24h" => Grains.Leaderboard.LeaderboardWindow.Day,
            "7d" => Grains.Leaderboard.LeaderboardWindow.Week,
            "all" => Grains.Leaderboard.LeaderboardWindow.AllTime,
            _ => throw new ApiException(ApiError.Invalid("window", "window_invalid", "window must be one of 24h, 7d, all")),
        };
        var ranking = request.RankBy switch
        {
            "" or "pnl" => Grains.Leaderboard.LeaderboardRanking.RealizedPnl,
            "volume" => Grains.Leaderboard.LeaderboardRanking.Volume,
            _ => throw new ApiException(ApiError.Invalid("rank_by", "rank_by_invalid", "rank_by must be pnl or volume")),
        };
        if (request.Limit > Grains.Leaderboard.LeaderboardQuery.MaxLimit)
        {
            throw new ApiException(ApiError.Invalid("limit", "limit_out_of_range", $"limit {request.Limit} is above {Grains.Leaderboard.LeaderboardQuery.MaxLimit}"));
        }

        var standings = await marketData.GetLeaderboardAsync(context.Caller(), window, ranking, (int)request.Limit);
        var reply = new GetLeaderboardReply
        {
            Window = request.Window.Length == 0 ? "24h" : request.Window,
            RankBy = request.RankBy.Length == 0 ? "pnl" : request.RankBy,
            Traders = (uint)standings.Traders,
        };
        reply.Entries.Add(standings.Rows.Select(r => new LeaderboardEntry
        {
            Rank = (uint)r.Rank,
            Trader = r.Trader,
            RealizedPnl = r.RealizedPnl.ToString(),
            Volume = r.Volume.ToString(),
            Fills = (ulong)r.Fills,
        }));
        return reply;
    }

    private (DateTimeOffset From, DateTimeOffset To) Range(long startMs, long endMs)
    {
        var now = time.GetUtcNow();
        var to = FieldParser.Time(endMs, "end_unix_ms", now.AddMilliseconds(1));
        var from = FieldParser.Time(startMs, "start_unix_ms", to.AddDays(-1));
        return from < to ? (from, to) : throw new ApiException(ApiError.Invalid("start_unix_ms", "range_empty", "start_unix_ms must be before end_unix_ms"));
    }

    private static int Depth(uint depth) =>
        depth == 0 ? 20 : depth <= 500 ? (int)depth : throw new ApiException(ApiError.Invalid("depth", "depth_out_of_range", $"depth {depth} is above 500"));

    private static OrderBook Book(Venues.Contract.OrderBookSnapshot book)
    {
        var proto = new OrderBook { Market = book.Market.Symbol, TimeUnixMs = book.Time.ToUnixTimeMilliseconds() };
        proto.Bids.Add(book.Bids.Select(l => new BookLevel { Price = l.Price.ToString(), Size = l.Size.ToString() }));
        proto.Asks.Add(book.Asks.Select(l => new BookLevel { Price = l.Price.ToString(), Size = l.Size.ToString() }));
        return proto;
    }

    private static Trade TradeOf(MarketData.MarketTrade trade) => new()
    {
        Market = trade.Market.Symbol,
        Price = trade.Price.ToString(),
        Size = trade.Size.ToString(),
        TakerSide = ProtoMapper.Side(trade.TakerSide),
        TimeUnixMs = trade.Time.ToUnixTimeMilliseconds(),
        Venue = trade.Venue,
    };

    private static Mark MarkOf(MarkUpdate mark) => new()
    {
        Market = mark.Market.Symbol,
        MarkPrice = mark.Snapshot.Mark.ToString(),
        OraclePrice = mark.Snapshot.Oracle.ToString(),
        FundingRate = mark.Snapshot.FundingRate.ToString(),
        Stale = mark.Snapshot.IsStale,
        TimeUnixMs = mark.Snapshot.MarkTime.ToUnixTimeMilliseconds(),
    };
}

/// <summary>Server-streaming helpers.</summary>
internal static class Streams
{
    /// <summary>Runs a stream until it ends or the client goes away; a client's cancel ends the call without an error logged as ours.</summary>
    public static async Task UntilCancelledAsync(ServerCallContext context, Func<CancellationToken, Task> run)
    {
        try
        {
            await run(context.CancellationToken);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // the transport reports CANCELLED or DEADLINE_EXCEEDED; nothing is left to send
        }
    }
}
