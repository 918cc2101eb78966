using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using PerpStudio.Api.Errors;
using PerpStudio.Api.MarketData;
using PerpStudio.Api.Operators;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Leaderboard;
using PerpStudio.Grains.Operators;
using PerpStudio.Runtime;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Api.Application;

/// <summary>A market as the operator offers it.</summary>
/// <param name="Offering">Leverage caps and venues.</param>
/// <param name="Snapshot">Spec and prices.</param>
/// <param name="Modes">Margin modes offered.</param>
/// <param name="MakerRate">Maker rate the trader pays (venue + markup + builder).</param>
/// <param name="TakerRate">Taker rate the trader pays.</param>
public sealed record MarketListing(MarketOffering Offering, MarketSnapshot Snapshot, ImmutableArray<MarginMode> Modes, Rate MakerRate, Rate TakerRate);

/// <summary>A market's mark at one moment.</summary>
/// <param name="Market">The market.</param>
/// <param name="Snapshot">Mark, oracle, funding, staleness.</param>
public sealed record MarkUpdate(MarketId Market, MarketSnapshot Snapshot);

/// <summary>The operator's markets and their live data; readable with any credential of the operator.</summary>
public sealed class MarketDataService(
    IGrainFactory grains,
    OperatorRules rules,
    IOrderGateway gateway,
    MarketDataVenues venues,
    MarketTape tape,
    TimeProvider time,
    IOptions<PerpStudioApiOptions> options)
{
    /// <summary>Every market the caller's operator offers.</summary>
    public async Task<IReadOnlyList<MarketListing>> ListMarketsAsync(CallerContext caller)
    {
        var operatorId = Access.RequireOperator(caller);
        var config = await grains.GetGrain<IOperatorGrain>(operatorId).GetConfigAsync();
        var profile = await grains.GetGrain<IOperatorProfileGrain>(operatorId).GetAsync();
        var policy = OperatorConfigRules.PolicyOf(config);
        var listings = new List<MarketListing>();
        foreach (var offering in config.Markets)
        {
            var snapshot = await grains.GetGrain<IMarketGrain>(offering.Market.Symbol).GetSnapshotAsync();
            var venue = gateway.FeeScheduleFor(offering.Market);
            // the rates before any volume tier (a tier can only lower them)
            listings.Add(new MarketListing(offering, snapshot, ModesOf(config, profile, offering.Market, snapshot.Spec),
                FeeModel.TraderRate(venue, policy, Domain.Margin.Liquidity.Maker), FeeModel.TraderRate(venue, policy, Domain.Margin.Liquidity.Taker)));
        }

        return listings;
    }

    /// <summary>The book of a market, at most <paramref name="depth"/> levels a side.</summary>
    public async Task<OrderBookSnapshot> GetOrderBookAsync(CallerContext caller, MarketId market, int depth, CancellationToken cancellationToken)
    {
        var venue = await VenueAsync(caller, market);
        var book = await venue.GetOrderBookAsync(market, depth, cancellationToken);
        return book.IsSuccess ? book.Value : throw new ApiException(ApiError.From(book.Error));
    }

    /// <summary>A snapshot of the book at once, then one after each change, until cancelled.</summary>
    public async IAsyncEnumerable<OrderBookSnapshot> SubscribeOrderBookAsync(
        CallerContext caller, MarketId market, int depth, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var venue = await VenueAsync(caller, market);
        var subscribed = await venue.SubscribeOrderBookAsync(market, depth, cancellationToken);
        if (!subscribed.IsSuccess)
        {
            throw new ApiException(ApiError.From(subscribed.Error));
        }

        await using var subscription = subscribed.Value;
        while (await subscription.Reader.WaitToReadAsync(cancellationToken))
        {
            OrderBookSnapshot? latest = null;
            while (subscription.Reader.TryRead(out var book))
            {
                latest = book; // a slow reader gets the newest book, not a backlog
            }

            if (latest is not null)
            {
                yield return latest;
            }
        }
    }

    /// <summary>Recent trades, newest first.</summary>
    public async Task<IReadOnlyList<MarketTrade>> ListTradesAsync(CallerContext caller, MarketId market, int limit)
    {
        await OfferedAsync(caller, market);
        return tape.Recent(market, Math.Clamp(limit <= 0 ? 100 : limit, 1, 1000));
    }

    /// <summary>Live trades from now on, until cancelled.</summary>
    public async IAsyncEnumerable<MarketTrade> SubscribeTradesAsync(CallerContext caller, MarketId market, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await OfferedAsync(caller, market);
        using var subscription = tape.Subscribe(market);
        await foreach (var trade in subscription.Reader.ReadAllAsync(cancellationToken))
        {
            yield return trade;
        }
    }

    /// <summary>Marks of one market or of every market offered.</summary>
    public async Task<IReadOnlyList<MarkUpdate>> GetMarksAsync(CallerContext caller, MarketId? market)
    {
        var markets = await MarketsAsync(caller, market);
        var marks = new List<MarkUpdate>();
        foreach (var m in markets)
        {
            marks.Add(new MarkUpdate(m, await grains.GetGrain<IMarketGrain>(m.Symbol).GetSnapshotAsync()));
        }

        return marks;
    }

    /// <summary>The marks at once, then each mark that changes (polled every <see cref="PerpStudioApiOptions.MarkPollInterval"/>), until cancelled.</summary>
    public async IAsyncEnumerable<MarkUpdate> SubscribeMarksAsync(CallerContext caller, MarketId? market, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var markets = await MarketsAsync(caller, market);
        var last = new Dictionary<string, MarketSnapshot>(StringComparer.Ordinal);
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var m in markets)
            {
                var snapshot = await grains.GetGrain<IMarketGrain>(m.Symbol).GetSnapshotAsync();
                if (!last.TryGetValue(m.Symbol, out var previous) || !SameMark(previous, snapshot))
                {
                    last[m.Symbol] = snapshot;
                    yield return new MarkUpdate(m, snapshot);
                }
            }

            await Task.Delay(options.Value.MarkPollInterval, time, cancellationToken);
        }
    }

    /// <summary>Funding settlements in [from, to).</summary>
    public async Task<IReadOnlyList<FundingObservation>> GetFundingHistoryAsync(CallerContext caller, MarketId market, DateTimeOffset from, DateTimeOffset to)
    {
        await OfferedAsync(caller, market);
        return tape.Funding(market, from, to);
    }

    /// <summary>OHLCV bars over [from, to).</summary>
    public async Task<IReadOnlyList<CandleBar>> GetCandlesAsync(CallerContext caller, MarketId market, TimeSpan interval, DateTimeOffset from, DateTimeOffset to)
    {
        await OfferedAsync(caller, market);
        return tape.Candles(market, interval, from, to);
    }

    /// <summary>
    /// The caller's operator's traders ranked by <paramref name="ranking"/> over <paramref name="window"/> (at most
    /// <paramref name="limit"/> rows); NOT_FOUND <c>leaderboard_off</c> when the operator does not show a leaderboard.
    /// </summary>
    public async Task<LeaderboardStandings> GetLeaderboardAsync(CallerContext caller, LeaderboardWindow window, LeaderboardRanking ranking, int limit)
    {
        var operatorId = Access.RequireOperator(caller);
        if (!Enum.IsDefined(window))
        {
            throw new ApiException(ApiError.Invalid("window", "window_invalid", $"window must be 24h, 7d or all, not {window}"));
        }

        if (!Enum.IsDefined(ranking))
        {
            throw new ApiException(ApiError.Invalid("ranking", "ranking_invalid", $"ranking must be realized PnL or volume, not {ranking}"));
        }

        var profile = await grains.GetGrain<IOperatorProfileGrain>(operatorId).GetAsync();
        if (profile is null || !profile.Features.Leaderboard)
        {
            throw new ApiException(new ApiError(ApiErrorKind.NotFound, "leaderboard_off", "operator", $"operator {operatorId} does not show a leaderboard"));
        }

        var rows = Math.Clamp(limit <= 0 ? 50 : limit, 1, LeaderboardQuery.MaxLimit);
        return await grains.GetGrain<ILeaderboardGrain>(operatorId).GetStandingsAsync(new LeaderboardQuery(window, ranking, time.GetUtcNow(), rows));
    }

    private static bool SameMark(MarketSnapshot a, MarketSnapshot b) =>
        a.Mark == b.Mark && a.Oracle == b.Oracle && a.FundingRate == b.FundingRate && a.IsStale == b.IsStale && a.MarkTime == b.MarkTime;

    private static ImmutableArray<MarginMode> ModesOf(OperatorConfig config, OperatorProfile? profile, MarketId market, MarketSpec spec)
    {
        var modes = new List<MarginMode>();
        if (config.CrossOffered && !spec.IsolatedOnly)
        {
            modes.Add(MarginMode.Cross);
        }

        if (config.IsolatedOffered)
        {
            modes.Add(MarginMode.Isolated);
        }

        return profile is not null && profile.MarketModes.TryGetValue(market.Symbol, out var allowed)
            ? [.. modes.Where(allowed.Contains)]
            : [.. modes];
    }

    private async Task<MarketOffering> OfferedAsync(CallerContext caller, MarketId market)
    {
        var operatorId = Access.RequireOperator(caller);
        return await rules.OfferingAsync(operatorId, market);
    }

    private async Task<IReadOnlyList<MarketId>> MarketsAsync(CallerContext caller, MarketId? market)
    {
        var operatorId = Access.RequireOperator(caller);
        if (market is { } m)
        {
            await rules.OfferingAsync(operatorId, m);
            return [m];
        }

        var config = await grains.GetGrain<IOperatorGrain>(operatorId).GetConfigAsync();
        return [.. config.Markets.Select(o => o.Market)];
    }

    private async Task<IVenue> VenueAsync(CallerContext caller, MarketId market)
    {
        var offering = await OfferedAsync(caller, market);
        return venues.For(market, offering.Venues)
            ?? throw new ApiException(new ApiError(ApiErrorKind.Unavailable, "no_market_data_venue", "market", $"no venue provides the book of {market}"));
    }
}
