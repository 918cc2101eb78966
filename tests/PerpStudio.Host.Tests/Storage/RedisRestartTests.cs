using System.Globalization;
using PerpStudio.Client;
using PerpStudio.Contracts.V1;
using PerpStudio.Ethereum;
using PerpStudio.Host.Tests.Trading;
using PerpStudio.Testing.Redis;

namespace PerpStudio.Host.Tests.Storage;

/// <summary>With Redis configured (a real redis-server), what the host acknowledged survives the host going away.</summary>
public sealed class RedisRestartTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task With_Redis_a_deposit_a_position_and_the_session_survive_a_host_restart_without_a_graceful_stop()
    {
        var wallet = PrivateKey.Generate();
        string token;
        decimal collateral;
        Position position;
        int ledgerEntries;
        await using (var first = await StartOnRedisAsync())
        {
            using var client = first.Client(PerpStudioCredentials.ForOperator("demo"));
            token = (await client.SignInWithWalletAsync(wallet)).SessionToken;
            await client.DepositAsync(new DepositRequest { Amount = "20000", DepositId = "redis-1" });
            await using (var events = await AccountEvents.SubscribeAsync(client))
            {
                await client.PlaceOrderAsync(new PlaceOrderRequest
                {
                    ClientOrderId = "durable-1", Market = "BTC-USD", Side = Side.Sell, Type = OrderType.Market,
                    Size = "0.05", MarginMode = MarginMode.Isolated, Leverage = 5,
                });
                await events.WaitForAsync(e => e.Fill?.ClientOrderId == "durable-1");
            }

            collateral = Dec((await client.GetAccountSummaryAsync(new GetAccountSummaryRequest())).Collateral);
            position = (await client.ListPositionsAsync(new ListPositionsRequest())).Positions.Single();
            ledgerEntries = (await client.GetLedgerAsync(new GetLedgerRequest())).Entries.Count;

            // no StopAsync: the process is gone without deactivating its grains, as in a crash
            await first.Platform.DisposeAsync();
            first.Abandoned = true;
        }

        await using var second = await StartOnRedisAsync();
        using var again = second.Client(PerpStudioCredentials.Session(token));
        var summary = await again.GetAccountSummaryAsync(new GetAccountSummaryRequest());
        Dec(summary.Collateral).ShouldBe(collateral);
        var restored = (await again.ListPositionsAsync(new ListPositionsRequest())).Positions.ShouldHaveSingleItem();
        restored.Market.ShouldBe(position.Market);
        restored.Size.ShouldBe(position.Size);
        restored.EntryPrice.ShouldBe(position.EntryPrice);
        restored.MarginMode.ShouldBe(MarginMode.Isolated);
        restored.Margin.ShouldBe(position.Margin);
        (await again.GetLedgerAsync(new GetLedgerRequest())).Entries.Count.ShouldBe(ledgerEntries);

        // the deposit id was applied once: repeating it credits nothing
        var repeat = await again.DepositAsync(new DepositRequest { Amount = "20000", DepositId = "redis-1" });
        Dec(repeat.Collateral).ShouldBe(collateral);
    }

    private Task<RunningPlatform> StartOnRedisAsync() => RunningPlatform.StartAsync(("PerpStudio:Storage:Redis", _redis.ConnectionString));

    private static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
