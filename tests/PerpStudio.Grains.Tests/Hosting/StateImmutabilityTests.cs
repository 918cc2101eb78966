using System.Reflection;
using PerpStudio.Grains.Accounts;
using PerpStudio.Runtime;
using PerpStudio.Runtime.Storage;

namespace PerpStudio.Grains.Tests.Hosting;

/// <summary>
/// Every state a grain stores is immutable all the way down, so the embedded store keeps it by reference instead of
/// a JSON round trip on each write, and no grain can change a stored state by changing an object it still holds.
/// </summary>
public sealed class StateImmutabilityTests
{
    // written when a market is listed and when its grain deactivates, never per order: its spec's margin tiers are a
    // Domain list, so the embedded store keeps it as JSON
    private static readonly Type[] WrittenRarely = [typeof(PerpStudio.Grains.Markets.MarketState)];

    public static TheoryData<Type> StoredStateTypes()
    {
        var data = new TheoryData<Type>();
        var types = typeof(AccountState).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
                .Select(f => f.FieldType)
                .Concat(t.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType)))
            .Where(t => t.IsGenericType && !t.ContainsGenericParameters && t.GetGenericTypeDefinition() == typeof(IPersistentState<>))
            .Select(t => t.GetGenericArguments()[0])
            .Distinct()
            .Except(WrittenRarely)
            .OrderBy(t => t.Name, StringComparer.Ordinal);
        foreach (var type in types)
        {
            data.Add(type);
        }

        return data;
    }

    [Fact]
    public void The_grains_store_their_state_through_persistent_state_of_many_types() =>
        StoredStateTypes().Count.ShouldBeGreaterThan(10);

    [Theory]
    [MemberData(nameof(StoredStateTypes))]
    public void A_stored_state_type_is_immutable_all_the_way_down(Type state) =>
        ImmutableGraph.MutablePart(state).ShouldBeNull(state.FullName);
}
