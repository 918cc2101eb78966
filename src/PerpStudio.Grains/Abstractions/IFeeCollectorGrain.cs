using System.Collections.Immutable;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Abstractions;

/// <summary>
/// The fees an operator's traders paid (key: operatorId), split venue / builder / platform / operator / referral, in
/// total and per (market, UTC day). Accounts send credits from an outbox numbered per account, so a credit retried
/// after a crash is counted once.
/// </summary>
public interface IFeeCollectorGrain : IGrainWithStringKey
{
    /// <summary>Counts a credit unless one with the same or a higher <see cref="FeeCredit.Sequence"/> from its account was counted.</summary>
    Task<FeeTotals> CreditAsync(FeeCredit credit);

    /// <summary>The totals so far.</summary>
    Task<FeeTotals> GetTotalsAsync();

    /// <summary>Revenue rows per (UTC day, market) within the query, oldest day first, and their totals.</summary>
    Task<RevenueReport> GetRevenueReportAsync(RevenueQuery query);
}

/// <summary>
/// One UTC day of an operator's revenue rows (key: "{operatorId}/{yyyy-MM-dd}"), written by the fee collector; it
/// counts each credit once on its own, so a collector retried after a crash cannot count a row twice.
/// </summary>
public interface IRevenueDayGrain : IGrainWithStringKey
{
    /// <summary>Counts a credit in its market's row unless this day already counted it.</summary>
    Task AddAsync(FeeCredit credit);

    /// <summary>The day's rows, a row per market.</summary>
    Task<IReadOnlyList<RevenueRow>> GetRowsAsync();

    /// <summary>Deletes the day (it fell out of the kept window).</summary>
    Task ClearAsync();
}

/// <summary>A fee paid on one fill.</summary>
/// <param name="AccountKey">The paying account.</param>
/// <param name="Sequence">The account's outbox number: strictly increasing per account.</param>
/// <param name="FillId">The fill the fee was charged on.</param>
/// <param name="Venue">Owed to the venue.</param>
/// <param name="Builder">To the frontend builder.</param>
/// <param name="Platform">The platform's share of the markup.</param>
/// <param name="Operator">The operator's share of the markup (after any referral rebate).</param>
public sealed record FeeCredit(string AccountKey, long Sequence, string FillId, Money Venue, Money Builder, Money Platform, Money Operator)
{
    /// <summary>The referrer's rebate, paid into the referrer's ledger (not kept by the collector).</summary>
    public Money Referral { get; init; }

    /// <summary>The fill's market (unset in credits recorded before markets were reported).</summary>
    public MarketId Market { get; init; }

    /// <summary>When the fill was booked: its UTC day is the report's day.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>The fill's notional (size x price), the report's volume.</summary>
    public Money Notional { get; init; }

    /// <summary>The whole fee the trader paid.</summary>
    public Money Total => Venue + Builder + Platform + Operator + Referral;
}

/// <summary>Fees collected for an operator, by recipient.</summary>
/// <param name="Venue">Owed to venues.</param>
/// <param name="Builder">Owed to builders.</param>
/// <param name="Platform">The platform's revenue.</param>
/// <param name="Operator">The operator's revenue.</param>
/// <param name="Credits">How many fills paid fees.</param>
public sealed record FeeTotals(Money Venue, Money Builder, Money Platform, Money Operator, long Credits)
{
    /// <summary>Nothing collected.</summary>
    public static readonly FeeTotals Zero = new(Money.Zero, Money.Zero, Money.Zero, Money.Zero, 0);

    /// <summary>Rebates paid on to referrers' ledgers out of the operator's part.</summary>
    public Money Referral { get; init; }

    /// <summary>
    /// Every fee the collector keeps: what invariant 1 counts as "fees collected". Referral rebates are not in it: they
    /// sit in the referrers' ledgers.
    /// </summary>
    public Money Total => Venue + Builder + Platform + Operator;

    /// <summary>Everything traders paid in fees: <see cref="Total"/> and the referral rebates.</summary>
    public Money Paid => Total + Referral;
}

/// <summary>Which revenue rows to return.</summary>
/// <param name="From">First UTC day included, or null for the oldest kept.</param>
/// <param name="To">Last UTC day included, or null for the newest.</param>
/// <param name="Market">Only this market, or null for all.</param>
public sealed record RevenueQuery(DateOnly? From, DateOnly? To, MarketId? Market)
{
    /// <summary>Everything kept.</summary>
    public static readonly RevenueQuery All = new(null, null, null);
}

/// <summary>Fees of one market on one UTC day.</summary>
/// <param name="Day">The UTC day.</param>
/// <param name="Market">The market.</param>
/// <param name="Volume">Notional traded on fills that paid fees.</param>
/// <param name="Venue">Venue fees.</param>
/// <param name="Builder">Builder fees.</param>
/// <param name="Platform">Platform revenue.</param>
/// <param name="Operator">Operator revenue.</param>
/// <param name="Referral">Referral rebates.</param>
/// <param name="Fills">Fills counted.</param>
public sealed record RevenueRow(DateOnly Day, MarketId Market, Money Volume, Money Venue, Money Builder, Money Platform, Money Operator, Money Referral, long Fills)
{
    /// <summary>Everything traders paid in fees on these fills.</summary>
    public Money Collected => Venue + Builder + Platform + Operator + Referral;

    /// <summary>This row with one more credit of its day and market counted.</summary>
    public RevenueRow Plus(FeeCredit credit)
    {
        ArgumentNullException.ThrowIfNull(credit);
        return this with
        {
            Volume = Volume + credit.Notional,
            Venue = Venue + credit.Venue,
            Builder = Builder + credit.Builder,
            Platform = Platform + credit.Platform,
            Operator = Operator + credit.Operator,
            Referral = Referral + credit.Referral,
            Fills = Fills + 1,
        };
    }
}

/// <summary>Revenue rows and their totals; the totals are the sums of the rows to the micro-unit.</summary>
/// <param name="Rows">Rows by day then market.</param>
/// <param name="Totals">The sums of the rows.</param>
/// <param name="OldestDayKept">The oldest day still kept (rows further back were dropped), or null when none.</param>
public sealed record RevenueReport(ImmutableArray<RevenueRow> Rows, RevenueTotals Totals, DateOnly? OldestDayKept);

/// <summary>The sums of a report's rows.</summary>
/// <param name="Volume">Notional.</param>
/// <param name="Venue">Venue fees.</param>
/// <param name="Builder">Builder fees.</param>
/// <param name="Platform">Platform revenue.</param>
/// <param name="Operator">Operator revenue.</param>
/// <param name="Referral">Referral rebates.</param>
/// <param name="Fills">Fills.</param>
public sealed record RevenueTotals(Money Volume, Money Venue, Money Builder, Money Platform, Money Operator, Money Referral, long Fills)
{
    /// <summary>Everything traders paid in fees.</summary>
    public Money Collected => Venue + Builder + Platform + Operator + Referral;

    /// <summary>The sums of <paramref name="rows"/>.</summary>
    public static RevenueTotals Of(IEnumerable<RevenueRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var t = new RevenueTotals(Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Zero, 0);
        foreach (var r in rows)
        {
            t = new RevenueTotals(t.Volume + r.Volume, t.Venue + r.Venue, t.Builder + r.Builder, t.Platform + r.Platform, t.Operator + r.Operator, t.Referral + r.Referral, t.Fills + r.Fills);
        }

        return t;
    }
}
