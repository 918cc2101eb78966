using System.Collections.Immutable;
using PerpStudio.Runtime.Hosting;
using PerpStudio.Runtime.Storage;
using PerpStudio.Runtime.Tests.Support;

namespace PerpStudio.Runtime.Tests.Storage;

/// <summary>A state with everything the grains store: records, immutable collections, exact integers and decimals.</summary>
public sealed record LedgerState
{
    /// <summary>Balances by asset.</summary>
    public ImmutableDictionary<string, decimal> Balances { get; init; } = ImmutableDictionary<string, decimal>.Empty;

    /// <summary>Applied entries.</summary>
    public ImmutableList<LedgerEntry> Entries { get; init; } = [];

    /// <summary>Idempotency keys seen.</summary>
    public ImmutableHashSet<string> Seen { get; init; } = [];

    /// <summary>A sequence number.</summary>
    public long Sequence { get; init; }
}

/// <summary>A ledger entry.</summary>
/// <param name="Id">Its idempotency key.</param>
/// <param name="Amount">The amount.</param>
/// <param name="Units">An integer amount in smallest units.</param>
public sealed record LedgerEntry(string Id, decimal Amount, long Units);

/// <summary>
/// The one contract every <see cref="IGrainStorage"/> keeps; each provider's test class derives from it and says only
/// how to register the provider under "store".
/// </summary>
public abstract class GrainStorageContract : IAsyncLifetime
{
    private TestSilo? _silo;

    /// <summary>The runtime using the provider under test as "store".</summary>
    protected TestSilo Silo => _silo ?? throw new InvalidOperationException("not initialized");

    /// <inheritdoc/>
    public virtual async Task InitializeAsync()
    {
        _silo = CreateSilo();
        await Task.CompletedTask;
    }

    /// <inheritdoc/>
    public virtual async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task Reading_a_missing_record_gives_a_fresh_state_and_no_etag()
    {
        var state = State<LedgerState>("nobody");

        await state.ReadStateAsync();

        state.RecordExists.ShouldBeFalse();
        state.Etag.ShouldBeNull();
        state.State.ShouldBe(new LedgerState());
    }

    [Fact]
    public async Task A_written_state_reads_back_exactly()
    {
        var written = State<LedgerState>("exact");
        var ledger = new LedgerState
        {
            Balances = ImmutableDictionary<string, decimal>.Empty
                .Add("USDC", 79228162514264337593543950335m)
                .Add("BTC", 0.0000000000000000000000000001m)
                .Add("ETH", 1.50m),
            Entries = [new LedgerEntry("fill-1", -12345.678901234567890123m, long.MaxValue), new LedgerEntry("fill-2", 0.1m, long.MinValue)],
            Seen = ["fill-1", "fill-2"],
            Sequence = 9007199254740993, // 2^53 + 1: a double would round it
        };
        written.State = ledger;
        await written.WriteStateAsync();

        var read = State<LedgerState>("exact");
        await read.ReadStateAsync();

        read.RecordExists.ShouldBeTrue();
        read.Etag.ShouldBe(written.Etag);
        read.State.Balances.ShouldBe(ledger.Balances);
        read.State.Balances["ETH"].ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe("1.50");
        read.State.Entries.ShouldBe(ledger.Entries);
        read.State.Seen.SetEquals(ledger.Seen).ShouldBeTrue();
        read.State.Sequence.ShouldBe(9007199254740993);
    }

    [Fact]
    public async Task Every_write_gets_a_new_etag()
    {
        var state = State<LedgerState>("versions");

        await state.WriteStateAsync();
        var first = state.Etag;
        state.State = state.State with { Sequence = 1 };
        await state.WriteStateAsync();

        first.ShouldNotBeNull();
        state.Etag.ShouldNotBeNull();
        state.Etag.ShouldNotBe(first);
    }

    [Fact]
    public async Task Of_two_writers_that_read_the_same_version_only_the_first_write_wins()
    {
        var seed = State<LedgerState>("race");
        await seed.WriteStateAsync();
        var first = State<LedgerState>("race");
        var second = State<LedgerState>("race");
        await first.ReadStateAsync();
        await second.ReadStateAsync();

        first.State = first.State with { Sequence = 1 };
        await first.WriteStateAsync();
        second.State = second.State with { Sequence = 2 };
        var lost = await Should.ThrowAsync<InconsistentStateException>(() => second.WriteStateAsync());

        lost.StoredEtag.ShouldBe(first.Etag);
        lost.CurrentEtag.ShouldBe(seed.Etag);
        var stored = State<LedgerState>("race");
        await stored.ReadStateAsync();
        stored.State.Sequence.ShouldBe(1);
        stored.Etag.ShouldBe(first.Etag);

        await second.ReadStateAsync();
        second.State = second.State with { Sequence = 2 };
        await second.WriteStateAsync();
    }

    [Fact]
    public async Task A_writer_that_expects_no_record_loses_to_one_that_created_it()
    {
        var first = State<LedgerState>("create");
        var second = State<LedgerState>("create");
        await first.ReadStateAsync();
        await second.ReadStateAsync();

        await first.WriteStateAsync();
        var lost = await Should.ThrowAsync<InconsistentStateException>(() => second.WriteStateAsync());

        lost.StoredEtag.ShouldBe(first.Etag);
        lost.CurrentEtag.ShouldBeNull();
    }

    [Fact]
    public async Task Clearing_deletes_the_record_and_a_stale_clear_is_rejected()
    {
        var state = State<LedgerState>("clear");
        var stale = State<LedgerState>("clear");
        state.State = new LedgerState { Sequence = 5 };
        await state.WriteStateAsync();
        await stale.ReadStateAsync();
        await state.WriteStateAsync();

        await Should.ThrowAsync<InconsistentStateException>(() => stale.ClearStateAsync());
        await state.ClearStateAsync();

        state.RecordExists.ShouldBeFalse();
        state.Etag.ShouldBeNull();
        state.State.ShouldBe(new LedgerState());
        var read = State<LedgerState>("clear");
        await read.ReadStateAsync();
        read.RecordExists.ShouldBeFalse();

        state.State = new LedgerState { Sequence = 6 };
        await state.WriteStateAsync();
        await Should.ThrowAsync<InconsistentStateException>(() => stale.WriteStateAsync());
    }

    [Fact]
    public async Task Records_are_kept_apart_by_grain_type_key_and_state_name()
    {
        var ids = new (GrainId Id, string Name)[]
        {
            (new GrainId("account", "op/1"), "ledger"),
            (new GrainId("account", "op/2"), "ledger"),
            (new GrainId("position", "op/1"), "ledger"),
            (new GrainId("account", "op/1"), "orders"),
        };
        for (var i = 0; i < ids.Length; i++)
        {
            var state = Silo.Services.GetPersistentState<LedgerState>(ids[i].Id, ids[i].Name, "store");
            state.State = new LedgerState { Sequence = i };
            await state.WriteStateAsync();
        }

        for (var i = 0; i < ids.Length; i++)
        {
            var state = Silo.Services.GetPersistentState<LedgerState>(ids[i].Id, ids[i].Name, "store");
            await state.ReadStateAsync();
            state.State.Sequence.ShouldBe(i);
        }
    }

    [Fact]
    public async Task Grains_reload_their_state_from_storage_after_DeactivateAll()
    {
        var counter = Silo.Grains.GetGrain<ICounterGrain>("reload");
        for (var i = 0; i < 3; i++)
        {
            await counter.IncrementAsync();
        }

        await Silo.Runtime.DeactivateAllAsync();

        (await counter.CountAtActivationAsync()).ShouldBe(3);
        (await counter.IncrementAsync()).ShouldBe(4);
    }

    [Fact]
    public async Task A_grain_that_loses_a_write_race_reports_it_and_reloads_on_the_next_call()
    {
        var counter = Silo.Grains.GetGrain<ICounterGrain>("raced");
        await counter.IncrementAsync();
        var behindItsBack = Silo.Services.GetPersistentState<CounterState>(new GrainId("counter", "raced"), "counter", "store");
        await behindItsBack.ReadStateAsync();
        behindItsBack.State = behindItsBack.State with { Count = 100 };
        await behindItsBack.WriteStateAsync();

        await Should.ThrowAsync<InconsistentStateException>(() => counter.IncrementAsync());

        (await counter.CountAtActivationAsync()).ShouldBe(100);
        (await counter.IncrementAsync()).ShouldBe(101);
    }

    /// <summary>Builds the runtime with the provider under test registered as "store".</summary>
    protected abstract TestSilo CreateSilo();

    private IPersistentState<T> State<T>(string key) =>
        Silo.Services.GetPersistentState<T>(new GrainId("ledger", key), "state", "store");
}

/// <summary>The contract against the in-memory provider.</summary>
public sealed class MemoryGrainStorageTests : GrainStorageContract
{
    /// <inheritdoc/>
    protected override TestSilo CreateSilo() => TestSilo.Create(storage: b => b.AddMemoryGrainStorage("store"));
}
