using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Client;
using PerpStudio.Contracts.V1;
using PerpStudio.Ethereum;
using PerpStudio.Domain.Markets;
using PerpStudio.Grpc;
using PerpStudio.Host.Configuration;
using PerpStudio.Host.Venues;
using PerpStudio.Runtime;
using PerpStudio.Runtime.Placement;
using PerpStudio.Testing;
using PerpStudio.Testing.Redis;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing;
using PerpStudio.Venues.Routing.Reconciliation;

namespace PerpStudio.Host.Tests.Cluster;

/// <summary>
/// Three hosts in this process sharing one real redis-server and one venue fleet, sharded and forwarding to each other
/// over loopback, as three pods would: traders act through every member, one member crashes and comes back on the same
/// addresses, and the venue's fills reach every member's fill feed.
/// </summary>
public sealed class RedisClusterTests : IAsyncLifetime
{
    private const int Members = 3;
    private const int Traders = 6;
    private static readonly VenueId SimA = new("sim-a");
    private static readonly MarketId Btc = new("BTC-USD");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly ClusterHost?[] _members = new ClusterHost?[Members];
    private readonly VenueFleet _fleet = new(
        [new SimulatedVenueSettings { Name = "sim-a", Seed = 5, StepInterval = TimeSpan.FromHours(1) }], TimeProvider.System);
    private readonly (int Grpc, int Web, int Forwarding)[] _ports =
        [.. Enumerable.Range(0, Members).Select(_ => (FreeTcpPort.Next(), FreeTcpPort.Next(), FreeTcpPort.Next()))];

    private RedisServer _redis = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();

        // together, as pods of a StatefulSet with parallel pod management, every one seeding the demo: each member's
        // startup calls grains owned by the others, and waits for them to listen first
        var started = await Task.WhenAll(Enumerable.Range(0, Members).Select(StartMemberAsync));
        started.CopyTo(_members, 0);
    }

    public async Task DisposeAsync()
    {
        foreach (var member in _members.Where(m => m is not null))
        {
            await member!.DisposeAsync();
        }

        await _fleet.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task With_Redis_three_members_lose_nothing_acknowledged_across_a_member_crash_and_run_each_account_only_on_its_owner()
    {
        var traders = new List<(PrivateKey Wallet, string Token, decimal Deposit)>();
        for (var t = 0; t < Traders; t++)
        {
            // signed in through one member, funded through the next, trading through the third
            var wallet = PrivateKey.Generate();
            using var signIn = Member(t).Client(PerpStudioCredentials.ForOperator("demo"));
            var token = (await signIn.SignInWithWalletAsync(wallet)).SessionToken;
            var amount = 10_000m + t;
            using var funding = Member(t + 1).Client(PerpStudioCredentials.Session(token));
            Dec((await funding.DepositAsync(Deposit(t, amount))).Collateral).ShouldBe(amount);
            using var trading = Member(t + 2).Client(PerpStudioCredentials.Session(token));
            var order = await trading.PlaceOrderAsync(MarketOrder(t));
            order.Order.Status.ShouldBe(OrderStatus.Filled, order.Order.ToString());
            traders.Add((wallet, token, amount));
        }

        // a refusal made by the owner reaches a trader on another member as the same precise error, and changes nothing
        var placement = Member(0).Platform.App.Services.GetRequiredService<IGrainPlacement>();
        var owner = placement.GetOwner(new GrainId("account", $"demo/{traders[0].Wallet.Address.ToLowerHex()}"));
        using (var elsewhere = Member(owner + 1).Client(PerpStudioCredentials.Session(traders[0].Token)))
        {
            var refused = await Should.ThrowAsync<RpcException>(() =>
                elsewhere.WithdrawAsync(new WithdrawRequest { Amount = "1000000", WithdrawalId = "cluster-too-much" }));
            refused.Status.StatusCode.ShouldBe(StatusCode.FailedPrecondition, refused.Status.Detail);
        }

        var before = new List<AccountView>();
        foreach (var (t, trader) in traders.Index())
        {
            using var reader = Member(t).Client(PerpStudioCredentials.Session(trader.Token));
            before.Add(await AccountView.ReadAsync(reader));
        }

        AssertEveryAccountRanOnlyOnItsOwner(traders.Select(t => t.Wallet));

        // member 2 goes away without a graceful stop (its grains write nothing more) and comes back on the same addresses
        const int crashed = 2;
        await _members[crashed]!.Platform.DisposeAsync();
        _members[crashed]!.Abandoned = true;
        _members[crashed] = null;
        _members[crashed] = await StartMemberAsync(crashed);

        foreach (var (t, trader) in traders.Index())
        {
            // read through the member that signed the trader in: neither the one that took the deposit nor the order
            using var reader = Member(t).Client(PerpStudioCredentials.Session(trader.Token));
            var after = await AccountView.ReadAsync(reader);
            after.ShouldBe(before[t]);
            after.LedgerIds.ShouldContain($"cluster-deposit-{t}");
            after.FilledOrders.ShouldContain($"cluster-order-{t}");

            // the deposit id was applied once, whichever member sees it again
            using var repeater = Member(t + 2).Client(PerpStudioCredentials.Session(trader.Token));
            Dec((await repeater.DepositAsync(Deposit(t, trader.Deposit))).Collateral).ShouldBe(after.Collateral);
            (await AccountView.ReadAsync(reader)).ShouldBe(before[t]);
        }

        AssertEveryAccountRanOnlyOnItsOwner(traders.Select(t => t.Wallet));
    }

    [Fact]
    public async Task With_Redis_orders_resting_across_a_member_crash_fill_later_and_each_fill_reaches_its_account_once_whichever_member_reads_it()
    {
        var placement = Member(0).Platform.App.Services.GetRequiredService<IGrainPlacement>();
        var traders = new List<(PrivateKey Wallet, string Token)>();
        for (var t = 0; t < Traders; t++)
        {
            var wallet = PrivateKey.Generate();
            using var signIn = Member(t).Client(PerpStudioCredentials.ForOperator("demo"));
            var token = (await signIn.SignInWithWalletAsync(wallet)).SessionToken;
            using var funding = Member(t + 1).Client(PerpStudioCredentials.Session(token));
            await funding.DepositAsync(Deposit(t, 10_000m));

            // placed through a member that does not own the account: the owner routes it and records its legs
            var owner = placement.GetOwner(new GrainId("account", $"demo/{wallet.Address.ToLowerHex()}"));
            using var placing = Member(owner + 1).Client(PerpStudioCredentials.Session(token));
            var order = await placing.PlaceOrderAsync(RestingBuy(t));
            order.Order.Status.ShouldBe(OrderStatus.Open, order.Order.ToString());
            traders.Add((wallet, token));
        }

        // member 2 crashes with orders resting, and comes back: the orders it routed are in the durable directory
        const int crashed = 2;
        await _members[crashed]!.Platform.DisposeAsync();
        _members[crashed]!.Abandoned = true;
        _members[crashed] = null;
        _members[crashed] = await StartMemberAsync(crashed);
        for (var m = 0; m < Members; m++)
        {
            await Member(m).Platform.Links.FeedOf("demo")!.WhenSubscribedAsync(SimA, 1, CancellationToken.None).WaitAsync(Patience);
        }

        // the market falls through every bid: the venue fills all of them, and every member's feed reads every fill
        _fleet.Exchanges.Single().SetReferencePrice(Btc, PerpStudio.Domain.Primitives.Price.Of(98_000m));
        for (var m = 0; m < Members; m++)
        {
            var book = Member(m).Platform.App.Services.GetRequiredService<InMemoryFillBook>();
            foreach (var (wallet, _) in traders)
            {
                await WhenHeldAsync(book, new OrderOwner("demo", wallet.Address.ToLowerHex()), PerpStudio.Domain.Primitives.Quantity.Of(0.01m));
            }
        }

        foreach (var (t, trader) in traders.Index())
        {
            using var reader = Member(t).Client(PerpStudioCredentials.Session(trader.Token));
            var fills = (await reader.ListFillsAsync(new ListFillsRequest())).Fills;
            fills.Select(f => f.ClientOrderId).ShouldBe([$"cluster-resting-{t}"], $"trader {t} has its fill once, from three feeds");
            Dec((await reader.ListPositionsAsync(new ListPositionsRequest())).Positions.ShouldHaveSingleItem().Size).ShouldBe(0.01m);
            (await reader.ListOpenOrdersAsync(new ListOpenOrdersRequest())).Orders.ShouldBeEmpty();
        }

        // every member's reconciliation compares the venue account with the platform-wide book, and finds them equal
        for (var m = 0; m < Members; m++)
        {
            var report = await Member(m).Platform.Links.ReconcilerOf("demo")!.CheckAsync(CancellationToken.None);
            report.IsClean.ShouldBeTrue($"member {m}: {string.Join("; ", report.Differences)}");
        }

        AssertEveryAccountRanOnlyOnItsOwner(traders.Select(t => t.Wallet));
    }

    private static async Task WhenHeldAsync(InMemoryFillBook book, OrderOwner owner, PerpStudio.Domain.Primitives.Quantity size)
    {
        // each applied fill wakes the wait; the position is read again after each
        while (book.PositionOf(owner, SimA, Btc) != size)
        {
            await book.WhenAppliedAsync(book.AppliedCount + 1, CancellationToken.None).WaitAsync(Patience);
        }
    }

    private void AssertEveryAccountRanOnlyOnItsOwner(IEnumerable<PrivateKey> wallets)
    {
        var accountKeys = wallets.Select(w => $"demo/{w.Address.ToLowerHex()}").ToHashSet(StringComparer.Ordinal);
        var hosting = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var m = 0; m < Members; m++)
        {
            var services = Member(m).Platform.App.Services;
            var placement = services.GetRequiredService<IGrainPlacement>();
            placement.LocalMember.ShouldBe(m);
            var active = services.GetRequiredService<GrainRuntime>().ActiveGrainIds();

            // not only accounts: no grain of any kind is ever activated away from its owner
            active.Where(id => placement.GetOwner(id) != m).ShouldBeEmpty($"member {m} runs grains it does not own");
            foreach (var id in active.Where(id => id.Type == "account" && accountKeys.Contains(id.Key)))
            {
                hosting.TryAdd(id.Key, m).ShouldBeTrue($"{id} is active on two members");
            }
        }

        // each trader's account is active (it was just read) on exactly one member: its owner, per the check above
        hosting.Keys.ShouldBe(accountKeys, ignoreOrder: true);
        hosting.Values.Distinct().Count().ShouldBeGreaterThan(1, "six traders should spread over more than one member");
    }

    private ClusterHost Member(int index) => _members[index % Members]!;

    private Task<ClusterHost> StartMemberAsync(int ordinal)
    {
        var (grpc, web, forwarding) = _ports[ordinal];
        var settings = new List<(string, string)>
        {
            ("PerpStudio:Storage:Redis", _redis.ConnectionString),
            ("PerpStudio:Grpc:Port", Text(grpc)),
            ("PerpStudio:Web:Port", Text(web)),
            ("PerpStudio:Cluster:MemberCount", Text(Members)),
            ("PerpStudio:Cluster:Ordinal", Text(ordinal)),
            ("PerpStudio:Cluster:ForwardingPort", Text(forwarding)),
            ("PerpStudio:Demo:Enabled", "true"),
            ("PerpStudio:Venues:Simulated:0:Name", "sim-a"),
        };
        settings.AddRange(_ports.Select((p, m) => ($"PerpStudio:Cluster:Peers:{m}", $"http://127.0.0.1:{p.Forwarding}")));
        return ClusterHost.StartAsync(settings, _fleet);
    }

    private static DepositRequest Deposit(int trader, decimal amount) =>
        new() { Amount = amount.ToString(CultureInfo.InvariantCulture), DepositId = $"cluster-deposit-{trader}" };

    private static PlaceOrderRequest RestingBuy(int trader) => new()
    {
        ClientOrderId = $"cluster-resting-{trader}",
        Market = "BTC-USD",
        Side = Side.Buy,
        Type = OrderType.Limit,
        Size = "0.01",
        LimitPrice = "99000",
        TimeInForce = TimeInForce.Gtc,
        MarginMode = trader % 2 == 0 ? MarginMode.Cross : MarginMode.Isolated,
        Leverage = 5,
    };

    private static PlaceOrderRequest MarketOrder(int trader) => new()
    {
        ClientOrderId = $"cluster-order-{trader}",
        Market = "BTC-USD",
        Side = trader % 2 == 0 ? Side.Buy : Side.Sell,
        Type = OrderType.Market,
        Size = "0.01",
        MarginMode = trader % 2 == 0 ? MarginMode.Cross : MarginMode.Isolated,
        Leverage = 5,
    };

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
