using System.Collections.Immutable;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Routing;

/// <summary>
/// The operators whose orders are routed to venues (key: <see cref="RoutingGrainKeys.Platform"/>): every member links
/// each of them to its venue connections at start, so any member can route any operator's orders and read its fills,
/// whichever member linked it first.
/// </summary>
public interface ILinkedOperatorsGrain : IGrainWithStringKey
{
    /// <summary>Adds an operator (once; adding it again changes nothing).</summary>
    Task AddAsync(string operatorId);

    /// <summary>The operators, sorted.</summary>
    Task<ImmutableArray<string>> ListAsync();
}

/// <summary>The registry's stored state.</summary>
public sealed record LinkedOperatorsState
{
    /// <summary>The operators.</summary>
    public ImmutableSortedSet<string> Operators { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
}

/// <summary>The registry grain.</summary>
public sealed class LinkedOperatorsGrain(
    [PersistentState("operators", Abstractions.GrainKeys.Storage)] IPersistentState<LinkedOperatorsState> state) : Grain, ILinkedOperatorsGrain
{
    /// <inheritdoc />
    public async Task AddAsync(string operatorId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorId);
        var operators = state.State.Operators.WithComparer(StringComparer.Ordinal);
        if (!operators.Contains(operatorId))
        {
            state.State = new LinkedOperatorsState { Operators = operators.Add(operatorId) };
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<ImmutableArray<string>> ListAsync() => Task.FromResult(state.State.Operators.ToImmutableArray());
}
