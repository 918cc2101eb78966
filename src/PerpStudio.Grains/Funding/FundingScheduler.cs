using System.Collections.Immutable;
using PerpStudio.Domain.Markets;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Funding;

/// <summary>
/// Drives funding from outside any grain turn: a timer on the <see cref="TimeProvider"/> fires at every whole hour and
/// asks each listed market's <see cref="IFundingGrain"/> to settle what is due. Started once per host (in a cluster,
/// by any one member: the grains make a second run harmless).
/// </summary>
public sealed class FundingScheduler(IGrainFactory grains, TimeProvider clock, Func<IReadOnlyCollection<MarketId>> markets) : IDisposable
{
    private readonly Lock _lock = new();
    private ITimer? _timer;
    private Task<ImmutableArray<FundingSettlement>> _lastTick = Task.FromResult(ImmutableArray<FundingSettlement>.Empty);

    /// <summary>The latest tick's work (tests await it after moving the clock).</summary>
    public Task<ImmutableArray<FundingSettlement>> LastTick
    {
        get
        {
            lock (_lock)
            {
                return _lastTick;
            }
        }
    }

    /// <summary>Starts the hourly timer (the first tick at the next whole hour).</summary>
    public void Start()
    {
        _timer ??= clock.CreateTimer(_ => Fire(), null, FundingHours.UntilNext(clock.GetUtcNow()), FundingHours.Interval);
    }

    /// <summary>Settles what is due in every market now; a market that fails is retried at the next tick.</summary>
    public async Task<ImmutableArray<FundingSettlement>> TickAsync()
    {
        var now = clock.GetUtcNow();
        var settled = ImmutableArray.CreateBuilder<FundingSettlement>();
        List<Exception>? failures = null;
        foreach (var market in markets())
        {
            try
            {
                settled.AddRange(await grains.GetGrain<IFundingGrain>(market.Symbol).SettleDueAsync(now));
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
            {
                (failures ??= []).Add(e);
            }
        }

        return failures is null ? settled.ToImmutable() : throw new AggregateException("funding failed in some markets; they stay due", failures);
    }

    /// <inheritdoc />
    public void Dispose() => _timer?.Dispose();

    private void Fire()
    {
        lock (_lock)
        {
            var previous = _lastTick;
            // one tick at a time: a slow hour never overlaps the next
            _lastTick = previous.ContinueWith(_ => TickAsync(), TaskScheduler.Default).Unwrap();
        }
    }
}
