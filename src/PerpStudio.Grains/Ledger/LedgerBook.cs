using System.Collections.Immutable;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;

namespace PerpStudio.Grains.Ledger;

/// <summary>
/// An account's statement: every change of collateral in order, each under an idempotency key that is booked at most
/// once. The entries' amounts sum to the balance.
/// </summary>
public sealed record LedgerBook
{
    /// <summary>The entries still held here, oldest first (the first has sequence <see cref="PagedOut"/> + 1).</summary>
    public ImmutableList<LedgerEntry> Entries { get; init; } = [];

    /// <summary>Idempotency keys of the entries held here, with their sequence.</summary>
    public ImmutableDictionary<string, long> Keys { get; init; } = ImmutableDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Entries moved out into history pages (sequences 1 .. this).</summary>
    public long PagedOut { get; init; }

    /// <summary>The balance after the entries moved out.</summary>
    public Money Opening { get; init; }

    /// <summary>Every entry ever booked.</summary>
    public long Count => PagedOut + Entries.Count;

    /// <summary>The balance: the sum of every entry.</summary>
    public Money Balance => Entries.Count == 0 ? Opening : Entries[^1].BalanceAfter;

    /// <summary>The entry booked under a key, if it is still held here (older ones are in the account's history).</summary>
    public LedgerEntry? Find(string key) => Keys.TryGetValue(key, out var seq) ? Entries[(int)(seq - PagedOut) - 1] : null;

    /// <summary>Books an entry (the caller checked the key is new).</summary>
    public (LedgerBook Book, LedgerEntry Entry) Book(string key, LedgerEntryKind kind, Money amount, MarketId? market, string reference, DateTimeOffset time)
    {
        if (Keys.ContainsKey(key))
        {
            throw new InvalidOperationException($"ledger key {key} is already booked");
        }

        var entry = new LedgerEntry(Count + 1, key, kind, amount, Balance + amount, market, reference, time);
        return (this with { Entries = Entries.Add(entry), Keys = Keys.Add(key, entry.Sequence) }, entry);
    }

    /// <summary>Moves the oldest <paramref name="count"/> entries out (the caller stored them in a history page).</summary>
    public LedgerBook WithoutOldest(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Entries.Count);
        if (count == 0)
        {
            return this;
        }

        var moved = Entries.GetRange(0, count);
        return this with
        {
            Entries = Entries.RemoveRange(0, count),
            Keys = Keys.RemoveRange(moved.Select(e => e.Key)),
            PagedOut = PagedOut + count,
            Opening = moved[^1].BalanceAfter,
        };
    }

    /// <summary>A page of the entries held here, newest first.</summary>
    public Page<LedgerEntry> Page(PageRequest page) => Paging.NewestFirst(Entries, page, e => e.Sequence);
}

/// <summary>Newest-first paging over a list numbered 1..n.</summary>
public static class Paging
{
    /// <summary>Entries with a sequence below <see cref="PageRequest.Before"/>, newest first.</summary>
    public static Page<T> NewestFirst<T>(ImmutableList<T> items, PageRequest page, Func<T, long> sequence)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(sequence);
        var builder = ImmutableArray.CreateBuilder<T>();
        var index = items.Count - 1;
        if (page.Before is { } before)
        {
            while (index >= 0 && sequence(items[index]) >= before)
            {
                index--;
            }
        }

        while (index >= 0 && builder.Count < page.EffectiveLimit)
        {
            builder.Add(items[index--]);
        }

        long? next = index >= 0 && builder.Count > 0 ? sequence(builder[^1]) : null;
        return new Page<T>(builder.ToImmutable(), next);
    }
}
