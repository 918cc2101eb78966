using PerpStudio.Testing;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Ethereum;
using PerpStudio.Venues.Conformance;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Hyperliquid.Common;
using PerpStudio.Venues.Hyperliquid.Execution;
using PerpStudio.Venues.Hyperliquid.Http;
using PerpStudio.Venues.Hyperliquid.Nonces;
using PerpStudio.Venues.Hyperliquid.RateLimits;
using PerpStudio.Venues.Hyperliquid.Signing;

namespace PerpStudio.Venues.Hyperliquid.Tests.Execution;

public sealed class AdapterBehaviourTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hl-adapter-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_restarted_adapter_on_the_same_nonce_store_is_accepted_where_a_fresh_store_would_replay_nonces()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var path = Path.Combine(_folder, "agent.nonce");
        await using var harness = await HyperliquidHarness.StartAsync(new FileNonceStore(path), clock);
        (await harness.Venue.PlaceOrderAsync(Bid(), CancellationToken.None)).IsAccepted.ShouldBeTrue();
        await harness.HyperliquidVenue.DisposeAsync();

        // same clock reading, as a process restarted within the same millisecond would see
        await using var restarted = await HyperliquidHarness.ConnectAsync(harness.Server, harness.Agent, harness.Account, new FileNonceStore(path), clock);
        var afterRestart = await restarted.PlaceOrderAsync(Bid(), CancellationToken.None);
        await using var amnesiac = await HyperliquidHarness.ConnectAsync(harness.Server, harness.Agent, harness.Account, new InMemoryNonceStore(), clock);
        var replayed = await amnesiac.PlaceOrderAsync(Bid(), CancellationToken.None);

        afterRestart.IsAccepted.ShouldBeTrue(afterRestart.Error?.ToString());
        replayed.IsAccepted.ShouldBeFalse();
        replayed.Error!.Message.ShouldContain("duplicate nonce");
    }

    [Fact]
    public async Task The_fake_refuses_a_signer_that_is_no_approved_agent()
    {
        await using var harness = await HyperliquidHarness.StartAsync();
        var stranger = PrivateKey.Generate();
        await using var impostor = await HyperliquidHarness.ConnectAsync(harness.Server, stranger, harness.Account, null, null);

        var result = await impostor.PlaceOrderAsync(Bid(), CancellationToken.None);

        result.IsAccepted.ShouldBeFalse();
        result.Error!.Message.ShouldContain("does not exist");
        harness.Server.Exchange.RefusedSigners.ShouldContain(stranger.Address.ToLowerHex());
        (await harness.Venue.GetOpenOrdersAsync(CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_replayed_request_and_a_nonce_outside_the_window_are_refused_like_hyperliquid_does()
    {
        await using var harness = await HyperliquidHarness.StartAsync();
        var action = ExchangeActions.ScheduleCancel(null);
        var nonce = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var body = System.Text.Encoding.UTF8.GetString(HyperliquidExchangeClient.Body(
            action, nonce, L1ActionSigning.Sign(harness.Agent, HyperliquidNetwork.Testnet, action, nonce, null, null), null, null));
        var stale = nonce - (long)TimeSpan.FromDays(3).TotalMilliseconds;
        var staleBody = System.Text.Encoding.UTF8.GetString(HyperliquidExchangeClient.Body(
            action, stale, L1ActionSigning.Sign(harness.Agent, HyperliquidNetwork.Testnet, action, stale, null, null), null, null));

        harness.Server.Exchange.HandleExchange(body).ShouldContain("\"status\":\"ok\"");
        harness.Server.Exchange.HandleExchange(body).ShouldContain("duplicate nonce");
        harness.Server.Exchange.HandleExchange(staleBody).ShouldContain("outside the allowed window");
    }

    [Fact]
    public async Task An_account_approves_a_new_agent_with_a_user_signed_action_and_the_agent_then_trades()
    {
        await using var harness = await HyperliquidHarness.StartAsync();
        var owner = PrivateKey.Generate();
        harness.Server.Exchange.AddAccount(owner.Address, Money.Of(50_000m));
        var newAgent = PrivateKey.Generate();
        await using var ownerVenue = await HyperliquidHarness.ConnectAsync(harness.Server, owner, owner.Address, null, null);

        var approval = ExchangeActions.ApproveAgent(newAgent.Address, null, ownerVenue.Exchange.NextNonce(), HyperliquidNetwork.Testnet);
        var approved = await ownerVenue.Exchange.SendUserSignedAsync(owner, UserSignedActionKind.ApproveAgent, approval, CancellationToken.None);
        await using var agentVenue = await HyperliquidHarness.ConnectAsync(harness.Server, newAgent, owner.Address, null, null);
        var placed = await agentVenue.PlaceOrderAsync(Bid(), CancellationToken.None);

        approved.IsOk.ShouldBeTrue(approved.Error);
        placed.IsAccepted.ShouldBeTrue(placed.Error?.ToString());
        (await ownerVenue.GetOpenOrdersAsync(CancellationToken.None)).Single().VenueOrderId.ShouldBe(placed.Order!.VenueOrderId);
    }

    [Fact]
    public async Task Fills_made_while_the_socket_was_down_are_recovered_exactly_once_after_the_reconnect()
    {
        await using var harness = await HyperliquidHarness.StartAsync();
        using var timeout = new CancellationTokenSource(Patience);
        await using var feed = await harness.Venue.SubscribeEventsAsync(timeout.Token);
        var accepted = harness.Server.SocketsAccepted;

        harness.Server.RefuseSockets = true;
        harness.Server.DropSockets();
        var missed = await harness.Venue.PlaceOrderAsync(Taker(), timeout.Token);
        missed.Order!.FilledSize.IsPositive.ShouldBeTrue();
        harness.Server.RefuseSockets = false;

        var events = new List<VenueEvent>();
        await ReadUntilAsync(feed, events, e => e is FillReceived f && f.Fill.ClientOrderId == missed.Order.ClientOrderId, timeout.Token);
        harness.Server.SocketsAccepted.ShouldBeGreaterThan(accepted);
        // a fill placed after the reconnect marks the point by which any duplicate of the recovered fill would have come
        var marker = await harness.Venue.PlaceOrderAsync(Taker(), timeout.Token);
        await ReadUntilAsync(feed, events, e => e is FillReceived f && f.Fill.ClientOrderId == marker.Order!.ClientOrderId, timeout.Token);

        var recovered = events.OfType<FillReceived>().Where(f => f.Fill.ClientOrderId == missed.Order.ClientOrderId).ToList();
        recovered.Count.ShouldBe(1);
        recovered[0].Fill.Size.ShouldBe(missed.Order.FilledSize);
        harness.HyperliquidVenue.SocketConnections.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task A_client_order_id_placed_by_an_earlier_process_is_found_at_the_venue_not_placed_twice()
    {
        await using var harness = await HyperliquidHarness.StartAsync();
        var order = Bid();
        var first = await harness.Venue.PlaceOrderAsync(order, CancellationToken.None);
        await using var restarted = await HyperliquidHarness.ConnectAsync(harness.Server, harness.Agent, harness.Account, null, null);

        var again = await restarted.PlaceOrderAsync(order, CancellationToken.None);

        again.Duplicate.ShouldBeTrue();
        again.Order!.VenueOrderId.ShouldBe(first.Order!.VenueOrderId);
        (await restarted.GetOpenOrdersAsync(CancellationToken.None)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_market_order_without_a_worst_price_is_bounded_by_the_slippage_and_rounded_inward()
    {
        await using var harness = await HyperliquidHarness.StartAsync();
        var request = new OrderRequest(new ClientOrderId("mkt-1"), new MarketId("BTC-USD"), Side.Buy, OrderType.Market, Quantity.Of(0.001m), null, TimeInForce.Ioc, false, MarginMode.Cross, 1);

        var result = await harness.Venue.PlaceOrderAsync(request, CancellationToken.None);

        result.Order!.Status.ShouldBe(VenueOrderStatus.Filled);
        var fills = await harness.Venue.GetFillsAsync(DateTimeOffset.UtcNow.AddMinutes(-1), 10, CancellationToken.None);
        fills.Single(f => f.ClientOrderId == request.ClientOrderId).Price.ShouldBe(Price.Of(30010m));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static OrderRequest Bid() =>
        new(new ClientOrderId("bid-" + Guid.NewGuid().ToString("N")[..12]), new MarketId("BTC-USD"), Side.Buy, OrderType.Limit, Quantity.Of(0.001m), Price.Of(29000m), TimeInForce.Gtc, false, MarginMode.Cross, 1);

    private static OrderRequest Taker() =>
        new(new ClientOrderId("ioc-" + Guid.NewGuid().ToString("N")[..12]), new MarketId("BTC-USD"), Side.Buy, OrderType.Limit, Quantity.Of(0.001m), Price.Of(30010m), TimeInForce.Ioc, false, MarginMode.Cross, 1);

    private static async Task ReadUntilAsync(IVenueSubscription<VenueEvent> feed, List<VenueEvent> events, Func<VenueEvent, bool> done, CancellationToken cancellationToken)
    {
        while (true)
        {
            var e = await feed.Reader.ReadAsync(cancellationToken);
            events.Add(e);
            if (done(e))
            {
                return;
            }
        }
    }
}

public sealed class AccountActionTests
{
    [Fact]
    public async Task The_account_key_approves_a_builder_fee_and_an_agent_and_an_agent_key_alone_cannot()
    {
        await using var harness = await HyperliquidHarness.StartAsync();
        var owner = PrivateKey.Generate();
        harness.Server.Exchange.AddAccount(owner.Address, Money.Of(1_000m));
        await using var ownerVenue = await HyperliquidVenue.CreateAsync(
            HyperliquidHarness.Options(harness.Server),
            credentials: new HyperliquidCredentials(PrivateKey.Generate(), owner.Address, owner));
        var builder = PrivateKey.Generate().Address;

        var fee = await ownerVenue.ApproveBuilderFeeAsync(builder, Rate.Of(0.001m), CancellationToken.None);
        var agent = await ownerVenue.ApproveAgentAsync(PrivateKey.Generate().Address, "desk-1", CancellationToken.None);

        fee.IsOk.ShouldBeTrue(fee.Error);
        agent.IsOk.ShouldBeTrue(agent.Error);
        await Should.ThrowAsync<InvalidOperationException>(() => harness.HyperliquidVenue.ApproveBuilderFeeAsync(builder, Rate.Of(0.001m), CancellationToken.None));
    }

    [Fact]
    public async Task Isolated_margin_and_the_dead_mans_switch_are_signed_actions_the_venue_accepts()
    {
        await using var harness = await HyperliquidHarness.StartAsync();
        var before = harness.Server.Exchange.AcceptedActions;

        var margin = await harness.HyperliquidVenue.UpdateIsolatedMarginAsync(new MarketId("BTC-USD"), Side.Buy, Money.Of(25m), CancellationToken.None);
        var unknown = await harness.HyperliquidVenue.UpdateIsolatedMarginAsync(new MarketId("NOPE-USD"), Side.Buy, Money.Of(25m), CancellationToken.None);
        var armed = await harness.HyperliquidVenue.ScheduleCancelAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);

        margin.Value.IsOk.ShouldBeTrue();
        unknown.Error!.Code.ShouldBe(VenueRejectCodes.UnknownMarket);
        armed.IsOk.ShouldBeTrue();
        harness.Server.Exchange.AcceptedActions.ShouldBe(before + 2);
    }
}
