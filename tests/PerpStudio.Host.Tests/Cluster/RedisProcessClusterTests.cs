using System.Globalization;
using PerpStudio.Client;
using PerpStudio.Contracts.V1;
using PerpStudio.Ethereum;
using Xunit.Abstractions;

namespace PerpStudio.Host.Tests.Cluster;

/// <summary>
/// Three host processes (<c>dotnet PerpStudio.Host.dll</c>) on loopback with one real redis-server, each trading at one
/// shared local Hyperliquid through its own agent wallet: traders act through every member, one member is killed with
/// SIGKILL after acknowledging their operations and started again on the same ports, and everything acknowledged is
/// still there, while each member's <c>/metrics</c> shows that every grain ran on its owner and that the members
/// served each other's forwarded calls.
/// </summary>
public sealed class RedisProcessClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Members = 3;
    private const int TradersPerMember = 2;
    private const int Crashed = 2;
    private const string ActiveGrains = "perpstudio_cluster_grains_active";
    private const string MemberOrdinal = "perpstudio_cluster_member";
    private const string ServerRequests = "http_server_request_duration_seconds_count";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private ProcessCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ProcessCluster.StartAsync(Members);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task With_Redis_three_host_processes_lose_nothing_acknowledged_across_a_kill_and_serve_every_account_on_its_owner()
    {
        try
        {
            await RunAsync();
        }
        catch
        {
            output.WriteLine(_cluster.Logs);
            throw;
        }
    }

    // Only the adapter instance that placed an order remembers its cloid; a restarted one reports the fill under the cloid's
    // wire alias ("hl-cloid-..."), which the router recorded with the leg, so the fill is attributed on any member.
    [Fact]
    public async Task With_Redis_a_resting_Hyperliquid_order_filled_after_the_member_that_placed_it_was_killed_reaches_the_account_once()
    {
        try
        {
            await RunRestingOrderAsync();
        }
        catch
        {
            output.WriteLine(_cluster.Logs);
            throw;
        }
    }

    private async Task RunAsync()
    {
        var traders = new List<Trader>();
        foreach (var (t, wallet) in WalletsOwnedInTurn().Index())
        {
            // signed in through its owner, funded through the next member, trading through the third: both forwarded
            var owner = t % Members;
            using var signIn = _cluster.Client(owner, PerpStudioCredentials.ForOperator("demo"));
            var token = (await signIn.SignInWithWalletAsync(wallet)).SessionToken;
            var amount = 10_000m + t + 0.123456m;
            using var funding = _cluster.Client(owner + 1, PerpStudioCredentials.Session(token));
            Dec((await funding.DepositAsync(Deposit($"proc-deposit-{t}", amount))).Collateral).ShouldBe(amount);
            using var trading = _cluster.Client(owner + 2, PerpStudioCredentials.Session(token));
            var order = (await trading.PlaceOrderAsync(MarketOrder($"proc-order-{t}", t, "0.01"))).Order;
            order.Status.ShouldBe(OrderStatus.Filled, order.ToString());
            traders.Add(new Trader(token, owner, amount, Signed(order)));
        }

        // each account as acknowledged, read through a member that does not own it
        var acknowledged = new List<AccountView>();
        foreach (var (t, trader) in traders.Index())
        {
            using var reader = _cluster.Client(trader.Owner + 1, PerpStudioCredentials.Session(trader.Token));
            var view = await WhenFilledAsync(reader, $"proc-order-{t}");
            view.Collateral.ShouldBeLessThan(trader.Deposit, "the taker fee of the fill is charged");
            PositionSize(view).ShouldBe(trader.Position, view.ToString());
            acknowledged.Add(view);
        }

        await AssertEveryGrainRanOnItsOwnerAsync(traders);
        await _cluster.KillAndRestartAsync(Crashed);

        foreach (var (t, trader) in traders.Index())
        {
            // read through every member, the restarted one included: one account, the one acknowledged
            for (var m = 0; m < Members; m++)
            {
                using var reader = _cluster.Client(m, PerpStudioCredentials.Session(trader.Token));
                var view = await AccountView.ReadAsync(reader);
                view.ShouldBe(acknowledged[t], $"trader {t} (owner {trader.Owner}) read through member {m}");
                view.LedgerIds.ShouldContain($"proc-deposit-{t}");
                view.FilledOrders.ShouldBe($"proc-order-{t}");
            }

            // the deposit id took effect once: sent again through the restarted member, it changes nothing
            using var repeater = _cluster.Client(Crashed, PerpStudioCredentials.Session(trader.Token));
            Dec((await repeater.DepositAsync(Deposit($"proc-deposit-{t}", trader.Deposit))).Collateral).ShouldBe(acknowledged[t].Collateral);
        }

        // trading goes on through the restarted member, on the state it recovered
        foreach (var (t, trader) in traders.Index())
        {
            using var client = _cluster.Client(Crashed, PerpStudioCredentials.Session(trader.Token));
            var deposited = Dec((await client.DepositAsync(Deposit($"proc-deposit-again-{t}", 500m))).Collateral);
            deposited.ShouldBe(acknowledged[t].Collateral + 500m);
            var order = (await client.PlaceOrderAsync(MarketOrder($"proc-order-again-{t}", t, "0.005"))).Order;
            order.Status.ShouldBe(OrderStatus.Filled, order.ToString());
            using var reader = _cluster.Client(trader.Owner + 1, PerpStudioCredentials.Session(trader.Token));
            var view = await WhenFilledAsync(reader, $"proc-order-again-{t}");
            PositionSize(view).ShouldBe(trader.Position + Signed(order));
            view.FilledOrders.Split(' ').ShouldBe([$"proc-order-{t}", $"proc-order-again-{t}"], ignoreOrder: true);
            view.LedgerIds.ShouldContain($"proc-deposit-again-{t}");
        }

        await AssertEveryGrainRanOnItsOwnerAsync(traders);
    }

    private async Task RunRestingOrderAsync()
    {
        // the account's owner routes the order, so its adapter is the one that placed it at the venue
        const int owner = 0;
        var wallet = WalletsOwnedInTurn().First();
        using var signIn = _cluster.Client(owner + 1, PerpStudioCredentials.ForOperator("demo"));
        var token = (await signIn.SignInWithWalletAsync(wallet)).SessionToken;
        using var client = _cluster.Client(owner + 1, PerpStudioCredentials.Session(token));
        await client.DepositAsync(Deposit("proc-resting-deposit", 10_000m));
        var order = (await client.PlaceOrderAsync(new PlaceOrderRequest
        {
            ClientOrderId = "proc-resting",
            Market = "BTC-USD",
            Side = Side.Buy,
            Type = OrderType.Limit,
            Size = "0.01",
            LimitPrice = "29995",
            TimeInForce = TimeInForce.Gtc,
            MarginMode = MarginMode.Cross,
            Leverage = 5,
        })).Order;
        order.Status.ShouldBe(OrderStatus.Open, order.ToString());

        await _cluster.KillAndRestartAsync(owner);

        // outside flow crosses the bid: every member's feed reads the platform account's fill
        await _cluster.Venue.SellAsync(PerpStudio.Domain.Primitives.Price.Of(29_995m), PerpStudio.Domain.Primitives.Quantity.Of(0.01m));
        output.WriteLine("the venue's fills of the platform account: " + _cluster.Venue.Server.Exchange.FillsOf(_cluster.Venue.Master).ToJsonString());
        using var reader = _cluster.Client(owner + 2, PerpStudioCredentials.Session(token));
        var view = await WhenFilledAsync(reader, "proc-resting");
        view.FilledOrders.ShouldBe("proc-resting");
        PositionSize(view).ShouldBe(0.01m);
        (await reader.ListOpenOrdersAsync(new ListOpenOrdersRequest())).Orders.ShouldBeEmpty();
    }

    /// <summary>
    /// Every member reports its ordinal, no grain activation the placement gives to another member, at least the test's
    /// accounts it owns (they were just used), and forwarded calls it served for the others, none refused as misdirected.
    /// </summary>
    private async Task AssertEveryGrainRanOnItsOwnerAsync(IReadOnlyList<Trader> traders)
    {
        for (var m = 0; m < Members; m++)
        {
            var metrics = await MemberMetrics.ScrapeAsync(_cluster.Http, _cluster.WebAddress(m));
            output.WriteLine(
                $"member {m}: {metrics.Sum(ActiveGrains, ("placement", "owned"))} activations owned " +
                $"({metrics.Sum(ActiveGrains, ("grain_type", "account"), ("placement", "owned"))} accounts), " +
                $"{metrics.Sum(ActiveGrains, ("placement", "misplaced"))} misplaced, " +
                $"{metrics.Sum(ServerRequests, ("http_route", "/_grains"), ("http_response_status_code", "200"))} forwarded calls served");
            metrics.Sum(MemberOrdinal).ShouldBe(m);
            metrics.Sum(ActiveGrains, ("placement", "misplaced")).ShouldBe(0, $"member {m} runs grains another member owns");
            metrics.Sum(ActiveGrains, ("grain_type", "account"), ("placement", "owned"))
                .ShouldBeGreaterThanOrEqualTo(traders.Count(t => t.Owner == m), $"member {m} runs the accounts it owns");
            metrics.Sum(ServerRequests, ("http_route", "/_grains"), ("http_response_status_code", "200"))
                .ShouldBeGreaterThan(0, $"member {m} served calls forwarded by its peers");
            metrics.Sum(ServerRequests, ("http_route", "/_grains"), ("http_response_status_code", "421"))
                .ShouldBe(0, $"member {m} refused calls as misdirected");
        }
    }

    /// <summary>Fresh wallets whose accounts are owned by member 0, 1, 2, 0, 1, 2 in turn, so every member owns traders.</summary>
    private IEnumerable<PrivateKey> WalletsOwnedInTurn()
    {
        for (var t = 0; t < Members * TradersPerMember; t++)
        {
            PrivateKey wallet;
            do
            {
                wallet = PrivateKey.Generate();
            }
            while (_cluster.OwnerOf(wallet) != t % Members);

            yield return wallet;
        }
    }

    /// <summary>
    /// The account once the fill of <paramref name="clientOrderId"/> is on it: the reply to a market order at Hyperliquid
    /// says FILLED as soon as the venue filled it, and the fill reaches the account from the venue's fill feed just after.
    /// </summary>
    private static async Task<AccountView> WhenFilledAsync(PerpStudioClient reader, string clientOrderId)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            // one call per try, a few tries a second: the API limits calls per credential
            var fills = (await reader.ListFillsAsync(new ListFillsRequest())).Fills;
            if (fills.Any(f => f.ClientOrderId == clientOrderId))
            {
                return await AccountView.ReadAsync(reader);
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"the fill of {clientOrderId} did not reach the account: {await AccountView.ReadAsync(reader)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private static decimal PositionSize(AccountView view) =>
        view.Positions.Length == 0 ? 0m : Dec(view.Positions.Split(' ')[2].Split('@')[0]);

    /// <summary>The signed size a FILLED market order adds to the position: all of it (an IOC is filled or cancelled).</summary>
    private static decimal Signed(Order order) => (order.Side == Side.Buy ? 1 : -1) * Dec(order.Size);

    private static DepositRequest Deposit(string id, decimal amount) =>
        new() { Amount = amount.ToString(CultureInfo.InvariantCulture), DepositId = id };

    private static PlaceOrderRequest MarketOrder(string clientOrderId, int trader, string size) => new()
    {
        ClientOrderId = clientOrderId,
        Market = "BTC-USD",
        Side = trader % 2 == 0 ? Side.Buy : Side.Sell,
        Type = OrderType.Market,
        Size = size,
        MarginMode = trader % 2 == 0 ? MarginMode.Cross : MarginMode.Isolated,
        Leverage = 5,
    };

    private static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private sealed record Trader(string Token, int Owner, decimal Deposit, decimal Position);
}
