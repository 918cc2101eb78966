using System.Collections.Immutable;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Accounts;

/// <summary>
/// Keeping the hot state small: finished orders, fills and ledger entries move into history pages (written before the
/// hot state that stops holding them), and every lookup by id consults the hot state, then the history's index.
/// </summary>
public sealed partial class AccountGrain
{
    private AccountHistory? _historyStore;

    // orders changed in this turn stay in the hot state until the turn is over: the turn still reads them after its write
    private readonly HashSet<string> _touchedOrders = new(StringComparer.Ordinal);

    private AccountHistory History => _historyStore ??= new AccountHistory(histories, this.GetGrainId(), GrainKeys.Storage);

    private int PageSize => S.History.PageSize;

    /// <summary>Every fill ever applied to the cross book or recorded after its isolated position answered.</summary>
    private long FillCount => S.History.FillsPagedOut + S.Fills.Count;

    private Task LoadHistoryAsync() => History.LoadAsync(S.History);

    /// <summary>The order id a client order id was given, whether the order is still in the hot state or in history.</summary>
    private bool TryGetOrderId(string? clientOrderId, out string orderId)
    {
        orderId = string.Empty;
        return clientOrderId is not null && (S.OrderIds.TryGetValue(clientOrderId, out orderId!) || History.TryGetOrderId(clientOrderId, out orderId));
    }

    /// <summary>An order from the hot state or, once finished and moved out, from history.</summary>
    private async Task<OrderRecord?> FindOrderAsync(string orderId) =>
        S.Orders.TryGetValue(orderId, out var record) ? record : await History.FindOrderAsync(orderId);

    /// <summary>Brings an archived order back into the hot state (a late fill for it); it is archived again once settled.</summary>
    private async Task<bool> ReviveOrderAsync(string orderId)
    {
        if (S.Orders.ContainsKey(orderId))
        {
            return true;
        }

        if (await History.FindOrderAsync(orderId) is not { } record)
        {
            return false;
        }

        S = S with
        {
            Orders = S.Orders.SetItem(orderId, record),
            OrderIds = record.View.ClientOrderId.Value is { } cloid ? S.OrderIds.SetItem(cloid, orderId) : S.OrderIds,
        };
        _touchedOrders.Add(orderId);
        return true;
    }

    /// <summary>Whether a fill id was applied (or is pending with its isolated position), however long ago.</summary>
    private bool FillApplied(string fillId) => S.AppliedFills.Contains(fillId) || History.HasFill(fillId);

    /// <summary>The applied fill with this id, from the hot state or history.</summary>
    private async Task<FillView?> FindFillAsync(string fillId) =>
        S.Fills.FindLast(f => f.FillId == fillId) ?? await History.FindFillAsync(fillId, PageSize);

    /// <summary>The ledger entry booked under a key, from the hot state or history.</summary>
    private async Task<LedgerEntry?> FindLedgerAsync(string key) =>
        S.Ledger.Find(key) ?? await History.FindLedgerAsync(key, PageSize);

    /// <summary>Whether a ledger key was ever booked (answered in memory).</summary>
    private bool LedgerKeyBooked(string key) => S.Ledger.Find(key) is not null || History.HasLedgerKey(key);

    private Task<Page<FillView>> FillPageAsync(PageRequest page) =>
        HistoryPaging.NewestFirstAsync(page, S.Fills, S.History.FillsPagedOut, PageSize, History.FillPageAsync);

    private Task<Page<LedgerEntry>> LedgerPageAsync(PageRequest page) =>
        HistoryPaging.NewestFirstAsync(page, S.Ledger.Entries, S.Ledger.PagedOut, PageSize, History.LedgerPageAsync);

    /// <summary>
    /// Moves full pages out of the hot state: each page is stored first, and only then dropped from the state that the
    /// caller is about to write. A crash in between leaves the items in the hot state and an unnamed page that is replaced.
    /// </summary>
    private async Task PageOutAsync()
    {
        var size = PageSize;
        var orderPage = AccountPaging.OrderPageSize;
        var finished = S.Orders.Count < orderPage
            ? []
            : S.Orders.Values
                .Where(o => Archivable(o) && !_touchedOrders.Contains(o.View.OrderId))
                .OrderBy(o => o.View.UpdatedAt)
                .ThenBy(o => o.View.OrderId, StringComparer.Ordinal)
                .Take(orderPage)
                .ToImmutableArray();
        if (finished.Length == orderPage)
        {
            var number = S.History.OrderPages + 1;
            await History.WriteOrdersAsync(number, finished);
            S = S with
            {
                Orders = S.Orders.RemoveRange(finished.Select(o => o.View.OrderId)),
                OrderIds = S.OrderIds.RemoveRange(finished.Where(o => o.View.ClientOrderId.Value is not null).Select(o => o.View.ClientOrderId.Value!)),
                History = S.History with { OrderPages = number },
            };
        }

        // the newest fill and ledger entry stay: the turn that made them answers with them after its write
        if (S.Fills.Count > size)
        {
            var fills = S.Fills.GetRange(0, size).ToImmutableArray();
            var number = S.History.FillPages + 1;
            await History.WriteFillsAsync(number, fills);
            S = S with
            {
                Fills = S.Fills.RemoveRange(0, size),
                AppliedFills = S.AppliedFills.Except(fills.Select(f => f.FillId)),
                History = S.History with { FillPages = number },
            };
        }

        if (S.Ledger.Entries.Count > size)
        {
            var number = S.History.LedgerPages + 1;
            await History.WriteLedgerAsync(number, S.Ledger.Entries.GetRange(0, size).ToImmutableArray());
            S = S with { Ledger = S.Ledger.WithoutOldest(size), History = S.History with { LedgerPages = number } };
        }
    }

    /// <summary>Finished with nothing left to arrive: no reservation held, the venue reports nothing not yet applied.</summary>
    private static bool Archivable(OrderRecord order) =>
        order.View.IsTerminal && order.View.Reserved.IsZero && order.VenueFilledSize <= order.View.FilledSize;
}
