using System.Collections.Concurrent;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Tests.Support;

/// <summary>The market snapshots the tests set; read by <see cref="TestMarketGrain"/>.</summary>
public sealed class TestMarkets
{
    private readonly ConcurrentDictionary<string, MarketSnapshot> _snapshots = new(StringComparer.Ordinal);

    /// <summary>Sets a market's snapshot.</summary>
    public void Set(MarketSnapshot snapshot) => _snapshots[snapshot.Spec.Id.Symbol] = snapshot;

    /// <summary>A market's snapshot.</summary>
    public MarketSnapshot Get(MarketId market) => _snapshots[market.Symbol];
}

/// <summary>A stand-in for the market grain (built with liquidation and funding): serves what the test set.</summary>
public sealed class TestMarketGrain(TestMarkets markets) : Grain, IMarketGrain
{
    /// <inheritdoc />
    public Task<MarketSnapshot> GetSnapshotAsync() => Task.FromResult(markets.Get(new MarketId(this.GetPrimaryKeyString())));
}

/// <summary>The bad-debt claims the accounts sent, once per claim id, in order.</summary>
public sealed class TestInsurance
{
    private readonly Lock _gate = new();
    private readonly List<BadDebtClaim> _claims = [];

    /// <summary>Records a claim unless its id was seen; returns true when it was a repeat.</summary>
    public bool Record(BadDebtClaim claim)
    {
        lock (_gate)
        {
            if (_claims.Exists(c => c.ClaimId == claim.ClaimId))
            {
                return true;
            }

            _claims.Add(claim);
            return false;
        }
    }

    /// <summary>The claims so far.</summary>
    public IReadOnlyList<BadDebtClaim> Claims()
    {
        lock (_gate)
        {
            return [.. _claims];
        }
    }
}

/// <summary>A process-local stand-in for the insurance fund (the real one is exercised with liquidation).</summary>
public sealed class TestInsuranceFundGrain(TestInsurance insurance) : Grain, IInsuranceFundGrain
{
    /// <inheritdoc />
    public Task<BadDebtCover> CoverBadDebtAsync(BadDebtClaim claim)
    {
        var duplicate = insurance.Record(claim);
        var balance = insurance.Claims().Aggregate(Money.Zero, (sum, c) => sum - c.Amount);
        return Task.FromResult(new BadDebtCover(claim.ClaimId, balance, duplicate));
    }
}
