using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Funding;
using PerpStudio.Grains.Markets;
using PerpStudio.Grains.Tests.Liquidation;
using PerpStudio.Grains.Tests.Support;
using PerpStudio.Runtime.Storage;

namespace PerpStudio.Grains.Tests.Funding;

public sealed class FundingTests
{
    private static readonly Price Oracle = Price.Parse("100000.12345678");
    private static readonly Rate HourlyRate = Rate.Parse("0.0001");

    [Fact]
    public void A_funding_id_is_the_market_and_the_whole_hour()
    {
        var market = new MarketId("BTC-USD");
        FundingHours.Id(market, new DateTimeOffset(2026, 3, 4, 5, 59, 59, TimeSpan.Zero)).ShouldBe("BTC-USD:2026-03-04T05");
        FundingHours.Id(market, new DateTimeOffset(2026, 3, 4, 7, 30, 0, TimeSpan.FromHours(2))).ShouldBe("BTC-USD:2026-03-04T05");
        FundingHours.UntilNext(new DateTimeOffset(2026, 3, 4, 5, 0, 0, TimeSpan.Zero)).ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Every_hour_each_open_position_is_charged_the_Domain_payment_once_and_the_platform_never_pays_out_more_than_it_takes()
    {
        await using var silo = await RiskSilo.StartAsync();
        await OpenBookAsync(silo);
        await ReportFundingAsync(silo);
        silo.Funding.Start();

        silo.Clock.Advance(TimeSpan.FromHours(1));
        var first = await silo.Funding.LastTick;

        var btc = first.Single(s => s.Market == RiskSilo.Btc);
        btc.FundingId.ShouldBe("BTC-USD:2026-01-01T01");
        btc.Charged.ShouldBe(2);
        (btc.OraclePrice, btc.Rate).ShouldBe((Oracle, HourlyRate));
        var longPays = FundingModel.PaymentUnchecked(Quantity.Parse("0.02"), Oracle, HourlyRate).Amount;
        var shortGets = FundingModel.PaymentUnchecked(Quantity.Parse("-0.02"), Oracle, HourlyRate).Amount;
        (await Receipt(silo.Account("alice").ApplyFundingAsync(Charge(btc)))).Amount.ShouldBe(longPays);
        (await Receipt(silo.Isolated("bob", RiskSilo.Btc).ApplyFundingAsync(Charge(btc)))).Amount.ShouldBe(shortGets);
        // 0.02 x 100000.12345678 x 0.0001 = 0.2000002469...: the long pays 0.200001, the short receives 0.200000
        (longPays, shortGets).ShouldBe((Money.Parse("-0.200001"), Money.Parse("0.2")));
        btc.PaidByTraders.ShouldBe(Money.Parse("0.200001"));
        btc.ReceivedByTraders.ShouldBe(Money.Parse("0.2"));
        first.Sum(s => s.ReceivedByTraders.Units).ShouldBeLessThanOrEqualTo(first.Sum(s => s.PaidByTraders.Units));

        silo.Clock.Advance(TimeSpan.FromHours(1));
        var second = await silo.Funding.LastTick;
        second.Select(s => s.FundingId).Order().ShouldBe(["BTC-USD:2026-01-01T02", "ETH-USD:2026-01-01T02"]);
        (await silo.FundingOf(RiskSilo.Btc).SettleDueAsync(silo.Clock.GetUtcNow())).ShouldBeEmpty();
        (await FundingEntries(silo, "alice")).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_an_hour_neither_skips_nor_doubles_a_charge()
    {
        FlakyStorage? flaky = null;
        await using var silo = await RiskSilo.StartAsync(storage: sp => flaky = new FlakyStorage(new MemoryGrainStorage(sp.GetRequiredService<GrainStateSerializer>())));
        await OpenBookAsync(silo);
        await ReportFundingAsync(silo);

        // the hour starts; alice (cross) is charged, then bob's isolated position cannot be stored: the run stops
        silo.Clock.Advance(TimeSpan.FromHours(1));
        flaky!.FailNextWriteOf("isolatedposition");
        await Should.ThrowAsync<AggregateException>(silo.Funding.TickAsync());
        var interrupted = await silo.FundingOf(RiskSilo.Btc).GetStatusAsync();
        interrupted.InProgress!.FundingId.ShouldBe("BTC-USD:2026-01-01T01");
        interrupted.LastSettled.ShouldBeNull();
        (await FundingEntries(silo, "alice")).Count.ShouldBe(1);

        // the process goes away and comes back: every activation reloads from storage
        await silo.Runtime.DeactivateAllAsync();
        var resumed = await silo.Funding.TickAsync();

        var btc = resumed.Single(s => s.Market == RiskSilo.Btc);
        btc.Charged.ShouldBe(2);
        (btc.OraclePrice, btc.Rate).ShouldBe((Oracle, HourlyRate));
        (await FundingEntries(silo, "alice")).Count.ShouldBe(1);
        (await Receipt(silo.Isolated("bob", RiskSilo.Btc).ApplyFundingAsync(Charge(btc)))).Duplicate.ShouldBeTrue();
        (await silo.FundingOf(RiskSilo.Btc).GetStatusAsync()).LastSettled.ShouldBe(new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.Zero));
        (await silo.FundingOf(RiskSilo.Btc).GetStatusAsync()).InProgress.ShouldBeNull();
    }

    [Fact]
    public async Task Hours_missed_while_nothing_ran_are_settled_once_each_when_funding_runs_again()
    {
        await using var silo = await RiskSilo.StartAsync();
        await OpenBookAsync(silo);
        await ReportFundingAsync(silo);
        (await silo.FundingOf(RiskSilo.Btc).SettleDueAsync(silo.Clock.GetUtcNow())).Single().FundingId.ShouldBe("BTC-USD:2026-01-01T00");

        silo.Clock.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(20));
        var caughtUp = await silo.FundingOf(RiskSilo.Btc).SettleDueAsync(silo.Clock.GetUtcNow());

        caughtUp.Select(s => s.FundingId).ShouldBe(["BTC-USD:2026-01-01T01", "BTC-USD:2026-01-01T02", "BTC-USD:2026-01-01T03"]);
        (await FundingEntries(silo, "alice")).Count.ShouldBe(4);
    }

    /// <summary>alice long 0.02 BTC cross, bob short 0.02 BTC isolated, carol long 0.5 ETH cross.</summary>
    private static async Task OpenBookAsync(RiskSilo silo)
    {
        await silo.ConfigureAsync();
        foreach (var trader in new[] { "alice", "bob", "carol" })
        {
            await silo.Account(trader).DepositAsync(new Deposit("d1", Money.Of(20_000m)));
        }

        await silo.Account("alice").PlaceOrderAsync(Order("a1", RiskSilo.Btc, Side.Buy, "0.02", MarginMode.Cross));
        await silo.Account("bob").PlaceOrderAsync(Order("b1", RiskSilo.Btc, Side.Sell, "0.02", MarginMode.Isolated));
        await silo.Account("carol").PlaceOrderAsync(Order("c1", RiskSilo.Eth, Side.Buy, "0.5", MarginMode.Cross));
        await silo.FillsAsync("alice", 1);
        await silo.FillsAsync("bob", 1);
        await silo.FillsAsync("carol", 1);
    }

    /// <summary>Three sources agree on the oracle and an hourly rate of 0.01%.</summary>
    private static async Task ReportFundingAsync(RiskSilo silo)
    {
        foreach (var market in new[] { RiskSilo.Btc, RiskSilo.Eth })
        {
            var mark = (await silo.Market(market).GetSnapshotAsync()).Mark;
            var oracle = market == RiskSilo.Btc ? Oracle : mark;
            foreach (var source in new[] { "sim-a", "ref-b", "ref-c" })
            {
                await silo.MarketFeed(market).ReportPricesAsync(new PriceSourceReading(source, mark, oracle, HourlyRate, silo.Clock.GetUtcNow()));
            }
        }
    }

    private static OrderRequest Order(string id, MarketId market, Side side, string size, MarginMode mode) =>
        new(new ClientOrderId(id), market, side, OrderType.Market, Quantity.Parse(size), null, TimeInForce.Ioc, false, mode, 10);

    private static FundingCharge Charge(FundingSettlement s) => new(s.FundingId, s.Market, s.OraclePrice, s.Rate, s.Hour);

    private static async Task<FundingReceipt> Receipt(Task<Domain.Errors.Result<FundingReceipt>> call) => (await call).Value;

    private static async Task<List<LedgerEntry>> FundingEntries(RiskSilo silo, string trader) =>
        [.. (await silo.Account(trader).GetLedgerAsync(new PageRequest(Limit: 500))).Items.Where(e => e.Kind == LedgerEntryKind.Funding)];
}
