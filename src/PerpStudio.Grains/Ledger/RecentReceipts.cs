using System.Collections.Immutable;

namespace PerpStudio.Grains.Ledger;

/// <summary>
/// The receipts of the most recent operations by id, so that a retried operation gets its first answer back. Bounded:
/// the oldest are forgotten beyond <see cref="Capacity"/>, far more than any caller has in flight.
/// </summary>
/// <typeparam name="T">The receipt type.</typeparam>
public sealed record RecentReceipts<T>
{
    /// <summary>How many receipts are kept.</summary>
    public const int Capacity = 4096;

    /// <summary>Receipts by operation id.</summary>
    public ImmutableDictionary<string, T> Items { get; init; } = ImmutableDictionary<string, T>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Operation ids, oldest first.</summary>
    public ImmutableQueue<string> Order { get; init; } = [];

    /// <summary>The receipt of an operation, if it is remembered.</summary>
    public bool TryGet(string id, out T receipt) => Items.TryGetValue(id, out receipt!);

    /// <summary>Remembers a receipt, forgetting the oldest beyond capacity.</summary>
    public RecentReceipts<T> Add(string id, T receipt)
    {
        var items = Items.SetItem(id, receipt);
        var order = Order.Enqueue(id);
        while (items.Count > Capacity)
        {
            order = order.Dequeue(out var oldest);
            items = items.Remove(oldest);
        }

        return new RecentReceipts<T> { Items = items, Order = order };
    }
}
