using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Abstractions;

/// <summary>
/// A market (key: the market symbol): spec, oracle and mark price, funding rate. Accounts and isolated positions read
/// its snapshot for pre-trade checks and margin figures; it never calls an account (so no call cycle can form).
/// </summary>
public interface IMarketGrain : IGrainWithStringKey
{
    /// <summary>The market's spec and prices now. A market with no price yet reports <see cref="MarketSnapshot.Mark"/> zero and stale.</summary>
    Task<MarketSnapshot> GetSnapshotAsync();
}

/// <summary>What an account needs of a market at one moment.</summary>
/// <param name="Spec">Tick, lot, minimum notional, margin tiers.</param>
/// <param name="Mark">The mark price margin is computed at.</param>
/// <param name="Oracle">The oracle (index) price funding is computed at.</param>
/// <param name="FundingRate">The current funding rate per interval (positive: longs pay).</param>
/// <param name="MarkTime">When the mark was last updated.</param>
/// <param name="IsStale">True when the market itself considers its mark stale (no fresh venue price).</param>
public sealed record MarketSnapshot(MarketSpec Spec, Price Mark, Price Oracle, Rate FundingRate, DateTimeOffset MarkTime, bool IsStale);
