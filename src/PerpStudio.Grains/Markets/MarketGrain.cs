using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Liquidation;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Markets;

/// <summary>
/// A market's stored state: its listing, and the last aggregate as of the last deactivation (not every price: after a
/// restart the market values positions at that mark but is stale until its sources report again).
/// </summary>
public sealed record MarketState
{
    /// <summary>The listing, or null when never listed.</summary>
    public MarketListing? Listing { get; init; }

    /// <summary>The last aggregate with a fresh source, when the activation ended.</summary>
    public MarkAggregate? LastPrices { get; init; }
}

/// <summary>
/// A market (key: symbol): spec, mark and oracle aggregated from several sources (median, outliers beyond a band
/// discarded and reported), funding rate, staleness on the clock, open interest from the liquidation index. It calls no
/// grain; every new mark goes to the process's <see cref="LiquidationBook"/>.
/// </summary>
public sealed class MarketGrain(
    [PersistentState("market", GrainKeys.Storage)] IPersistentState<MarketState> state,
    TimeProvider clock,
    LiquidationBook book,
    RiskInstruments instruments) : Grain, IMarketGrain, IMarketFeedGrain
{
    private readonly Dictionary<string, PriceSourceReading> _readings = new(StringComparer.Ordinal);
    private MarkAggregate? _last;

    // the answer of GetSnapshotAsync, reused until a reading arrives or a fresh one turns stale (asked on every order)
    private (Task<MarketSnapshot> Snapshot, DateTimeOffset SameUntil)? _snapshot;

    private MarketId Market => new(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _last = state.State.LastPrices;
        if (_last is not null)
        {
            book.UpdateMark(Market, _last.Mark);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_last is not null && _last != state.State.LastPrices && state.State.Listing is not null)
        {
            state.State = state.State with { LastPrices = _last };
            await state.WriteStateAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task<MarketSnapshot> GetSnapshotAsync()
    {
        var listing = state.State.Listing ?? throw new InvalidOperationException($"market {Market} is not listed");
        var time = clock.GetUtcNow();
        if (_snapshot is { } held && time <= held.SameUntil)
        {
            return held.Snapshot;
        }

        var snapshot = Task.FromResult(Snapshot(listing, time));
        _snapshot = (snapshot, MarkAggregator.SameUntil(_readings.Values, time, listing.Prices));
        return snapshot;
    }

    private MarketSnapshot Snapshot(MarketListing listing, DateTimeOffset time)
    {
        var now = MarkAggregator.Aggregate(_readings.Values, time, listing.Prices);
        if (now.Kept.Count == 0)
        {
            // no fresh source: the last mark still values positions, but the market is stale
            return _last is { } last
                ? new MarketSnapshot(listing.Spec, last.Mark, last.Oracle, last.FundingRate, last.Time, true)
                : new MarketSnapshot(listing.Spec, Price.Zero, Price.Zero, Rate.Zero, DateTimeOffset.MinValue, true);
        }

        return new MarketSnapshot(listing.Spec, now.Mark, now.Oracle, now.FundingRate, now.Time, now.IsStale);
    }

    /// <inheritdoc />
    public async Task<Result<MarketSnapshot>> ListAsync(MarketListing listing)
    {
        if (listing?.Spec is null)
        {
            return Refusals.Required("spec");
        }

        if (listing.Spec.Id != Market)
        {
            return new DomainError(ErrorKind.InvalidArgument, "market_mismatch", "spec.id", $"the spec is for {listing.Spec.Id}, not {Market}");
        }

        var rules = MarketRules.Create(listing.Spec);
        if (!rules.IsSuccess)
        {
            return rules.Error;
        }

        if (listing.Prices?.Problem() is { } problem)
        {
            return new DomainError(ErrorKind.InvalidArgument, "invalid_price_settings", "prices", problem);
        }

        state.State = state.State with { Listing = listing };
        await state.WriteStateAsync();
        _snapshot = null;
        return await GetSnapshotAsync();
    }

    /// <inheritdoc />
    public Task<Result<MarkAggregate>> ReportPricesAsync(PriceSourceReading reading)
    {
        if (state.State.Listing is not { } listing)
        {
            return Task.FromResult<Result<MarkAggregate>>(Refusals.UnknownMarket(Market.Symbol));
        }

        if (Invalid(reading) is { } error)
        {
            return Task.FromResult<Result<MarkAggregate>>(error);
        }

        // a reading older than the one held for its source arrived out of order: the newer one stands
        if (!_readings.TryGetValue(reading.Source, out var held) || held.Time <= reading.Time)
        {
            _readings[reading.Source] = reading;
            _snapshot = null;
        }

        var aggregate = MarkAggregator.Aggregate(_readings.Values, clock.GetUtcNow(), listing.Prices);
        if (aggregate.Discarded.Count > 0)
        {
            instruments.OutliersDiscarded.Add(aggregate.Discarded.Count, new KeyValuePair<string, object?>("market", Market.Symbol));
        }

        if (aggregate.Kept.Count > 0)
        {
            if (_last?.Mark != aggregate.Mark)
            {
                book.UpdateMark(Market, aggregate.Mark);
            }

            _last = aggregate;
        }

        return Task.FromResult<Result<MarkAggregate>>(aggregate);
    }

    /// <inheritdoc />
    public Task<OpenInterest> GetOpenInterestAsync()
    {
        var (longs, shorts) = book.OpenInterest(Market);
        return Task.FromResult(new OpenInterest(longs, shorts));
    }

    private static DomainError? Invalid(PriceSourceReading? reading) =>
        reading is null ? Refusals.Required("reading")
        : string.IsNullOrWhiteSpace(reading.Source) ? Refusals.Required("source")
        : !reading.Mark.IsPositive ? Refusals.NotPositive("mark", reading.Mark.ToString())
        : !reading.Oracle.IsPositive ? Refusals.NotPositive("oracle", reading.Oracle.ToString())
        : null;
}
