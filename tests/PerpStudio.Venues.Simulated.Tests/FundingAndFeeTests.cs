using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Simulated.Tests;

public sealed class FundingAndFeeTests
{
    private static Money FeeAt(Rate rate, VenueFill fill) =>
        Money.Of(decimal.Ceiling(decimal.Ceiling(fill.Size.ToDecimal() * fill.Price.ToDecimal() * 1_000_000m) * rate.ToDecimal()) / 1_000_000m);

    [Fact]
    public async Task Takers_and_makers_pay_their_fee_rates_on_each_fill()
    {
        var (_, venue, _) = Sim.Create();
        var fees = venue.Capabilities.Fees;
        var bid = (await venue.BookAsync()).BestBid!.Value.Price.ToDecimal();
        var maker = await venue.PlaceAsync(Sim.Limit(Side.Sell, bid + 1m, 0.03m)); // inside the spread: rests as the best ask
        var other = venue.Exchange.OpenAccount("operator-2", Money.Of(1_000_000m));

        var taker = await other.PlaceAsync(Sim.Market(Side.Buy, 0.03m));

        var makerFill = (await venue.GetFillsAsync(DateTimeOffset.MinValue, 10, CancellationToken.None)).Single();
        var takerFill = (await other.GetFillsAsync(DateTimeOffset.MinValue, 10, CancellationToken.None)).Single();
        makerFill.Liquidity.ShouldBe(Liquidity.Maker);
        makerFill.ClientOrderId.ShouldBe(maker.ClientOrderId);
        makerFill.Fee.ShouldBe(FeeAt(fees.Maker, makerFill));
        takerFill.Liquidity.ShouldBe(Liquidity.Taker);
        takerFill.ClientOrderId.ShouldBe(taker.ClientOrderId);
        takerFill.Fee.ShouldBe(FeeAt(fees.Taker, takerFill));
        takerFill.FillId.ShouldNotBe(makerFill.FillId);
    }

    [Fact]
    public async Task Closing_a_position_realizes_its_pnl_into_collateral()
    {
        var (exchange, venue, _) = Sim.Create();
        var start = (await venue.GetAccountAsync(CancellationToken.None)).Balance.Collateral;
        await venue.PlaceAsync(Sim.Market(Side.Buy, 0.05m));
        exchange.SetReferencePrice(Sim.Btc, Price.Of(102_000m));
        var open = await venue.GetAccountAsync(CancellationToken.None);
        await venue.PlaceAsync(Sim.Market(Side.Sell, 0.05m));

        var fills = await venue.GetFillsAsync(DateTimeOffset.MinValue, 10, CancellationToken.None);
        var end = await venue.GetAccountAsync(CancellationToken.None);
        var pnl = fills.Sum(f => (f.Side == Side.Sell ? 1 : -1) * f.Size.ToDecimal() * f.Price.ToDecimal());
        var fees = fills.Sum(f => f.Fee.ToDecimal());

        open.Positions.Single().UnrealizedPnl.IsPositive.ShouldBeTrue();
        end.Positions.ShouldBeEmpty();
        end.Balance.Collateral.ShouldBe(start + Money.Of(pnl - fees));
        pnl.ShouldBeGreaterThan(0m);
    }

    [Fact]
    public async Task Funding_settles_each_interval_from_the_premium_of_mark_over_oracle()
    {
        var (exchange, venue, clock) = Sim.Create();
        var reference = (await venue.GetMarketPricesAsync(Sim.Btc, CancellationToken.None)).Value.Oracle;
        await venue.PlaceAsync(Sim.Market(Side.Buy, 0.05m));                              // last trade above the reference
        await venue.PlaceAsync(Sim.Limit(Side.Buy, reference.ToDecimal(), 0.01m));        // mid above the reference
        var prices = (await venue.GetMarketPricesAsync(Sim.Btc, CancellationToken.None)).Value;
        var before = await venue.GetAccountAsync(CancellationToken.None);
        await using var feed = await venue.SubscribeEventsAsync(CancellationToken.None);

        clock.Advance(prices.NextFundingTime - clock.GetUtcNow());
        exchange.SettleFunding();

        var payment = feed.Drain().OfType<FundingPaid>().Single();
        var after = await venue.GetAccountAsync(CancellationToken.None);
        prices.Mark.ShouldBeGreaterThan(prices.Oracle);
        prices.FundingRate.IsPositive.ShouldBeTrue();
        prices.FundingRate.ShouldBeLessThanOrEqualTo(exchange.Options.FundingCap);
        payment.Rate.ShouldBe(prices.FundingRate);
        payment.PositionSize.ShouldBe(Quantity.Of(0.05m));
        var owed = 0.05m * prices.Mark.ToDecimal() * prices.FundingRate.ToDecimal();
        payment.Amount.ShouldBe(Money.Of(-decimal.Ceiling(owed * 1_000_000m) / 1_000_000m));
        after.Balance.Collateral.ShouldBe(before.Balance.Collateral + payment.Amount);
        payment.Time.ShouldBe(prices.NextFundingTime);
    }

    [Fact]
    public async Task The_funding_rate_is_clamped_to_the_cap()
    {
        var (exchange, venue, _) = Sim.Create(configure: o => o with { FundingDamping = Rate.Of(1m), FundingCap = Rate.Of(0.000001m) });
        await venue.PlaceAsync(Sim.Market(Side.Buy, 0.5m));

        var prices = (await venue.GetMarketPricesAsync(Sim.Btc, CancellationToken.None)).Value;

        prices.Mark.ShouldBeGreaterThan(prices.Oracle);
        prices.FundingRate.ShouldBe(exchange.Options.FundingCap);
    }
}
