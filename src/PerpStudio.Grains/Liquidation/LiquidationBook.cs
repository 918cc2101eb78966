using System.Collections.Immutable;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;

namespace PerpStudio.Grains.Liquidation;

/// <summary>
/// The per-process index of liquidation prices, per market, kept current by the account and isolated-position grains
/// through <see cref="ILiquidationIndexSink"/>. A mark move selects the crossed entries by range, O(log n + k), without
/// asking any grain; the holder grain then confirms each candidate with the Domain's liquidation test.
/// <para>
/// Isolated positions and cross accounts with one position: the entry is the Domain's liquidation price (moved by the
/// rounding guard of <see cref="LiquidationEntryPrice"/>); it depends on nothing else, so it is exact.
/// </para>
/// <para>
/// Cross accounts with positions in several markets: a position's Domain price holds only while the other markets'
/// marks stay where they were when it was reported (its anchors). The entry is widened by what the other positions can
/// lose while their marks move up to <see cref="LiquidationBookOptions.CrossBand"/> against them, and each other market
/// gets a trigger at that adverse mark. While no trigger is passed the entry is reached no later than the true
/// liquidation price; when a mark passes one, the account turns stale in the same call: every position becomes a
/// candidate until the sweeper has re-read the account and given its positions back through <see cref="Refresh"/>.
/// This relies on the account reporting every cross position after any change of its collateral or cross positions.
/// </para>
/// Thread-safe: one lock; every operation is short.
/// </summary>
public sealed partial class LiquidationBook : ILiquidationIndexSink
{
    private readonly Lock _lock = new();
    private readonly Dictionary<MarketId, MarketLiquidationIndex> _markets = [];
    private readonly Dictionary<string, CrossLegs> _cross = new(StringComparer.Ordinal);
    private readonly List<RegistryChange> _registryChanges = [];
    private readonly Rate _band;
    private ImmutableDictionary<MarketId, Price> _marks = ImmutableDictionary<MarketId, Price>.Empty;

    /// <summary>A book with the given options (or the defaults).</summary>
    public LiquidationBook(LiquidationBookOptions? options = null)
    {
        options ??= new LiquidationBookOptions();
        options.Validate();
        _band = options.CrossBand;
    }

    /// <inheritdoc />
    public void PositionChanged(LiquidationIndexEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            Apply(entry);
        }
    }

    /// <summary>
    /// Replaces everything the index holds of an account's cross positions with <paramref name="crossPositions"/> (its
    /// positions as the account grain computes them now, at the current marks) and clears its stale flag.
    /// </summary>
    public void Refresh(string accountKey, IEnumerable<LiquidationIndexEntry> crossPositions)
    {
        ArgumentNullException.ThrowIfNull(crossPositions);
        lock (_lock)
        {
            var fresh = crossPositions.Where(e => e.Mode == MarginMode.Cross).ToList();
            if (_cross.TryGetValue(accountKey, out var legs))
            {
                foreach (var market in legs.Legs.Keys.ToList())
                {
                    if (!fresh.Any(e => e.Market == market))
                    {
                        SetCrossLeg(accountKey, legs, market, Quantity.Zero, null);
                    }
                }

                legs.Stale = false;
            }

            foreach (var entry in fresh)
            {
                Apply(entry with { AccountKey = accountKey });
            }

            if (_cross.TryGetValue(accountKey, out legs))
            {
                PlaceCross(accountKey, legs);
            }
        }
    }

    /// <summary>Sets a market's mark; multi-market cross accounts whose trigger it passes turn stale. Returns how many.</summary>
    public int UpdateMark(MarketId market, Price mark)
    {
        if (!mark.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(mark), mark, "a mark must be positive");
        }

        lock (_lock)
        {
            var index = IndexOf(market);
            index.Mark = mark;
            _marks = _marks.SetItem(market, mark);
            var triggered = new List<string>();
            index.Triggers.Crossed(mark.Units, triggered);
            foreach (var accountKey in triggered)
            {
                if (_cross.TryGetValue(accountKey, out var legs))
                {
                    legs.Stale = true;
                    PlaceCross(accountKey, legs);
                }
            }

            return triggered.Count;
        }
    }

    /// <summary>The market's last mark, if any.</summary>
    public Price? MarkOf(MarketId market)
    {
        lock (_lock)
        {
            return _markets.TryGetValue(market, out var index) ? index.Mark : null;
        }
    }

    /// <summary>Adds the holders whose entries the market's current mark crosses; returns how many (none without a mark).</summary>
    public int Candidates(MarketId market, ICollection<PositionHolder> into)
    {
        lock (_lock)
        {
            return _markets.TryGetValue(market, out var index) && index.Mark is { } mark ? index.Entries.Crossed(mark.Units, into) : 0;
        }
    }

    /// <summary>Adds the holders whose entries a mark would cross (without setting it); returns how many were touched.</summary>
    public int CandidatesAt(MarketId market, Price mark, ICollection<PositionHolder> into)
    {
        lock (_lock)
        {
            return _markets.TryGetValue(market, out var index) ? index.Entries.Crossed(mark.Units, into) : 0;
        }
    }

    /// <summary>True when the account's multi-market cross entries wait for <see cref="Refresh"/>.</summary>
    public bool IsStale(string accountKey)
    {
        lock (_lock)
        {
            return _cross.TryGetValue(accountKey, out var legs) && legs.Stale;
        }
    }

    /// <summary>Open interest: the sums of long and of |short| sizes held on the platform in the market.</summary>
    public (Quantity Long, Quantity Short) OpenInterest(MarketId market)
    {
        lock (_lock)
        {
            return _markets.TryGetValue(market, out var index) ? (new Quantity(index.LongSize), new Quantity(index.ShortSize)) : (Quantity.Zero, Quantity.Zero);
        }
    }

    /// <summary>How many positions the index holds in a market.</summary>
    public int PositionCount(MarketId market)
    {
        lock (_lock)
        {
            return _markets.TryGetValue(market, out var index) ? index.HolderCount : 0;
        }
    }

    /// <summary>The markets the index knows.</summary>
    public IReadOnlyList<MarketId> Markets
    {
        get
        {
            lock (_lock)
            {
                return [.. _markets.Keys];
            }
        }
    }

    /// <summary>Takes the holders that appeared in or left a market since the last call (for the persisted registry).</summary>
    public IReadOnlyList<RegistryChange> DrainRegistryChanges()
    {
        lock (_lock)
        {
            var changes = _registryChanges.ToArray();
            _registryChanges.Clear();
            return changes;
        }
    }

    /// <summary>Puts changes back at the front of the queue (a registry write failed).</summary>
    public void Requeue(IEnumerable<RegistryChange> changes)
    {
        lock (_lock)
        {
            _registryChanges.InsertRange(0, changes);
        }
    }

    private void Apply(LiquidationIndexEntry entry)
    {
        if (entry.Mode == MarginMode.Isolated)
        {
            var holder = new PositionHolder(entry.AccountKey, MarginMode.Isolated);
            var index = IndexOf(entry.Market);
            Record(entry.Market, holder, index.SetSize(holder, entry.Size));
            if (LiquidationEntryPrice.For(entry.LiquidationPrice, entry.Size, 1) is { } price)
            {
                index.Entries.Place(holder, entry.Size.Sign, price);
            }
            else
            {
                index.Entries.Remove(holder);
            }

            return;
        }

        if (!_cross.TryGetValue(entry.AccountKey, out var legs))
        {
            if (entry.Size.IsZero)
            {
                return;
            }

            legs = new CrossLegs();
            _cross[entry.AccountKey] = legs;
        }

        SetCrossLeg(entry.AccountKey, legs, entry.Market, entry.Size, entry.LiquidationPrice);
        PlaceCross(entry.AccountKey, legs);
    }

    private void SetCrossLeg(string accountKey, CrossLegs legs, MarketId market, Quantity size, Price? liquidation)
    {
        var holder = new PositionHolder(accountKey, MarginMode.Cross);
        Record(market, holder, IndexOf(market).SetSize(holder, size));
        if (size.IsZero)
        {
            legs.Legs.Remove(market);
            if (legs.Legs.Count == 0)
            {
                ClearTriggers(accountKey, legs);
                _cross.Remove(accountKey);
            }

            return;
        }

        // the account computed the price at (about) the marks the book holds now: every market's, shared immutably
        legs.Legs[market] = new CrossLeg(size, liquidation, _marks);
    }

    private void Record(MarketId market, PositionHolder holder, int change)
    {
        if (change != 0)
        {
            _registryChanges.Add(new RegistryChange(market, holder, change > 0));
        }
    }

    private MarketLiquidationIndex IndexOf(MarketId market)
    {
        if (!_markets.TryGetValue(market, out var index))
        {
            index = new MarketLiquidationIndex();
            _markets[market] = index;
        }

        return index;
    }
}

/// <summary>A holder that appeared in (<paramref name="Added"/>) or left a market's index.</summary>
/// <param name="Market">The market.</param>
/// <param name="Holder">The holder.</param>
/// <param name="Added">True when it appeared.</param>
public readonly record struct RegistryChange(MarketId Market, PositionHolder Holder, bool Added);
