using System.Collections.Concurrent;
using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Routing;

/// <summary>
/// The books the router prices with, kept fresh by each venue's book subscription instead of fetched per order. A
/// cached book is used while it is younger than <see cref="BookCacheOptions.MaxAge"/> (the feed replaces it on every
/// change); an older one is stale and the book is fetched (the fetch renews the entry). When a feed ends its book is
/// dropped at once, books are fetched (each used for at most MaxAge), and the feed is subscribed again after
/// <see cref="BookCacheOptions.ResubscribeAfter"/>.
/// </summary>
public sealed class BookCache : IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<(IVenue Venue, MarketId Market), BookFeed> _feeds = new(VenueMarketComparer.Instance);
    private readonly CancellationTokenSource _stop = new();
    private readonly BookCacheOptions _options;
    private readonly TimeProvider _time;
    private long _hits;
    private long _fetches;

    /// <summary>Creates an empty cache.</summary>
    public BookCache(BookCacheOptions? options = null, TimeProvider? time = null)
    {
        _options = options ?? new BookCacheOptions();
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Raised after a snapshot from a feed or a fetch is stored (on the thread that stored it).</summary>
    public event Action<VenueId, OrderBookSnapshot>? Stored;

    /// <summary>Books served from the cache.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Books fetched because none was fresh.</summary>
    public long Fetches => Interlocked.Read(ref _fetches);

    /// <summary>
    /// The book of <paramref name="market"/> at <paramref name="venue"/>, at least <paramref name="depth"/> levels a side:
    /// the cached one when fresh, else what <paramref name="fetch"/> returns (a successful fetch is cached).
    /// </summary>
    public async Task<Result<OrderBookSnapshot>> GetAsync(
        IVenue venue, MarketId market, int depth, Func<CancellationToken, Task<Result<OrderBookSnapshot>>> fetch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(fetch);
        var feed = _options.Enabled ? _feeds.GetOrAdd((venue, market), key => new BookFeed(key.Venue, key.Market, depth)) : null;
        var now = _time.GetUtcNow();
        if (feed is not null)
        {
            if (feed.Fresh(now, _options.MaxAge, depth) is { } cached)
            {
                Interlocked.Increment(ref _hits);
                return cached;
            }

            if (_options.Subscribe)
            {
                feed.EnsureSubscribed(now, _options.ResubscribeAfter, f => RunAsync(f));
            }
        }

        Interlocked.Increment(ref _fetches);
        var fetched = await fetch(cancellationToken);
        if (fetched.IsSuccess && feed is not null && feed.Offer(fetched.Value, depth, _time.GetUtcNow()))
        {
            Stored?.Invoke(venue.Id, fetched.Value);
        }

        return fetched;
    }

    /// <summary>Completes when the current book feed of a venue market has ended (at once when none runs).</summary>
    public Task FeedEndedAsync(IVenue venue, MarketId market) =>
        _feeds.TryGetValue((venue, market), out var feed) ? feed.Running : Task.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        await Task.WhenAll(_feeds.Values.Select(f => f.Running));
    }

    /// <summary>Ends the feeds without waiting for them to wind down (for a synchronous dispose of the container).</summary>
    public void Dispose() => _stop.Cancel();

    private async Task RunAsync(BookFeed feed)
    {
        // off the caller's turn: a subscription's first snapshot must not hold up the order that started it
        await Task.Yield();
        try
        {
            var subscribed = await feed.Venue.SubscribeOrderBookAsync(feed.Market, feed.Depth, _stop.Token);
            if (!subscribed.IsSuccess)
            {
                return;
            }

            await using var subscription = subscribed.Value;
            feed.Live = true;
            var reader = subscription.Reader;
            while (await reader.WaitToReadAsync(_stop.Token))
            {
                // only the newest snapshot matters: a backlog is skipped, not replayed
                OrderBookSnapshot? latest = null;
                while (reader.TryRead(out var snapshot))
                {
                    latest = snapshot;
                }

                if (latest is not null && feed.Offer(latest, feed.Depth, _time.GetUtcNow()))
                {
                    Stored?.Invoke(feed.Venue.Id, latest);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // the cache is being disposed
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // a feed that fails is a feed that ended: its book goes stale and is fetched until the next subscription
        }
        finally
        {
            feed.Ended(_time.GetUtcNow());
        }
    }

    /// <summary>Compares venues by reference: two accounts at one venue are two connections, each with its own feed.</summary>
    private sealed class VenueMarketComparer : IEqualityComparer<(IVenue Venue, MarketId Market)>
    {
        public static readonly VenueMarketComparer Instance = new();

        public bool Equals((IVenue Venue, MarketId Market) x, (IVenue Venue, MarketId Market) y) =>
            ReferenceEquals(x.Venue, y.Venue) && x.Market == y.Market;

        public int GetHashCode((IVenue Venue, MarketId Market) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Venue), obj.Market);
    }
}

/// <summary>How long cached books may be used and how their feeds are kept.</summary>
public sealed record BookCacheOptions
{
    /// <summary>Whether books are cached at all (false: every plan fetches, as before the cache).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Whether the cache subscribes to each venue's book feed (false: a plain time-to-live cache).</summary>
    public bool Subscribe { get; init; } = true;

    /// <summary>The oldest a cached book may be: a live feed renews it on every change, a quiet book is fetched again after this.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long after a feed ended it is subscribed again (meanwhile books are fetched).</summary>
    public TimeSpan ResubscribeAfter { get; init; } = TimeSpan.FromSeconds(5);
}
