using PerpStudio.Api.Application;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Web.Models;

namespace PerpStudio.Web.Tests.Models;

public sealed class PositionRowTests
{
    internal static PositionView Isolated(decimal margin, decimal pnl, decimal maintenance) =>
        new("k", new MarketId("BTC-USD"), MarginMode.Isolated, Quantity.Parse("1"), Price.Parse("100000"), Price.Parse("99000"), 10,
            Money.Of(pnl), Money.Of(99000m), Money.Of(9900m), Money.Of(maintenance), Money.Of(margin), LiquidationPrice.None, false);

    internal static AccountSummary Summary(Rate? crossRatio) =>
        new("k", Money.Of(1000m), Money.Of(1000m), Money.Zero, Money.Zero, Money.Zero, crossRatio, Money.Of(1000m), Money.Zero, Money.Zero, Money.Zero,
            Money.Of(1000m), Money.Of(1000m), false, 1);

    [Fact]
    public void An_isolated_positions_margin_ratio_is_its_maintenance_over_its_own_equity()
    {
        // equity 10,000 - 1,000 = 9,000; maintenance 1,237.5 -> 13.75%
        var row = PositionRow.Of([new PositionDetail(Isolated(10000m, -1000m, 1237.5m), null, null)], Summary(null), null).Single();

        row.MarginRatio.ShouldBe(Rate.Parse("0.1375"));
        row.ReturnOnEquity.ShouldBe(Rate.Parse("-0.1"));
        row.Alerting.ShouldBeFalse();
    }

    [Fact]
    public void A_cross_position_shows_the_accounts_cross_margin_ratio()
    {
        var cross = Isolated(0m, 50m, 100m) with { Mode = MarginMode.Cross };

        var row = PositionRow.Of([new PositionDetail(cross, null, null)], Summary(Rate.Parse("0.42")), null).Single();

        row.MarginRatio.ShouldBe(Rate.Parse("0.42"));
    }

    [Fact]
    public void The_alert_fires_once_the_margin_ratio_reaches_the_threshold_and_not_before()
    {
        var positions = new[] { new PositionDetail(Isolated(10000m, -1000m, 1237.5m), null, null) };

        PositionRow.Of(positions, Summary(null), Rate.Parse("0.1375")).Single().Alerting.ShouldBeTrue();
        PositionRow.Of(positions, Summary(null), Rate.Parse("0.1376")).Single().Alerting.ShouldBeFalse();
    }

    [Fact]
    public void A_position_whose_equity_is_gone_always_alerts()
    {
        var row = PositionRow.Of([new PositionDetail(Isolated(100m, -150m, 10m), null, null)], Summary(null), Rate.Parse("0.9")).Single();

        row.MarginRatio.ShouldBeNull();
        row.Alerting.ShouldBeTrue();
    }

    [Fact]
    public void Ratios_are_exact_and_never_divide_by_zero()
    {
        PositionRow.Ratio(Money.Of(1m), Money.Of(3m)).ShouldBe(new Rate(3333333333));
        PositionRow.Ratio(Money.Of(1m), Money.Zero).ShouldBeNull();
    }
}
