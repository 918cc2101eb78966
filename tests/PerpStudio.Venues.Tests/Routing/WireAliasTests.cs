using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Testing;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing;

namespace PerpStudio.Venues.Tests.Routing;

public sealed class WireAliasTests
{
    private static readonly OrderOwner Alice = new("op1", "alice");
    private static readonly OrderOwner Bob = new("op1", "bob");

    [Fact]
    public async Task A_leg_is_found_under_its_wire_alias_as_well_as_under_its_id()
    {
        var directory = new InMemoryRoutedOrderDirectory();
        var leg = Leg(Alice, "ps-1") with { WireAlias = new ClientOrderId("wire-1") };

        await directory.ClaimAsync([leg], CancellationToken.None);

        (await directory.FindAsync(leg.LegId, CancellationToken.None)).ShouldBe(leg);
        (await directory.FindAsync(new ClientOrderId("wire-1"), CancellationToken.None)).ShouldBe(leg);
        (await directory.FindAsync(new ClientOrderId("wire-2"), CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task A_wire_alias_keeps_the_first_leg_recorded_under_it()
    {
        var directory = new InMemoryRoutedOrderDirectory();
        var alias = new ClientOrderId("wire-shared");
        var first = Leg(Alice, "ps-1") with { WireAlias = alias };
        var rival = Leg(Bob, "ps-2") with { WireAlias = alias };

        await directory.ClaimAsync([first], CancellationToken.None);
        var claim = (await directory.ClaimAsync([rival], CancellationToken.None)).ShouldHaveSingleItem();

        claim.IsNew.ShouldBeTrue("the rival's own leg id is new; only its alias was taken");
        (await directory.FindAsync(alias, CancellationToken.None)).ShouldBe(first);
        (await directory.FindAsync(rival.LegId, CancellationToken.None)).ShouldBe(rival);
    }

    [Fact]
    public async Task A_leg_claimed_again_with_another_alias_keeps_the_alias_of_its_first_record()
    {
        var directory = new InMemoryRoutedOrderDirectory();
        var first = Leg(Alice, "ps-1") with { WireAlias = new ClientOrderId("wire-a") };

        await directory.ClaimAsync([first], CancellationToken.None);
        await directory.ClaimAsync([first with { WireAlias = new ClientOrderId("wire-b") }], CancellationToken.None);

        (await directory.FindAsync(new ClientOrderId("wire-a"), CancellationToken.None)).ShouldBe(first);
        (await directory.FindAsync(new ClientOrderId("wire-b"), CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task The_router_records_each_leg_with_the_alias_its_venue_names_it_by_and_none_where_the_venue_has_none()
    {
        var clock = new ManualTimeProvider();
        var aliased = SimVenue.Create("aliased", clock);
        var plain = SimVenue.Create("plain", clock);
        await aliased.AskAsync(100_000m, 0.1m);
        await plain.AskAsync(100_000m, 0.1m);
        var rig = new RoutingRig(clock, null, new WrappedVenue(aliased.Account, reportsAliases: true), plain.Account);

        var (_, report) = await rig.RouteAsync(RoutingRig.Market(Side.Buy, 0.2m));

        var legs = report.Legs.Select(l => l.Final).ToArray();
        legs.Length.ShouldBe(2);
        foreach (var leg in legs)
        {
            var stored = await rig.Directory.FindAsync(leg.LegId, CancellationToken.None);
            stored.ShouldNotBeNull();
            if (leg.Venue == aliased.Id)
            {
                stored.WireAlias.ShouldBe(new ClientOrderId("wire-" + leg.LegId.Value));
                (await rig.Directory.FindAsync(stored.WireAlias!.Value, CancellationToken.None)).ShouldBe(stored);
            }
            else
            {
                stored.WireAlias.ShouldBeNull();
            }
        }
    }

    private static RoutedLeg Leg(OrderOwner owner, string orderId)
    {
        var clientOrderId = new ClientOrderId(orderId);
        return new RoutedLeg(
            LegIds.Derive(owner, clientOrderId, LegIds.IndexOf(0, 0)),
            owner,
            clientOrderId,
            0,
            0,
            new VenueId("sim-a"),
            new MarketId("BTC-USD"),
            Side.Buy,
            Quantity.Of(0.01m));
    }
}
