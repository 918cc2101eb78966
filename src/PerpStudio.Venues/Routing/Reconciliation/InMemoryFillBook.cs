using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing.Fills;

namespace PerpStudio.Venues.Routing.Reconciliation;

/// <summary>
/// A process-local fill sink that keeps positions per operator, venue and market, applying each (venue, fill id) once:
/// the stand-in for the account grains in tests and in the embedded host, and the <see cref="IAllocatedPositions"/>
/// reconciliation compares against.
/// </summary>
public sealed class InMemoryFillBook : IFillSink, IAllocatedPositions
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(VenueId, VenueFillId), AppliedFill> _applied = [];
    private readonly Dictionary<(string, VenueId), List<(AppliedFill Fill, OrderOwner Owner)>> _byAccount = [];
    private readonly List<TaskCompletionSource> _waiters = [];
    private long _deliveries;

    /// <summary>Fills applied (each once).</summary>
    public int AppliedCount
    {
        get
        {
            lock (_gate)
            {
                return _applied.Count;
            }
        }
    }

    /// <summary>Every hand-over, duplicates included.</summary>
    public long Deliveries => Interlocked.Read(ref _deliveries);

    /// <inheritdoc />
    public Task<FillApplication> ApplyAsync(RoutedFill fill, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fill);
        Interlocked.Increment(ref _deliveries);
        TaskCompletionSource[] wake;
        lock (_gate)
        {
            var key = (fill.Venue, fill.Fill.FillId);
            if (_applied.ContainsKey(key))
            {
                return Task.FromResult(FillApplication.AlreadyApplied);
            }

            var applied = new AppliedFill(fill.Fill.FillId, fill.Fill.Market, fill.Fill.Side.Signed(fill.Fill.Size), fill.Fill.Time);
            _applied.Add(key, applied);
            var account = (fill.Owner.OperatorId, fill.Venue);
            if (!_byAccount.TryGetValue(account, out var list))
            {
                list = [];
                _byAccount.Add(account, list);
            }

            list.Add((applied, fill.Owner));
            wake = [.. _waiters];
            _waiters.Clear();
        }

        foreach (var waiter in wake)
        {
            waiter.TrySetResult();
        }

        return Task.FromResult(FillApplication.Applied);
    }

    /// <summary>One trader's position at a venue in a market.</summary>
    public Quantity PositionOf(OrderOwner owner, VenueId venue, MarketId market)
    {
        lock (_gate)
        {
            return Sum(_byAccount.GetValueOrDefault((owner.OperatorId, venue)), market, owner);
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> fills are applied.</summary>
    public async Task WhenAppliedAsync(int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                if (_applied.Count >= count)
                {
                    return;
                }

                _waiters.Add(waiter);
            }

            await waiter.Task.WaitAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task<Quantity> PositionAsync(string operatorId, VenueId venue, MarketId market, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(Sum(_byAccount.GetValueOrDefault((operatorId, venue)), market, owner: null));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MarketId>> MarketsAsync(string operatorId, VenueId venue, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<MarketId> markets = _byAccount.TryGetValue((operatorId, venue), out var list)
                ? list.Select(x => x.Fill.Market).Distinct().ToArray()
                : [];
            return Task.FromResult(markets);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AppliedFill>> AppliedFillsAsync(string operatorId, VenueId venue, MarketId market, DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<AppliedFill> fills = _byAccount.TryGetValue((operatorId, venue), out var list)
                ? list.Where(x => x.Fill.Market == market && x.Fill.Time >= since).Select(x => x.Fill).ToArray()
                : [];
            return Task.FromResult(fills);
        }
    }

    private static Quantity Sum(List<(AppliedFill Fill, OrderOwner Owner)>? list, MarketId market, OrderOwner? owner)
    {
        var sum = Quantity.Zero;
        if (list is not null)
        {
            foreach (var (fill, o) in list)
            {
                if (fill.Market == market && (owner is null || o == owner))
                {
                    sum += fill.SignedSize;
                }
            }
        }

        return sum;
    }
}
