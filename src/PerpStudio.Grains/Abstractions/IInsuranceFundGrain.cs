using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Abstractions;

/// <summary>
/// An operator's insurance fund (key: operatorId; implemented with liquidation). The account grain calls only
/// <see cref="CoverBadDebtAsync"/>: an isolated position closed by a fill with a loss beyond its margin leaves bad
/// debt that the fund absorbs (never the account).
/// </summary>
public interface IInsuranceFundGrain : IGrainWithStringKey
{
    /// <summary>Debits the fund by the claim, once per <see cref="BadDebtClaim.ClaimId"/>.</summary>
    Task<BadDebtCover> CoverBadDebtAsync(BadDebtClaim claim);
}

/// <summary>Bad debt to absorb.</summary>
/// <param name="ClaimId">The idempotency key ("{accountKey}:fill:{fillId}").</param>
/// <param name="AccountKey">The account whose isolated position left it.</param>
/// <param name="Market">The market.</param>
/// <param name="Amount">Positive.</param>
public sealed record BadDebtClaim(string ClaimId, string AccountKey, MarketId Market, Money Amount);

/// <summary>The fund's answer.</summary>
/// <param name="ClaimId">The claim.</param>
/// <param name="FundBalance">The fund after it (may go negative: auto-deleveraging's trigger).</param>
/// <param name="Duplicate">True when already covered.</param>
public sealed record BadDebtCover(string ClaimId, Money FundBalance, bool Duplicate);
