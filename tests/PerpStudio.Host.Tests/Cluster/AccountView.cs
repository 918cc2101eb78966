using System.Globalization;
using PerpStudio.Client;
using PerpStudio.Contracts.V1;

namespace PerpStudio.Host.Tests.Cluster;

/// <summary>What a trader sees of an account, in a form compared by value: collateral, positions, ledger and fills.</summary>
/// <param name="Collateral">The account's collateral.</param>
/// <param name="Positions">Each position as market, margin mode, size, entry price and margin.</param>
/// <param name="LedgerIds">The ids of the ledger entries, in order.</param>
/// <param name="FilledOrders">The client order ids of the fills, in order.</param>
internal sealed record AccountView(decimal Collateral, string Positions, string LedgerIds, string FilledOrders)
{
    /// <summary>Reads the trader's account through <paramref name="client"/>.</summary>
    public static async Task<AccountView> ReadAsync(PerpStudioClient client)
    {
        var summary = await client.GetAccountSummaryAsync(new GetAccountSummaryRequest());
        var positions = (await client.ListPositionsAsync(new ListPositionsRequest())).Positions
            .OrderBy(p => p.Market, StringComparer.Ordinal)
            .Select(p => $"{p.Market} {p.MarginMode} {p.Size}@{p.EntryPrice} margin {p.Margin}");
        var ledger = (await client.GetLedgerAsync(new GetLedgerRequest())).Entries.Select(e => e.EntryId);
        var fills = (await client.ListFillsAsync(new ListFillsRequest())).Fills.Select(f => f.ClientOrderId);

        // strings, so that record equality compares the contents
        return new AccountView(
            decimal.Parse(summary.Collateral, NumberStyles.Number, CultureInfo.InvariantCulture),
            string.Join("; ", positions),
            string.Join(" ", ledger),
            string.Join(" ", fills));
    }
}
