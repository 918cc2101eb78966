using PerpStudio.Testing;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Conformance;
using PerpStudio.Venues.Routing;
using PerpStudio.Venues.Routing.Fills;
using PerpStudio.Venues.Routing.Reconciliation;
using PerpStudio.Venues.Simulated;

namespace PerpStudio.Venues.Tests.Routing.Fills;

public sealed class VenueFillFeedTests : IAsyncLifetime
{
    private const int Always = 1_000_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly ManualTimeProvider _clock = new();
    private readonly InMemoryFillBook _book = new();
    private readonly InMemoryFillCheckpoints _checkpoints = new();
    private readonly List<VenueFillFeed> _feeds = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var feed in _feeds)
        {
            await feed.DisposeAsync();
        }
    }

    [Fact]
    public async Task Duplicated_fills_are_applied_once()
    {
        var venue = SimVenue.Create("dup", _clock);
        await venue.AskAsync(100_000m, 0.2m);
        await venue.AskAsync(100_001m, 0.2m);
        await venue.AskAsync(100_002m, 0.2m);
        venue.Exchange.Faults = new SimulatedFaults(DuplicateFillPerMillion: Always);
        var rig = new RoutingRig(_clock, null, venue.Account);
        var feed = await StartAsync(rig, venue.Account);

        await rig.RouteAsync(RoutingRig.Market(Side.Buy, 0.4m));
        await _book.WhenAppliedAsync(2, CancellationToken.None).WaitAsync(Patience);

        // a later fill is applied only after every delivery queued before it, duplicates included
        await rig.RouteAsync(RoutingRig.Market(Side.Buy, 0.2m));
        await _book.WhenAppliedAsync(3, CancellationToken.None).WaitAsync(Patience);

        _book.AppliedCount.ShouldBe(3);
        _book.Deliveries.ShouldBe(3);
        feed.DuplicatesFrom(venue.Id).ShouldBeGreaterThanOrEqualTo(2);
        _book.PositionOf(RoutingRig.Trader, venue.Id, SimVenue.Btc).ShouldBe(Quantity.Of(0.6m));
    }

    [Fact]
    public async Task A_fill_the_stream_dropped_is_recovered_from_history_when_the_order_update_shows_the_gap()
    {
        var venue = SimVenue.Create("drop", _clock);
        await venue.AskAsync(100_000m, 0.3m);
        venue.Exchange.Faults = new SimulatedFaults(DropFillPerMillion: Always);
        var rig = new RoutingRig(_clock, null, venue.Account);
        var feed = await StartAsync(rig, venue.Account);

        await rig.RouteAsync(RoutingRig.Market(Side.Buy, 0.3m));
        await _book.WhenAppliedAsync(1, CancellationToken.None).WaitAsync(Patience);

        _book.PositionOf(RoutingRig.Trader, venue.Id, SimVenue.Btc).ShouldBe(Quantity.Of(0.3m));
        feed.SubscriptionsTo(venue.Id).ShouldBe(1);
    }

    [Fact]
    public async Task Fills_made_while_the_feed_was_disconnected_are_recovered_after_it_resubscribes()
    {
        var sim = SimVenue.Create("sever", _clock);
        await sim.AskAsync(100_000m, 0.2m);
        await sim.AskAsync(100_010m, 0.2m);
        var venue = new WrappedVenue(sim.Account);
        var rig = new RoutingRig(_clock, null, venue);
        var feed = await StartAsync(rig, venue);

        venue.Sever();
        await rig.RouteAsync(RoutingRig.Market(Side.Buy, 0.4m));
        _book.AppliedCount.ShouldBe(0);
        venue.Reconnect();
        await feed.WhenSubscribedAsync(venue.Id, 2, CancellationToken.None).WaitAsync(Patience);

        _book.AppliedCount.ShouldBe(2);
        _book.PositionOf(RoutingRig.Trader, venue.Id, SimVenue.Btc).ShouldBe(Quantity.Of(0.4m));
    }

    [Fact]
    public async Task A_restarted_feed_recovers_what_it_missed_and_tolerates_fills_the_sink_already_applied()
    {
        var venue = SimVenue.Create("restart", _clock);
        await venue.AskAsync(100_000m, 0.2m);
        await venue.AskAsync(100_010m, 0.2m);
        var rig = new RoutingRig(_clock, null, venue.Account);
        var first = await StartAsync(rig, venue.Account);
        await rig.RouteAsync(RoutingRig.Market(Side.Buy, 0.2m));
        await _book.WhenAppliedAsync(1, CancellationToken.None).WaitAsync(Patience);
        await first.StopAsync();

        await rig.RouteAsync(RoutingRig.Market(Side.Buy, 0.2m));

        // a successor with no checkpoints re-reads all history: the first fill comes again and the sink says so
        var successor = await StartAsync(rig, venue.Account, new InMemoryFillCheckpoints());
        await _book.WhenAppliedAsync(2, CancellationToken.None).WaitAsync(Patience);

        _book.AppliedCount.ShouldBe(2);
        _book.Deliveries.ShouldBe(3);
        successor.AppliedFrom(venue.Id).ShouldBe(2);
        _book.PositionOf(RoutingRig.Trader, venue.Id, SimVenue.Btc).ShouldBe(Quantity.Of(0.4m));
        (await _checkpoints.GetAsync(RoutingRig.Trader.OperatorId, venue.Id, CancellationToken.None)).ShouldBe(_clock.GetUtcNow());
    }

    [Fact]
    public async Task A_fill_the_venue_reports_under_its_wire_alias_reaches_its_owner_once_from_the_stream_and_from_history()
    {
        var sim = SimVenue.Create("alias", _clock);
        await sim.AskAsync(100_000m, 0.3m);
        var venue = new WrappedVenue(sim.Account, reportsAliases: true);
        var rig = new RoutingRig(_clock, null, venue);
        var feed = await StartAsync(rig, venue);

        var (_, report) = await rig.RouteAsync(RoutingRig.Market(Side.Buy, 0.3m));
        await _book.WhenAppliedAsync(1, CancellationToken.None).WaitAsync(Patience);
        venue.Sever();
        venue.Reconnect();
        await feed.WhenSubscribedAsync(venue.Id, 2, CancellationToken.None).WaitAsync(Patience);

        var fill = (await venue.GetFillsAsync(DateTimeOffset.MinValue, 10, CancellationToken.None)).ShouldHaveSingleItem();
        fill.ClientOrderId.ShouldBe(venue.WireAlias(report.Legs.ShouldHaveSingleItem().Final.LegId)!.Value, "the venue never names the leg id itself");
        _book.AppliedCount.ShouldBe(1);
        _book.PositionOf(RoutingRig.Trader, venue.Id, SimVenue.Btc).ShouldBe(Quantity.Of(0.3m));
        feed.UnattributedFrom(venue.Id).ShouldBeEmpty();
    }

    private async Task<VenueFillFeed> StartAsync(RoutingRig rig, Contract.IVenue venue, IFillCheckpoints? checkpoints = null)
    {
        var feed = new VenueFillFeed(RoutingRig.Trader.OperatorId, [venue], rig.Directory, _book, checkpoints ?? _checkpoints,
            new FillFeedOptions { ResubscribeDelay = TimeSpan.Zero }, _clock);
        _feeds.Add(feed);
        feed.Start();
        await feed.WhenSubscribedAsync(venue.Id, 1, CancellationToken.None).WaitAsync(Patience);
        return feed;
    }
}
