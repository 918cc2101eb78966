using FsCheck;
using FsCheck.Fluent;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Routing;
using PerpStudio.Testing.Redis;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing;

namespace PerpStudio.Grains.Tests.Routing;

public sealed class GrainRoutedOrderDirectoryTests
{
    private static readonly OrderOwner Alice = new("op1", "alice");
    private static readonly OrderOwner Bob = new("op1", "bob");
    private static readonly MarketId Btc = new("BTC-USD");

    [Fact]
    public async Task A_leg_id_keeps_its_first_owner_and_venue_whoever_claims_it_again()
    {
        await using var silo = RoutingSilo.Start();
        var first = Leg(Alice, "ps-1", ordinal: 0, attempt: 0, venue: "sim-a");
        var rival = first with { Owner = Bob, Venue = new VenueId("sim-b") };

        var claimed = await silo.Directory.ClaimAsync([first], CancellationToken.None);
        var again = await silo.Directory.ClaimAsync([rival], CancellationToken.None);

        claimed.ShouldHaveSingleItem().ShouldBe(new LegClaim(first, IsNew: true));
        again.ShouldHaveSingleItem().ShouldBe(new LegClaim(first, IsNew: false));
        (await silo.Directory.FindAsync(first.LegId, CancellationToken.None)).ShouldBe(first);
        (await silo.Directory.LegsOfAsync(Bob, first.ClientOrderId, CancellationToken.None)).ShouldBeEmpty();
        (await silo.Directory.LegsOfAsync(Alice, first.ClientOrderId, CancellationToken.None)).ShouldBe([first]);
    }

    [Fact]
    public async Task A_crash_between_claiming_a_leg_and_listing_it_under_its_order_is_repaired_by_the_retry()
    {
        await using var silo = RoutingSilo.Start();
        var leg = Leg(Alice, "ps-2", ordinal: 0, attempt: 0, venue: "sim-a");

        // the leg grain took the claim, the order grain never heard of it
        await silo.Runtime.GetGrain<IRoutedLegGrain>(RoutingGrainKeys.Leg(leg.LegId)).ClaimAsync(leg);
        (await silo.Directory.LegsOfAsync(Alice, leg.ClientOrderId, CancellationToken.None)).ShouldBeEmpty();

        var retried = await silo.Directory.ClaimAsync([leg], CancellationToken.None);

        retried.ShouldHaveSingleItem().IsNew.ShouldBeFalse();
        (await silo.Directory.LegsOfAsync(Alice, leg.ClientOrderId, CancellationToken.None)).ShouldBe([leg]);
    }

    [Fact]
    public async Task A_slash_in_a_trader_or_order_id_cannot_make_two_orders_share_a_key()
    {
        await using var silo = RoutingSilo.Start();
        var a = Leg(new OrderOwner("op1", "a"), "b/c", ordinal: 0, attempt: 0, venue: "sim-a");
        var b = Leg(new OrderOwner("op1", "a/b"), "c", ordinal: 0, attempt: 0, venue: "sim-a");

        await silo.Directory.ClaimAsync([a, b], CancellationToken.None);

        RoutingGrainKeys.Order(a.Owner, a.ClientOrderId).ShouldNotBe(RoutingGrainKeys.Order(b.Owner, b.ClientOrderId));
        (await silo.Directory.LegsOfAsync(a.Owner, a.ClientOrderId, CancellationToken.None)).ShouldBe([a]);
        (await silo.Directory.LegsOfAsync(b.Owner, b.ClientOrderId, CancellationToken.None)).ShouldBe([b]);
    }

    [Fact]
    public async Task A_leg_is_found_under_its_wire_alias_and_the_alias_keeps_its_first_leg()
    {
        await using var silo = RoutingSilo.Start();
        var alias = new ClientOrderId("hl-cloid-00112233445566778899aabbccddeeff");
        var first = Leg(Alice, "ps-4", ordinal: 0, attempt: 0, venue: "sim-a") with { WireAlias = alias };
        var rival = Leg(Bob, "ps-5", ordinal: 0, attempt: 0, venue: "sim-b") with { WireAlias = alias };

        await silo.Directory.ClaimAsync([first], CancellationToken.None);
        await silo.Directory.ClaimAsync([rival, first with { WireAlias = new ClientOrderId("hl-cloid-other") }], CancellationToken.None);

        (await silo.Directory.FindAsync(alias, CancellationToken.None)).ShouldBe(first);
        (await silo.Directory.FindAsync(first.LegId, CancellationToken.None)).ShouldBe(first);
        (await silo.Directory.FindAsync(rival.LegId, CancellationToken.None)).ShouldBe(rival);
        (await silo.Directory.FindAsync(new ClientOrderId("hl-cloid-other"), CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task A_crash_between_claiming_a_leg_and_recording_its_alias_is_repaired_by_the_retry()
    {
        await using var silo = RoutingSilo.Start();
        var leg = Leg(Alice, "ps-6", ordinal: 0, attempt: 0, venue: "sim-a") with { WireAlias = new ClientOrderId("wire-ps-6") };

        await silo.Runtime.GetGrain<IRoutedLegGrain>(RoutingGrainKeys.Leg(leg.LegId)).ClaimAsync(leg);
        (await silo.Directory.FindAsync(leg.WireAlias!.Value, CancellationToken.None)).ShouldBeNull();

        await silo.Directory.ClaimAsync([leg], CancellationToken.None);

        (await silo.Directory.FindAsync(leg.WireAlias!.Value, CancellationToken.None)).ShouldBe(leg);
    }

    [Fact]
    public async Task An_alias_grain_refuses_a_leg_whose_alias_is_not_its_key()
    {
        await using var silo = RoutingSilo.Start();
        var leg = Leg(Alice, "ps-7", ordinal: 0, attempt: 0, venue: "sim-a") with { WireAlias = new ClientOrderId("wire-a") };

        await Should.ThrowAsync<ArgumentException>(() => silo.Runtime.GetGrain<IRoutedLegAliasGrain>("wire-b").ClaimAsync(leg));
        await Should.ThrowAsync<ArgumentException>(() => silo.Runtime.GetGrain<IRoutedLegAliasGrain>("wire-a").ClaimAsync(leg with { WireAlias = null }));

        (await silo.Runtime.GetGrain<IRoutedLegAliasGrain>("wire-b").GetAsync()).ShouldBeNull();
    }

    [Fact]
    public async Task A_fill_checkpoint_only_moves_forward()
    {
        await using var silo = RoutingSilo.Start();
        var venue = new VenueId("sim-a");
        var later = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

        (await silo.Checkpoints.GetAsync("op1", venue, CancellationToken.None)).ShouldBeNull();
        await silo.Checkpoints.SaveAsync("op1", venue, later, CancellationToken.None);
        await silo.Checkpoints.SaveAsync("op1", venue, later.AddMinutes(-5), CancellationToken.None);

        (await silo.Checkpoints.GetAsync("op1", venue, CancellationToken.None)).ShouldBe(later);
        (await silo.Checkpoints.GetAsync("op2", venue, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public void Any_sequence_of_claims_gets_the_answers_the_in_memory_directory_gives()
    {
        // the in-memory directory is the reference: same claims, same stored bindings, same legs per order
        var owners = new[] { Alice, Bob };
        Check.QuickThrowOnFailure(Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var script = Enumerable.Range(0, random.Next(1, 7))
                .Select(_ => Enumerable.Range(0, random.Next(1, 5))
                    .Select(_ => Leg(owners[random.Next(2)], $"ps-{random.Next(3)}", random.Next(3), attempt: 0, venue: random.Next(2) == 0 ? "sim-a" : "sim-b")
                        with { WireAlias = random.Next(3) == 0 ? null : new ClientOrderId($"wire-{random.Next(4)}") })
                    .ToArray())
                .ToArray();
            var (grains, reference) = Replay(script).GetAwaiter().GetResult();
            grains.ShouldBe(reference);
        }));
    }

    [Fact]
    public async Task With_Redis_legs_their_aliases_and_checkpoints_survive_a_crash_of_the_process()
    {
        await using var redis = await RedisServer.StartAsync();
        var leg = Leg(Alice, "ps-3", ordinal: 0, attempt: 0, venue: "sim-a");
        var reroute = Leg(Alice, "ps-3", ordinal: 0, attempt: 1, venue: "sim-b") with { WireAlias = new ClientOrderId("wire-reroute") };
        var time = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        var before = RoutingSilo.Start(redis.ConnectionString);
        await before.Directory.ClaimAsync([leg], CancellationToken.None);
        await before.Directory.ClaimAsync([reroute], CancellationToken.None);
        await before.Checkpoints.SaveAsync("op1", new VenueId("sim-a"), time, CancellationToken.None);
        await before.CrashAsync();

        await using var after = RoutingSilo.Start(redis.ConnectionString);

        (await after.Directory.FindAsync(leg.LegId, CancellationToken.None)).ShouldBe(leg);
        (await after.Directory.FindAsync(reroute.LegId, CancellationToken.None)).ShouldBe(reroute);
        (await after.Directory.FindAsync(new ClientOrderId("wire-reroute"), CancellationToken.None)).ShouldBe(reroute);
        (await after.Directory.LegsOfAsync(Alice, leg.ClientOrderId, CancellationToken.None)).ShouldBe([leg, reroute]);
        (await after.Checkpoints.GetAsync("op1", new VenueId("sim-a"), CancellationToken.None)).ShouldBe(time);
        (await after.Directory.ClaimAsync([leg with { Venue = new VenueId("sim-b") }], CancellationToken.None))
            .ShouldHaveSingleItem().ShouldBe(new LegClaim(leg, IsNew: false));
    }

    private static async Task<(string Grains, string Reference)> Replay(RoutedLeg[][] script)
    {
        await using var silo = RoutingSilo.Start();
        var reference = new InMemoryRoutedOrderDirectory();
        var grains = new List<string>();
        var expected = new List<string>();
        foreach (var batch in script)
        {
            grains.Add(string.Join(";", await silo.Directory.ClaimAsync(batch, CancellationToken.None)));
            expected.Add(string.Join(";", await reference.ClaimAsync(batch, CancellationToken.None)));
        }

        foreach (var order in script.SelectMany(b => b).Select(l => (l.Owner, l.ClientOrderId)).Distinct())
        {
            grains.Add(string.Join(";", await silo.Directory.LegsOfAsync(order.Owner, order.ClientOrderId, CancellationToken.None)));
            expected.Add(string.Join(";", await reference.LegsOfAsync(order.Owner, order.ClientOrderId, CancellationToken.None)));
        }

        for (var a = 0; a < 4; a++)
        {
            grains.Add($"{await silo.Directory.FindAsync(new ClientOrderId($"wire-{a}"), CancellationToken.None)}");
            expected.Add($"{await reference.FindAsync(new ClientOrderId($"wire-{a}"), CancellationToken.None)}");
        }

        return (string.Join("\n", grains), string.Join("\n", expected));
    }

    private static RoutedLeg Leg(OrderOwner owner, string orderId, int ordinal, int attempt, string venue)
    {
        var clientOrderId = new ClientOrderId(orderId);
        return new RoutedLeg(
            LegIds.Derive(owner, clientOrderId, LegIds.IndexOf(ordinal, attempt)),
            owner,
            clientOrderId,
            ordinal,
            attempt,
            new VenueId(venue),
            Btc,
            Side.Buy,
            Quantity.Of(0.01m));
    }
}
