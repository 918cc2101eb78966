using PerpStudio.Api.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Grains.Abstractions;

namespace PerpStudio.Api.Application;

/// <summary>A revenue report and the totals since the operator started.</summary>
/// <param name="Report">Rows per (UTC day, market) in the query, with their sums.</param>
/// <param name="SinceStart">Every fee counted since the start (rows older than the kept window included).</param>
public sealed record RevenueView(RevenueReport Report, FeeTotals SinceStart);

/// <summary>Revenue: fees collected and how they split, by market and by UTC day.</summary>
public sealed partial class OperatorAdminService
{
    /// <summary>Fees collected for the operator so far, by recipient.</summary>
    public async Task<FeeTotals> GetRevenueAsync(CallerContext caller)
    {
        var operatorId = Access.RequireOperatorReader(caller);
        return await grains.GetGrain<IFeeCollectorGrain>(operatorId).GetTotalsAsync();
    }

    /// <summary>Revenue rows of UTC days from <paramref name="from"/> to <paramref name="to"/> (inclusive; null for no bound), of one market or all.</summary>
    public async Task<RevenueView> GetRevenueReportAsync(CallerContext caller, DateOnly? from, DateOnly? to, MarketId? market)
    {
        var operatorId = Access.RequireOperatorReader(caller);
        if (from is { } f && to is { } t && f > t)
        {
            throw new ApiException(ApiError.Invalid("end_unix_ms", "range_reversed", $"the range ends ({t:yyyy-MM-dd}) before it starts ({f:yyyy-MM-dd})"));
        }

        var collector = grains.GetGrain<IFeeCollectorGrain>(operatorId);
        var report = await collector.GetRevenueReportAsync(new RevenueQuery(from, to, market));
        return new RevenueView(report, await collector.GetTotalsAsync());
    }
}
