using System.Collections.Immutable;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Runtime;

namespace PerpStudio.Api.Operators;

/// <summary>The stored owner of a host name.</summary>
public sealed class OperatorDomainState
{
    /// <summary>The operator holding the host, or null.</summary>
    public string? OperatorId { get; set; }
}

/// <summary>Keeps which operator serves a host name.</summary>
public sealed class OperatorDomainGrain(
    [PersistentState("domain", GrainKeys.Storage)] IPersistentState<OperatorDomainState> state) : Grain, IOperatorDomainGrain
{
    /// <inheritdoc />
    public async Task<bool> ClaimAsync(string operatorId)
    {
        ArgumentException.ThrowIfNullOrEmpty(operatorId);
        if (state.State.OperatorId is { } owner)
        {
            return owner == operatorId;
        }

        state.State.OperatorId = operatorId;
        await state.WriteStateAsync();
        return true;
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(string operatorId)
    {
        if (state.State.OperatorId == operatorId)
        {
            state.State.OperatorId = null;
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<string?> GetOwnerAsync() => Task.FromResult(state.State.OperatorId);
}

/// <summary>The stored list of an operator's traders.</summary>
public sealed class OperatorUsersState
{
    /// <summary>Traders in order of first sign-in.</summary>
    public ImmutableArray<OperatorUser> Users { get; set; } = [];
}

/// <summary>Keeps the traders who signed in to an operator.</summary>
public sealed class OperatorUsersGrain(
    [PersistentState("users", GrainKeys.Storage)] IPersistentState<OperatorUsersState> state) : Grain, IOperatorUsersGrain
{
    private HashSet<string>? _known;

    /// <inheritdoc />
    public async Task TouchAsync(string trader, DateTimeOffset time)
    {
        ArgumentException.ThrowIfNullOrEmpty(trader);
        _known ??= state.State.Users.Select(u => u.Trader).ToHashSet(StringComparer.Ordinal);
        if (_known.Contains(trader))
        {
            return;
        }

        state.State.Users = state.State.Users.Add(new OperatorUser(trader, time));
        await state.WriteStateAsync();
        _known.Add(trader);
    }

    /// <inheritdoc />
    public Task<(ImmutableArray<OperatorUser> Users, int Total)> ListAsync(int offset, int limit)
    {
        var users = state.State.Users;
        var start = Math.Clamp(offset, 0, users.Length);
        var count = Math.Clamp(limit, 0, users.Length - start);
        return Task.FromResult((users.Slice(start, count), users.Length));
    }
}
