using System.Collections.Immutable;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Liquidation;

/// <summary>
/// Writes the holders that appeared in or left the index (<see cref="LiquidationBook.DrainRegistryChanges"/>) to the
/// markets' <see cref="IPositionRegistryGrain"/>s. The sink cannot call grains (it runs inside the holders' turns), so
/// the sweeper and the funding grain flush before they read the registry. What a failed write did not store is queued again.
/// </summary>
public sealed class PositionRegistryFlusher(LiquidationBook book, IGrainFactory grains)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Flushes what is pending; returns how many changes were written.</summary>
    public async Task<int> FlushAsync()
    {
        await _gate.WaitAsync();
        try
        {
            var changes = book.DrainRegistryChanges();
            var groups = changes.GroupBy(c => c.Market).ToList();
            var written = 0;
            for (var i = 0; i < groups.Count; i++)
            {
                var batch = groups[i].ToImmutableArray();
                try
                {
                    await grains.GetGrain<IPositionRegistryGrain>(groups[i].Key.Symbol).ApplyAsync(batch);
                    written += batch.Length;
                }
                catch (Exception)
                {
                    book.Requeue(groups.Skip(i).SelectMany(g => g));
                    throw;
                }
            }

            return written;
        }
        finally
        {
            _gate.Release();
        }
    }
}
