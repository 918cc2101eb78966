using System.Collections.Immutable;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Funding;

/// <summary>
/// A market's hourly funding (key: market symbol). Each whole hour is settled once: every holder in the market's
/// position registry gets a <see cref="Abstractions.FundingCharge"/> whose id is the market and the hour, which its grain
/// applies at most once, so a settlement interrupted by a restart is simply run again: nothing is skipped or doubled.
/// Calls the market, the registry, accounts and isolated positions; none of them calls it.
/// </summary>
public interface IFundingGrain : IGrainWithStringKey
{
    /// <summary>Settles every whole hour up to <paramref name="now"/> not settled yet (the first run settles only the latest).</summary>
    Task<ImmutableArray<FundingSettlement>> SettleDueAsync(DateTimeOffset now);

    /// <summary>What has been settled.</summary>
    Task<FundingStatus> GetStatusAsync();
}

/// <summary>One settled hour.</summary>
/// <param name="FundingId">market:yyyy-MM-ddTHH (the charges' idempotency key).</param>
/// <param name="Market">The market.</param>
/// <param name="Hour">The hour's settlement time.</param>
/// <param name="OraclePrice">The oracle price the payments were computed at.</param>
/// <param name="Rate">The hourly rate (positive: longs pay).</param>
/// <param name="Charged">Positions charged (with a non-zero size).</param>
/// <param name="ReceivedByTraders">Sum of the positive payments (what traders received).</param>
/// <param name="PaidByTraders">Sum of the negative payments, as a positive amount (what traders paid).</param>
public sealed record FundingSettlement(string FundingId, MarketId Market, DateTimeOffset Hour, Price OraclePrice, Rate Rate, int Charged, Money ReceivedByTraders, Money PaidByTraders);

/// <summary>A market's funding so far.</summary>
/// <param name="LastSettled">The last hour settled, or null.</param>
/// <param name="InProgress">An hour begun but not finished (a restart resumes it with the same price and rate).</param>
/// <param name="History">The latest settlements, oldest first (at most 48).</param>
public sealed record FundingStatus(DateTimeOffset? LastSettled, FundingSettlement? InProgress, ImmutableArray<FundingSettlement> History);
