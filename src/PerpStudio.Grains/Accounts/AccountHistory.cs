using System.Collections.Immutable;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Runtime;
using PerpStudio.Runtime.Storage;

namespace PerpStudio.Grains.Accounts;

/// <summary>
/// An account's history: finished orders, fills and ledger entries moved out of the hot state in pages, each page its
/// own stored record (state names <c>orders-page-N</c>, <c>fills-page-N</c>, <c>ledger-page-N</c> of the account grain).
/// Every page named by the hot state's <see cref="HistoryMarks"/> is read once per activation to index its keys, so
/// "was this fill id applied / this client order id spent / this ledger key booked" is answered in memory, exactly.
/// </summary>
/// <param name="states">Binds page records to the account's storage.</param>
/// <param name="grain">The account grain.</param>
/// <param name="storageName">The storage the account's state lives in.</param>
internal sealed class AccountHistory(PersistentStateFactory states, GrainId grain, string storageName)
{
    private readonly Dictionary<string, int> _orderPages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _orderIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _fillSequences = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _ledgerSequences = new(StringComparer.Ordinal);

    /// <summary>Fill ids in the history pages.</summary>
    public int FillCount => _fillSequences.Count;

    /// <summary>Reads every page the marks name and indexes their keys (later pages win for a re-archived order).</summary>
    public async Task LoadAsync(HistoryMarks marks)
    {
        var orders = await ReadAllAsync<OrderRecord>(Kind.Orders, marks.OrderPages);
        for (var page = 1; page <= orders.Length; page++)
        {
            IndexOrders(page, orders[page - 1]);
        }

        foreach (var fills in await ReadAllAsync<FillView>(Kind.Fills, marks.FillPages))
        {
            IndexFills(fills);
        }

        foreach (var entries in await ReadAllAsync<LedgerEntry>(Kind.Ledger, marks.LedgerPages))
        {
            IndexLedger(entries);
        }
    }

    /// <summary>Pages 1..count, read a batch at a time so that a remote store pipelines them instead of one round trip each.</summary>
    private async Task<ImmutableArray<T>[]> ReadAllAsync<T>(Kind kind, int count)
    {
        const int batch = 64;
        var pages = new ImmutableArray<T>[count];
        for (var first = 1; first <= count; first += batch)
        {
            var last = Math.Min(count, first + batch - 1);
            var read = await Task.WhenAll(Enumerable.Range(first, last - first + 1).Select(page => ReadAsync<T>(kind, page)));
            read.CopyTo(pages, first - 1);
        }

        return pages;
    }

    /// <summary>The order id a spent client order id was given, if its order is in the history.</summary>
    public bool TryGetOrderId(string clientOrderId, out string orderId) => _orderIds.TryGetValue(clientOrderId, out orderId!);

    /// <summary>Whether a fill id is in the history.</summary>
    public bool HasFill(string fillId) => _fillSequences.ContainsKey(fillId);

    /// <summary>Whether a ledger key is in the history.</summary>
    public bool HasLedgerKey(string key) => _ledgerSequences.ContainsKey(key);

    /// <summary>An archived order, or null.</summary>
    public async Task<OrderRecord?> FindOrderAsync(string orderId) =>
        _orderPages.TryGetValue(orderId, out var page)
            ? (await ReadAsync<OrderRecord>(Kind.Orders, page)).LastOrDefault(o => o.View.OrderId == orderId)
            : null;

    /// <summary>An archived fill, or null.</summary>
    public async Task<FillView?> FindFillAsync(string fillId, int pageSize) =>
        _fillSequences.TryGetValue(fillId, out var sequence) ? await ItemAsync<FillView>(Kind.Fills, sequence, pageSize) : null;

    /// <summary>An archived ledger entry, or null.</summary>
    public async Task<LedgerEntry?> FindLedgerAsync(string key, int pageSize) =>
        _ledgerSequences.TryGetValue(key, out var sequence) ? await ItemAsync<LedgerEntry>(Kind.Ledger, sequence, pageSize) : null;

    /// <summary>One page of fills (page n holds sequences (n-1) x size + 1 .. n x size).</summary>
    public Task<ImmutableArray<FillView>> FillPageAsync(int page) => ReadAsync<FillView>(Kind.Fills, page);

    /// <summary>One page of ledger entries (numbered as fills are).</summary>
    public Task<ImmutableArray<LedgerEntry>> LedgerPageAsync(int page) => ReadAsync<LedgerEntry>(Kind.Ledger, page);

    /// <summary>Stores a page of finished orders, then indexes it. The caller removes them from the hot state after.</summary>
    public async Task WriteOrdersAsync(int page, ImmutableArray<OrderRecord> orders)
    {
        await WriteAsync(Kind.Orders, page, orders);
        IndexOrders(page, orders);
    }

    /// <summary>Stores a page of fills, then indexes it.</summary>
    public async Task WriteFillsAsync(int page, ImmutableArray<FillView> fills)
    {
        await WriteAsync(Kind.Fills, page, fills);
        IndexFills(fills);
    }

    /// <summary>Stores a page of ledger entries, then indexes it.</summary>
    public async Task WriteLedgerAsync(int page, ImmutableArray<LedgerEntry> entries)
    {
        await WriteAsync(Kind.Ledger, page, entries);
        IndexLedger(entries);
    }

    private void IndexOrders(int page, ImmutableArray<OrderRecord> orders)
    {
        foreach (var order in orders)
        {
            _orderPages[order.View.OrderId] = page;
            if (order.View.ClientOrderId.Value is { } cloid)
            {
                _orderIds[cloid] = order.View.OrderId;
            }
        }
    }

    private void IndexFills(ImmutableArray<FillView> fills)
    {
        foreach (var fill in fills)
        {
            _fillSequences[fill.FillId] = fill.Sequence;
        }
    }

    private void IndexLedger(ImmutableArray<LedgerEntry> entries)
    {
        foreach (var entry in entries)
        {
            _ledgerSequences[entry.Key] = entry.Sequence;
        }
    }

    private async Task<T?> ItemAsync<T>(Kind kind, long sequence, int pageSize)
        where T : class
    {
        var page = await ReadAsync<T>(kind, (int)((sequence - 1) / pageSize) + 1);
        var index = (int)((sequence - 1) % pageSize);
        return index < page.Length ? page[index] : null;
    }

    private async Task<ImmutableArray<T>> ReadAsync<T>(Kind kind, int page)
    {
        var record = states.Create<HistoryPage<T>>(grain, NameOf(kind, page), storageName);
        await record.ReadStateAsync();
        return record.RecordExists
            ? record.State.Items
            : throw new InvalidOperationException($"history page {NameOf(kind, page)} of {grain} is named by the account's state but is not stored");
    }

    private async Task WriteAsync<T>(Kind kind, int page, ImmutableArray<T> items)
    {
        // read first: a page written by an activation that crashed before its hot state was stored is simply replaced
        var record = states.Create<HistoryPage<T>>(grain, NameOf(kind, page), storageName);
        await record.ReadStateAsync();
        record.State = new HistoryPage<T> { Items = items };
        await record.WriteStateAsync();
    }

    private static string NameOf(Kind kind, int page) => kind switch
    {
        Kind.Orders => $"orders-page-{page}",
        Kind.Fills => $"fills-page-{page}",
        _ => $"ledger-page-{page}",
    };

    private enum Kind
    {
        Orders,
        Fills,
        Ledger,
    }
}

/// <summary>One stored page of an account's history.</summary>
/// <typeparam name="T">Orders, fills or ledger entries.</typeparam>
public sealed record HistoryPage<T>
{
    /// <summary>The items, oldest first.</summary>
    public ImmutableArray<T> Items { get; init; } = [];
}
