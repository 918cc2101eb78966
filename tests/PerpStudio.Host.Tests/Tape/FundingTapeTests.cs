using PerpStudio.Api.MarketData;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Funding;
using PerpStudio.Host.Markets;

namespace PerpStudio.Host.Tests.Tape;

public sealed class FundingTapeTests
{
    private static readonly MarketId Btc = new("BTC-USD");
    private static readonly DateTimeOffset Noon = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_settled_hour_is_printed_once_however_often_the_history_is_read()
    {
        var tape = new MarketTape();
        var funding = new FundingTape(tape);
        var first = Settlement(Noon, "0.0001", "100000");
        var second = Settlement(Noon.AddHours(1), "-0.00005", "100250.5");

        funding.Record([first]).ShouldBe(1);
        funding.Record([second, first]).ShouldBe(1);
        funding.Record([first, second]).ShouldBe(0);

        var printed = tape.Funding(Btc, Noon, Noon.AddHours(2));
        printed.Select(f => (f.Time, f.Rate, f.OraclePrice)).ShouldBe(
        [
            (Noon, Rate.Parse("0.0001"), Price.Parse("100000")),
            (Noon.AddHours(1), Rate.Parse("-0.00005"), Price.Parse("100250.5")),
        ]);
    }

    private static FundingSettlement Settlement(DateTimeOffset hour, string rate, string oracle) =>
        new(FundingHours.Id(Btc, hour), Btc, hour, Price.Parse(oracle), Rate.Parse(rate), 3, Money.Of(1m), Money.Of(1m));
}
