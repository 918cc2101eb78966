using PerpStudio.Testing;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Conformance;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing;
using PerpStudio.Venues.Routing.Pricing;

namespace PerpStudio.Venues.Tests.Routing.Pricing;

public sealed class BestExecutionTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task A_cheaper_price_loses_to_a_much_higher_fee()
    {
        var a = SimVenue.Create("px-a", _clock, taker: 0.005m);
        var b = SimVenue.Create("px-b", _clock, taker: 0.0001m);
        await a.AskAsync(100_000m, 1m);
        await b.AskAsync(100_010m, 1m);
        var rig = new RoutingRig(_clock, null, a.Account, b.Account);

        var plan = await rig.PlanAsync(RoutingRig.Market(Side.Buy, 1m));

        plan.Legs.ShouldHaveSingleItem().Venue.ShouldBe(b.Id);
        plan.Legs[0].Request.Size.ShouldBe(Quantity.Of(1m));
        var priced = plan.Venues.ToDictionary(v => v.Venue);

        // A: 100,000 + 0.5% = 100,500; B: 100,010 + 0.01% = 100,020.001
        priced[a.Id].Total.ShouldBe(Money.Of(100_500m));
        priced[a.Id].Exclusion.ShouldBe(VenueExclusion.NotChosen);
        priced[b.Id].Total.ShouldBe(Money.Of(100_020.001m));
        priced[b.Id].Exclusion.ShouldBeNull();
        plan.Estimate.Total.ShouldBe(Money.Of(100_020.001m));
    }

    [Fact]
    public async Task A_small_fee_gap_loses_to_a_better_price()
    {
        var a = SimVenue.Create("pf-a", _clock, taker: 0.0005m);
        var b = SimVenue.Create("pf-b", _clock, taker: 0.0001m);
        await a.AskAsync(100_000m, 1m);
        await b.AskAsync(100_050m, 1m);
        var rig = new RoutingRig(_clock, null, a.Account, b.Account);

        var plan = await rig.PlanAsync(RoutingRig.Market(Side.Buy, 1m));

        // A: 100,000 + 50 = 100,050; B: 100,050 + 10.005 = 100,060.005
        plan.Legs.ShouldHaveSingleItem().Venue.ShouldBe(a.Id);
        plan.Estimate.Total.ShouldBe(Money.Of(100_050m));
        plan.Venues.Single(v => v.Venue == b.Id).Total.ShouldBe(Money.Of(100_060.005m));
    }

    [Fact]
    public async Task A_split_cheaper_than_either_venue_alone_takes_the_best_levels_of_both()
    {
        var a = SimVenue.Create("sp-a", _clock);
        var b = SimVenue.Create("sp-b", _clock);
        await a.AskAsync(100_000m, 0.5m);
        await a.AskAsync(100_100m, 1m);
        await b.AskAsync(100_010m, 0.5m);
        await b.AskAsync(100_200m, 1m);
        var rig = new RoutingRig(_clock, null, a.Account, b.Account);

        var (plan, report) = await rig.RouteAsync(RoutingRig.Market(Side.Buy, 1m));

        plan.Legs.Select(l => (l.Venue, l.Request.Size)).ShouldBe([(a.Id, Quantity.Of(0.5m)), (b.Id, Quantity.Of(0.5m))]);
        plan.Legs[0].EstimatedAveragePrice.ShouldBe(Price.Of(100_000m));
        plan.Legs[1].EstimatedAveragePrice.ShouldBe(Price.Of(100_010m));

        // 50,000 + 25 fee and 50,005 + 25.0025 fee
        plan.Estimate.Total.ShouldBe(Money.Of(100_055.0025m));
        var alone = plan.Venues.ToDictionary(v => v.Venue, v => v.Total);
        alone[a.Id].ShouldBe(Money.Of(100_100.025m));
        alone[b.Id].ShouldBe(Money.Of(100_155.0525m));
        plan.Kind.ShouldBe(RouteKind.Taker);
        plan.Decision.ShouldStartWith("split across");

        report.Legs.ShouldAllBe(l => l.Status == LegStatus.Accepted);
        (await a.PositionAsync()).ShouldBe(Quantity.Of(0.5m));
        (await b.PositionAsync()).ShouldBe(Quantity.Of(0.5m));
    }

    [Fact]
    public async Task A_sell_splits_by_proceeds_after_fees()
    {
        var a = SimVenue.Create("ss-a", _clock, taker: 0.001m);
        var b = SimVenue.Create("ss-b", _clock, taker: 0.0001m);
        await a.BidAsync(100_050m, 0.2m);
        await a.BidAsync(99_000m, 1m);
        await b.BidAsync(100_000m, 0.3m);
        await b.BidAsync(98_000m, 1m);
        var rig = new RoutingRig(_clock, null, a.Account, b.Account);

        var plan = await rig.PlanAsync(RoutingRig.Market(Side.Sell, 0.5m));

        // per unit after fees: A 100,050 x 0.999 = 99,949.95 < B 100,000 x 0.9999 = 99,990, so B's level first, then A's
        plan.Legs.Select(l => (l.Venue, l.Request.Size)).ShouldBe([(a.Id, Quantity.Of(0.2m)), (b.Id, Quantity.Of(0.3m))]);
        plan.Estimate.Notional.ShouldBe(Money.Of(50_010m));
        plan.Estimate.Fee.ShouldBe(Money.Of(20.01m + 3m));
        plan.Estimate.Total.ShouldBe(Money.Of(50_010m - 23.01m));
    }

    [Fact]
    public async Task A_post_only_order_never_goes_to_a_venue_without_post_only()
    {
        var a = SimVenue.Create("po-a", _clock, maker: 0m);
        var b = SimVenue.Create("po-b", _clock, maker: 0.0002m);
        var caps = a.Account.Capabilities;
        var withoutPostOnly = new WrappedVenue(a.Account, caps with { TimeInForces = new HashSet<TimeInForce> { TimeInForce.Gtc, TimeInForce.Ioc } });
        var rig = new RoutingRig(_clock, null, withoutPostOnly, b.Account);

        var (plan, report) = await rig.RouteAsync(RoutingRig.Limit(Side.Buy, 99_000m, 0.1m, TimeInForce.PostOnly));

        var excluded = plan.Venues.Single(v => v.Venue == a.Id);
        excluded.Exclusion.ShouldBe(VenueExclusion.Capability);
        excluded.Detail.ShouldContain("PostOnly");
        plan.Kind.ShouldBe(RouteKind.Resting);
        plan.Legs.ShouldHaveSingleItem().Venue.ShouldBe(b.Id);
        report.Legs.Single().Order!.Status.ShouldBe(VenueOrderStatus.Open);
        (await a.Account.GetOpenOrdersAsync(CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_resting_limit_goes_to_the_lowest_maker_rate_and_ties_go_to_the_preferred_venue()
    {
        var a = SimVenue.Create("rm-a", _clock, maker: 0.0002m);
        var b = SimVenue.Create("rm-b", _clock, maker: 0.0001m);
        var c = SimVenue.Create("rm-c", _clock, maker: 0.0001m);
        var rig = new RoutingRig(_clock, null, a.Account, b.Account, c.Account);

        var plan = await rig.PlanAsync(RoutingRig.Limit(Side.Buy, 99_000m, 0.1m, TimeInForce.Gtc));

        plan.Kind.ShouldBe(RouteKind.Resting);
        plan.Legs.ShouldHaveSingleItem().Venue.ShouldBe(b.Id);
        plan.Venues.Single(v => v.Venue == c.Id).Detail.ShouldContain("prefers");
        plan.Venues.Single(v => v.Venue == a.Id).Detail.ShouldContain("above");
    }

    [Fact]
    public async Task A_leg_below_its_venues_minimum_notional_is_merged_into_the_other_venue()
    {
        var a = SimVenue.Create("mn-a", _clock, minNotional: 10m);
        var b = SimVenue.Create("mn-b", _clock, minNotional: 500m);
        await a.AskAsync(100_000m, 0.009m);
        await a.AskAsync(100_050m, 1m);
        await b.AskAsync(100_010m, 0.005m);
        var rig = new RoutingRig(_clock, null, a.Account, b.Account);

        var plan = await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.01m));

        // greedy alone would give B 0.001 (worth 100.01 < 500): B is dropped and A takes its next level
        plan.Legs.ShouldHaveSingleItem().Venue.ShouldBe(a.Id);
        plan.Legs[0].Request.Size.ShouldBe(Quantity.Of(0.01m));
        plan.Estimate.Notional.ShouldBe(Money.Of(900m + 100.05m));
        var merged = plan.Venues.Single(v => v.Venue == b.Id);
        merged.Exclusion.ShouldBe(VenueExclusion.BelowMinNotional);
        merged.Detail.ShouldContain("merged");
    }

    [Fact]
    public async Task A_venue_without_the_market_is_never_chosen_and_a_crossing_gtc_rests_its_remainder()
    {
        var a = SimVenue.Create("gm-a", _clock, maker: 0.0002m);
        var b = SimVenue.Create("gm-b", _clock, maker: 0.0001m);
        var eth = SimVenue.Create("gm-eth", _clock, maker: 0m, market: SimVenue.Eth);
        await a.AskAsync(100_000m, 0.3m);
        var rig = new RoutingRig(_clock, null, eth.Account, a.Account, b.Account);

        var (plan, report) = await rig.RouteAsync(RoutingRig.Limit(Side.Buy, 100_000m, 1m, TimeInForce.Gtc));

        plan.Venues.Single(v => v.Venue == eth.Id).Exclusion.ShouldBe(VenueExclusion.NoMarket);
        plan.Kind.ShouldBe(RouteKind.TakerThenResting);
        plan.Legs.Select(l => (l.Venue, l.Request.Size)).ShouldBe([(a.Id, Quantity.Of(0.3m)), (b.Id, Quantity.Of(0.7m))]);
        report.Legs[0].Order!.Status.ShouldBe(VenueOrderStatus.Filled);
        report.Legs[1].Order!.Status.ShouldBe(VenueOrderStatus.Open);
    }

    [Fact]
    public async Task A_market_order_with_no_liquidity_anywhere_is_refused_before_anything_is_sent()
    {
        var a = SimVenue.Create("nl-a", _clock);
        var rig = new RoutingRig(_clock, null, a.Account);

        var plan = await rig.PlanAsync(RoutingRig.Market(Side.Buy, 1m));
        var report = await rig.Router.ExecuteAsync(plan, rig.Deadline, CancellationToken.None);

        plan.Refusal!.Code.ShouldBe("no_liquidity");
        report.NeverReachedAnyVenue.ShouldBeTrue();
        rig.Directory.Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_policy_for_another_market_is_refused_precisely()
    {
        var a = SimVenue.Create("pm-a", _clock);
        var rig = new RoutingRig(_clock, null, a.Account) { Policy = new RoutingPolicy(SimVenue.Eth, [a.Id]) };

        var plan = await rig.PlanAsync(RoutingRig.Market(Side.Buy, 1m));

        plan.Refusal!.Code.ShouldBe("policy_market_mismatch");
        plan.Refusal.Field.ShouldBe("policy.market");
        plan.Legs.ShouldBeEmpty();
    }
}
