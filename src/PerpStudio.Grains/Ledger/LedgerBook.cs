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
    /// <summary>The entries, oldest first (entry n has sequence n).</summary>
    public ImmutableList<LedgerEntry> Entries { get; init; } = [];

    /// <summary>Idempotency keys booked, with the sequence of their entry.</summary>
    public ImmutableDictionary<string, long> Keys { get; init; } = ImmutableDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The balance: the sum of the entries.</summary>
    public Money Balance => Entries.Count == 0 ? Money.Zero : Entries[^1].BalanceAfter;

    /// <summary>The entry booked under a key, if any.</summary>
    public LedgerEntry? Find(string key) => Keys.TryGetValue(key, out var seq) ? Entries[(int)seq - 1] : null;

    /// <summary>Books an entry (the caller checked the key is new).</summary>
    public (LedgerBook Book, LedgerEntry Entry) Book(string key, LedgerEntryKind kind, Money amount, MarketId? market, string reference, DateTimeOffset time)
    {
        if (Keys.ContainsKey(key))
        {
            throw new InvalidOperationException($"ledger key {key} is already booked");
        }

        var entry = new LedgerEntry(Entries.Count + 1, key, kind, amount, Balance + amount, market, reference, time);
        return (new LedgerBook { Entries = Entries.Add(entry), Keys = Keys.Add(key, entry.Sequence) }, entry);
    }

    /// <summary>A page, newest first.</summary>
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
