using PerpStudio.Api.MarketData;
using PerpStudio.Domain.Primitives;
using PerpStudio.Web.Models;

namespace PerpStudio.Web.Tests.Models;

public sealed class CandleChartTests
{
    [Fact]
    public void A_single_candle_sits_candle_sized_at_the_right_edge()
    {
        var shapes = CandleChart.Layout([Bar(0, "100", "110", "90", "105")], slots: 60);

        var step = (CandleChart.Width - (2m * CandleChart.Pad)) / 60;
        shapes.ShouldHaveSingleItem().X.ShouldBe(Math.Round(CandleChart.Width - CandleChart.Pad - (step / 2), 2));
        CandleChart.BodyWidth(1, slots: 60).ShouldBe(Math.Round(step * 0.6m, 2));
    }

    [Fact]
    public void Prices_map_high_to_the_top_and_low_to_the_bottom_of_the_plot()
    {
        var shapes = CandleChart.Layout([Bar(0, "100", "110", "90", "105"), Bar(1, "105", "106", "95", "96")], slots: 2);

        shapes[0].WickTop.ShouldBe(CandleChart.Pad);
        shapes[0].WickBottom.ShouldBe(CandleChart.Height - CandleChart.Pad);
        shapes[0].Rising.ShouldBeTrue();
        shapes[1].Rising.ShouldBeFalse();
        shapes[0].X.ShouldBeLessThan(shapes[1].X);
    }

    [Fact]
    public void More_candles_than_slots_each_get_a_slot()
    {
        var bars = Enumerable.Range(0, 80).Select(i => Bar(i, "100", "101", "99", "100")).ToList();

        var shapes = CandleChart.Layout(bars, slots: 60);

        shapes.Count.ShouldBe(80);
        shapes[0].X.ShouldBeGreaterThan(CandleChart.Pad);
        shapes[^1].X.ShouldBeLessThan(CandleChart.Width - CandleChart.Pad);
    }

    private static CandleBar Bar(int minute, string open, string high, string low, string close) =>
        new(DateTimeOffset.UnixEpoch.AddMinutes(minute), Price.Parse(open), Price.Parse(high), Price.Parse(low), Price.Parse(close), Quantity.Parse("1"), 1);
}
