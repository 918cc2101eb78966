using System.Collections.Immutable;
using PerpStudio.Grains.Abstractions;

namespace PerpStudio.Grains.Accounts;

/// <summary>
/// Newest-first paging over items numbered 1..n of which the oldest sit in history pages of a fixed size and the rest
/// in the hot state: the same pages <see cref="Ledger.Paging.NewestFirst{T}"/> gives over one list of all of them.
/// </summary>
public static class HistoryPaging
{
    /// <summary>Items with a sequence below <see cref="PageRequest.Before"/>, newest first, reading history pages as needed.</summary>
    /// <param name="page">The request.</param>
    /// <param name="tail">The items in the hot state, oldest first, numbered from <paramref name="pagedOut"/> + 1.</param>
    /// <param name="pagedOut">Items in history pages.</param>
    /// <param name="pageSize">Items per history page.</param>
    /// <param name="readPage">Reads history page n (1-based).</param>
    public static async Task<Page<T>> NewestFirstAsync<T>(
        PageRequest page, ImmutableList<T> tail, long pagedOut, int pageSize, Func<int, Task<ImmutableArray<T>>> readPage)
    {
        var total = pagedOut + tail.Count;
        var sequence = page.Before is { } before ? Math.Min(before - 1, total) : total;
        var builder = ImmutableArray.CreateBuilder<T>();
        var loaded = (Number: 0, Items: ImmutableArray<T>.Empty);
        while (sequence >= 1 && builder.Count < page.EffectiveLimit)
        {
            if (sequence > pagedOut)
            {
                builder.Add(tail[(int)(sequence - pagedOut - 1)]);
            }
            else
            {
                var number = (int)((sequence - 1) / pageSize) + 1;
                if (loaded.Number != number)
                {
                    loaded = (number, await readPage(number));
                }

                builder.Add(loaded.Items[(int)((sequence - 1) % pageSize)]);
            }

            sequence--;
        }

        long? next = sequence >= 1 && builder.Count > 0 ? sequence + 1 : null;
        return new Page<T>(builder.ToImmutable(), next);
    }
}
