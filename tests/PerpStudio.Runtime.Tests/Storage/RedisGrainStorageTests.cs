using PerpStudio.Runtime.Tests.Support;
using PerpStudio.Testing.Redis;

namespace PerpStudio.Runtime.Tests.Storage;

/// <summary>The contract against a real redis-server, plus what only a durable store can show.</summary>
public sealed class RedisGrainStorageTests : GrainStorageContract
{
    private RedisServer? _redis;

    private RedisServer Redis => _redis ?? throw new InvalidOperationException("not initialized");

    /// <inheritdoc/>
    public override async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        await base.InitializeAsync();
    }

    /// <inheritdoc/>
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_acknowledged_write_survives_a_kill_9_of_redis()
    {
        var counter = Silo.Grains.GetGrain<ICounterGrain>("durable");
        for (var i = 0; i < 5; i++)
        {
            await counter.IncrementAsync();
        }

        await Redis.RestartAsync();
        await using var restarted = CreateSilo();

        (await restarted.Grains.GetGrain<ICounterGrain>("durable").CountAtActivationAsync()).ShouldBe(5);
    }

    [Fact]
    public async Task Grain_state_lives_under_prefix_grain_type_and_key()
    {
        await Silo.Grains.GetGrain<ICounterGrain>("op1/trader7").IncrementAsync();

        (await Redis.CommandAsync("EXISTS", "test:counter:op1/trader7")).ShouldBe(":1\r\n");
        (await Redis.CommandAsync("HEXISTS", "test:counter:op1/trader7", "state:counter")).ShouldBe(":1\r\n");
        (await Redis.CommandAsync("HEXISTS", "test:counter:op1/trader7", "etag:counter")).ShouldBe(":1\r\n");
    }

    [Fact]
    public async Task Two_runtimes_on_one_redis_cannot_both_win_a_write()
    {
        await using var other = CreateSilo();
        var here = Silo.Grains.GetGrain<ICounterGrain>("shared");
        var there = other.Grains.GetGrain<ICounterGrain>("shared");
        await here.PeekAsync();
        await there.PeekAsync();

        await here.IncrementAsync();
        await Should.ThrowAsync<PerpStudio.Runtime.Storage.InconsistentStateException>(() => there.IncrementAsync());

        (await there.IncrementAsync()).ShouldBe(2);
    }

    /// <inheritdoc/>
    protected override TestSilo CreateSilo() =>
        TestSilo.Create(storage: b => b.AddRedisGrainStorage("store", Redis.ConnectionString, keyPrefix: "test"));
}
