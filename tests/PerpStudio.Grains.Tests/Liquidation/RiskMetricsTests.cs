using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Insurance;
using PerpStudio.Grains.Liquidation;
using PerpStudio.Grains.Markets;

namespace PerpStudio.Grains.Tests.Liquidation;

public sealed class RiskMetricsTests
{
    [Fact]
    public async Task The_fund_balance_is_a_gauge_per_operator_discarded_prices_are_counted_and_a_stale_entry_is_no_liquidation()
    {
        await using var silo = await RiskSilo.StartAsync();
        var factory = silo.Services.GetRequiredService<IMeterFactory>();
        var measured = new Dictionary<string, long>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RiskInstruments.MeterName && instrument.Meter.Scope == factory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (measured)
            {
                measured[instrument.Name] = instrument is ObservableGauge<long> ? value : measured.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.Start();

        await silo.Fund.CreditAsync(new FundCredit("seed", "top-up", Money.Of(250m)));
        await silo.Runtime.GetGrain<IInsuranceFundGrain>(RiskSilo.OperatorId).CoverBadDebtAsync(new BadDebtClaim("c1", "op1/x", RiskSilo.Btc, Money.Of(50m)));
        await silo.MarketFeed(RiskSilo.Btc).ReportPricesAsync(new PriceSourceReading("bad", Price.Of(1m), Price.Of(1m), Rate.Zero, silo.Clock.GetUtcNow()));
        silo.Book.PositionChanged(new LiquidationIndexEntry(RiskSilo.Btc, "op1/ghost", "op1/ghost", Domain.Orders.MarginMode.Cross, -1, Quantity.Of(-1m), null));
        await silo.Engine.SweepAsync();
        listener.RecordObservableInstruments();

        measured["perpstudio.insurance.balance"].ShouldBe(Money.Of(200m).Units);
        measured["perpstudio.prices.outliers"].ShouldBe(1);
        // the ghost holder's account has no position: the index entry was stale and is not a liquidation
        measured.GetValueOrDefault("perpstudio.liquidations").ShouldBe(0);
    }
}
