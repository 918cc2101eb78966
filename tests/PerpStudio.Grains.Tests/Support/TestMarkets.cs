using System.Collections.Concurrent;
using PerpStudio.Domain.Errors;
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

    /// <inheritdoc />
    public Task<Result<MarketSnapshot>> ListAsync(MarketListing listing)
    {
        var snapshot = new MarketSnapshot(listing.Spec, Price.Zero, Price.Zero, Rate.Zero, DateTimeOffset.MinValue, true);
        markets.Set(snapshot);
        return Task.FromResult(Result<MarketSnapshot>.Ok(snapshot));
    }

    /// <inheritdoc />
    public Task<Result<MarkAggregate>> ReportPricesAsync(PriceSourceReading reading)
    {
        var current = markets.Get(new MarketId(this.GetPrimaryKeyString()));
        markets.Set(current with { Mark = reading.Mark, Oracle = reading.Oracle, FundingRate = reading.FundingRate, MarkTime = reading.Time, IsStale = false });
        return Task.FromResult(Result<MarkAggregate>.Ok(new MarkAggregate(reading.Mark, reading.Oracle, reading.FundingRate, reading.Time, [reading.Source], [], false)));
    }

    /// <inheritdoc />
    public Task<OpenInterest> GetOpenInterestAsync() =>
        throw new NotSupportedException("the test market serves prices only; open interest belongs to the real market grain");
}

/// <summary>What the accounts sent to the insurance fund, in order.</summary>
public sealed class TestInsurance
{
    private readonly Lock _gate = new();
    private readonly List<FundEntry> _entries = [];

    /// <summary>Books a movement once per key; returns the entry and whether it was a repeat.</summary>
    public (FundEntry Entry, bool Duplicate) Book(string key, Money amount, string source, MarketId? market)
    {
        lock (_gate)
        {
            if (_entries.Find(e => e.Key == key) is { } seen)
            {
                return (seen, true);
            }

            var balance = (_entries.Count == 0 ? Money.Zero : _entries[^1].BalanceAfter) + amount;
            var entry = new FundEntry(_entries.Count + 1, key, amount, balance, source, market);
            _entries.Add(entry);
            return (entry, false);
        }
    }

    /// <summary>The fund now.</summary>
    public FundStatement Statement()
    {
        lock (_gate)
        {
            return new FundStatement(_entries.Count == 0 ? Money.Zero : _entries[^1].BalanceAfter, [.. _entries]);
        }
    }
}

/// <summary>A process-local insurance fund for these tests (the real one is exercised with liquidation).</summary>
public sealed class TestInsuranceFundGrain(TestInsurance insurance) : Grain, IInsuranceFundGrain
{
    /// <inheritdoc />
    public Task<BadDebtCover> CoverBadDebtAsync(BadDebtClaim claim)
    {
        var (entry, duplicate) = insurance.Book(claim.ClaimId, -claim.Amount, "bad-debt", claim.Market);
        return Task.FromResult(new BadDebtCover(claim.ClaimId, entry.BalanceAfter, duplicate));
    }

    /// <inheritdoc />
    public Task<Result<FundReceipt>> CreditAsync(FundCredit credit)
    {
        var (entry, duplicate) = insurance.Book(credit.CreditId, credit.Amount, credit.Source, credit.Market);
        return Task.FromResult(Result<FundReceipt>.Ok(new FundReceipt(credit.CreditId, entry.BalanceAfter, duplicate)));
    }

    /// <inheritdoc />
    public Task<FundStatement> GetStatementAsync() => Task.FromResult(insurance.Statement());
}
