using PerpStudio.Runtime.Storage;

namespace PerpStudio.Runtime.Tests.Storage;

/// <summary>What the embedded store hands back: the object itself when nothing in it can change, else a fresh copy.</summary>
public sealed class MemoryGrainStorageCopyTests
{
    private static readonly GrainId Grain = new("ledger", "a");
    private readonly MemoryGrainStorage _store = new(new GrainStateSerializer(new()));

    public sealed class Counter
    {
        public long Count { get; set; }

        public List<string> Seen { get; init; } = [];
    }

    [Fact]
    public async Task An_immutable_state_written_over_its_record_is_kept_as_written_and_read_back_as_the_same_object()
    {
        var state = new GrainState<LedgerState>(new LedgerState { Sequence = 6 });
        await _store.WriteStateAsync("state", Grain, state);
        var written = new LedgerState { Sequence = 7 };
        state.State = written;
        await _store.WriteStateAsync("state", Grain, state);

        var read = new GrainState<LedgerState>(new LedgerState());
        await _store.ReadStateAsync("state", Grain, read);

        read.State.ShouldBeSameAs(written);
        read.RecordExists.ShouldBeTrue();
    }

    [Fact]
    public async Task The_first_write_of_a_record_is_kept_as_json_and_read_back_as_an_equal_copy()
    {
        var written = new LedgerState { Sequence = 7, Entries = [new LedgerEntry("e1", 1.5m, 150)] };
        await _store.WriteStateAsync("state", Grain, new GrainState<LedgerState>(written));

        var read = new GrainState<LedgerState>(new LedgerState());
        await _store.ReadStateAsync("state", Grain, read);

        read.State.ShouldNotBeSameAs(written);
        read.State.Sequence.ShouldBe(7);
        read.State.Entries.ShouldBe(written.Entries);
    }

    [Fact]
    public async Task A_mutable_state_changed_after_its_write_reads_back_as_it_was_written()
    {
        var state = new GrainState<Counter>(new Counter { Count = 1, Seen = ["a"] });
        await _store.WriteStateAsync("state", Grain, state);
        state.State.Count = 2;
        state.State.Seen.Add("b");

        var read = new GrainState<Counter>(new Counter());
        await _store.ReadStateAsync("state", Grain, read);

        read.State.ShouldNotBeSameAs(state.State);
        read.State.Count.ShouldBe(1);
        read.State.Seen.ShouldBe(["a"]);
    }

    [Fact]
    public async Task A_write_after_the_record_was_replaced_loses_whichever_way_the_state_is_kept()
    {
        var first = new GrainState<LedgerState>(new LedgerState { Sequence = 1 });
        await _store.WriteStateAsync("state", Grain, first);
        var second = new GrainState<LedgerState>(new LedgerState { Sequence = 2 }) { ETag = first.ETag };
        await _store.WriteStateAsync("state", Grain, second);

        var stale = new GrainState<LedgerState>(new LedgerState { Sequence = 3 }) { ETag = first.ETag };
        await Should.ThrowAsync<InconsistentStateException>(() => _store.WriteStateAsync("state", Grain, stale));

        var read = new GrainState<LedgerState>(new LedgerState());
        await _store.ReadStateAsync("state", Grain, read);
        read.State.Sequence.ShouldBe(2);
    }
}
