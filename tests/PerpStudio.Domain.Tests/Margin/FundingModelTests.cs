using FsCheck;
using FsCheck.Fluent;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Primitives;
using static PerpStudio.Domain.Tests.TestMarkets;

namespace PerpStudio.Domain.Tests.Margin;

public sealed class FundingModelTests
{
    [Fact]
    public void Longs_pay_shorts_when_the_rate_is_positive()
    {
        // size x oracle x rate: 1 x 100,000 x 0.01% = 10
        FundingModel.Payment(new FundingParameters(Q("1"), P("100000"), Rate.Parse("0.0001"))).Value.Amount.ShouldBe(M("-10"));
        FundingModel.Payment(new FundingParameters(Q("-1"), P("100000"), Rate.Parse("0.0001"))).Value.Amount.ShouldBe(M("10"));
        FundingModel.Payment(new FundingParameters(Q("1"), P("100000"), Rate.Parse("-0.0001"))).Value.Amount.ShouldBe(M("10"));
    }

    [Fact]
    public void A_payer_rounds_up_and_a_receiver_rounds_down()
    {
        // 0.0001 x 1.5 x 0.0000125 = 1.875e-9 USD: the long pays one unit, the short receives nothing
        FundingModel.Payment(new FundingParameters(Q("0.0001"), P("1.5"), Rate.Parse("0.0000125"))).Value.Amount.ShouldBe(M("-0.000001"));
        FundingModel.Payment(new FundingParameters(Q("-0.0001"), P("1.5"), Rate.Parse("0.0000125"))).Value.Amount.ShouldBe(Money.Zero);
    }

    [Fact]
    public void The_platform_never_pays_out_more_funding_than_it_receives()
    {
        var gen = from sizes in Generators.BtcSize.ListOf().Select(l => l.Take(20).ToArray())
                  from oracle in Generators.BtcPrice
                  from rate in Gen.Choose(-40_000_000, 40_000_000).Select(u => new Rate(u))
                  select (sizes, oracle, rate);
        Check.QuickThrowOnFailure(Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (sizes, oracle, rate) = input;
            // every long is matched by shorts of the same total size, split differently
            var net = Money.Zero;
            foreach (var size in sizes)
            {
                net += FundingModel.PaymentUnchecked(size, oracle, rate).Amount;
                var half = new Quantity(size.Units / 2);
                net += FundingModel.PaymentUnchecked(-half, oracle, rate).Amount;
                net += FundingModel.PaymentUnchecked(-(size - half), oracle, rate).Amount;
            }

            return net <= Money.Zero; // what traders receive in total never exceeds what they pay
        }));
    }

    [Fact]
    public void A_funding_shock_is_the_hourly_rate_times_the_hours()
    {
        FundingModel.OverHours(Rate.Parse("0.0000125"), 24).ShouldBe(Rate.Parse("0.0003"));
    }

    [Fact]
    public void A_non_positive_oracle_price_is_refused()
    {
        FundingModel.Payment(new FundingParameters(Q("1"), Price.Zero, Rate.Zero)).Error!.Code.ShouldBe("oracle_price_not_positive");
    }
}
