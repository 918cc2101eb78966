using PerpStudio.Domain.Markets;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Routing;

/// <summary>One venue market's cached book and the state of its subscription.</summary>
/// <param name="venue">The venue connection.</param>
/// <param name="market">The market.</param>
/// <param name="depth">Levels a side the feed asks for.</param>
internal sealed class BookFeed(IVenue venue, MarketId market, int depth)
{
    private readonly Lock _gate = new();
    private Cached? _latest;
    private bool _subscribing;
    private DateTimeOffset _endedAt = DateTimeOffset.MinValue;

    public IVenue Venue { get; } = venue;

    public MarketId Market { get; } = market;

    public int Depth { get; } = depth;

    /// <summary>Whether the subscription is delivering.</summary>
    public volatile bool Live;

    /// <summary>The subscription's task (completed when none runs).</summary>
    public Task Running { get; private set; } = Task.CompletedTask;

    /// <summary>The cached book if it is fresh enough for this request.</summary>
    public OrderBookSnapshot? Fresh(DateTimeOffset now, TimeSpan maxAge, int depth)
    {
        var latest = Volatile.Read(ref _latest);
        return latest is not null && latest.Depth >= depth && now - latest.At <= maxAge ? latest.Book : null;
    }

    /// <summary>Stores a book unless a newer one (by the venue's sequence) is already held; a repeat of the held one renews it.</summary>
    public bool Offer(OrderBookSnapshot book, int depth, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (_latest is { } held && book.Sequence < held.Book.Sequence)
            {
                return false;
            }

            Volatile.Write(ref _latest, new Cached(book, depth, at));
            return true;
        }
    }

    /// <summary>Starts the subscription unless one runs or one ended less than <paramref name="pause"/> ago.</summary>
    public void EnsureSubscribed(DateTimeOffset now, TimeSpan pause, Func<BookFeed, Task> run)
    {
        lock (_gate)
        {
            if (_subscribing || now - _endedAt < pause)
            {
                return;
            }

            _subscribing = true;
            Running = run(this);
        }
    }

    /// <summary>Records that the subscription ended: the book it kept is dropped (changes since may be missing).</summary>
    public void Ended(DateTimeOffset now)
    {
        Live = false;
        lock (_gate)
        {
            _subscribing = false;
            _endedAt = now;
            Volatile.Write(ref _latest, null);
        }
    }

    private sealed record Cached(OrderBookSnapshot Book, int Depth, DateTimeOffset At);
}
