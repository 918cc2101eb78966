using System.Collections.Immutable;
using PerpStudio.Runtime.Storage;

namespace PerpStudio.Runtime.Tests.Storage;

public sealed class ImmutableGraphTests
{
    public enum Side
    {
        Buy,
        Sell,
    }

    public readonly record struct Units(long Value);

    public sealed record Fill(string Id, Units Size, Side Side, DateTimeOffset Time, decimal? Fee);

    public sealed record Book
    {
        public ImmutableList<Fill> Fills { get; init; } = [];

        public ImmutableDictionary<string, ImmutableArray<Units>> Levels { get; init; } = ImmutableDictionary<string, ImmutableArray<Units>>.Empty;

        public Book? Previous { get; init; }
    }

    public sealed record WithSetter
    {
        public long Count { get; set; }
    }

    public sealed record WithList(List<Fill> Fills);

    public sealed record WithArray(Fill[] Fills);

    public sealed record WithReadOnlyList(IReadOnlyList<Fill> Fills);

    public sealed record WithObject(object Payload);

    public record Open(long Count);

    public sealed record HoldsOpen(Open Inner);

    public sealed record HoldsMutableDeep(ImmutableList<WithSetter> Items);

    public struct MutableStruct
    {
        public long Count;
    }

    [Fact]
    public void Records_of_init_only_members_immutable_collections_and_readonly_structs_are_immutable_all_the_way_down()
    {
        ImmutableGraph.IsDeeplyImmutable(typeof(Fill)).ShouldBeTrue();
        ImmutableGraph.IsDeeplyImmutable(typeof(Book)).ShouldBeTrue(); // it refers to itself
        ImmutableGraph.IsDeeplyImmutable(typeof(LedgerState)).ShouldBeTrue();
        ImmutableGraph.IsDeeplyImmutable(typeof(string)).ShouldBeTrue();
        ImmutableGraph.IsDeeplyImmutable(typeof(long?)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(typeof(WithSetter))]
    [InlineData(typeof(WithList))]
    [InlineData(typeof(WithArray))]
    [InlineData(typeof(WithReadOnlyList))]
    [InlineData(typeof(WithObject))]
    [InlineData(typeof(Open))]
    [InlineData(typeof(HoldsOpen))]
    [InlineData(typeof(HoldsMutableDeep))]
    [InlineData(typeof(MutableStruct))]
    [InlineData(typeof(ImmutableList<WithSetter>))]
    public void A_settable_member_a_mutable_collection_an_open_type_or_anything_holding_one_is_not_immutable(Type type) =>
        ImmutableGraph.IsDeeplyImmutable(type).ShouldBeFalse(type.Name);

    [Fact]
    public void The_mutable_part_is_named_by_its_path()
    {
        ImmutableGraph.MutablePart(typeof(HoldsMutableDeep)).ShouldBe("HoldsMutableDeep.Items: WithSetter.Count (settable)");
        ImmutableGraph.MutablePart(typeof(WithList)).ShouldBe("WithList.Fills: List`1 (not sealed)");
        ImmutableGraph.MutablePart(typeof(Book)).ShouldBeNull();
    }
}
