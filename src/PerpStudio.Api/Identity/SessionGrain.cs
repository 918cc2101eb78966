using PerpStudio.Grains.Abstractions;
using PerpStudio.Runtime;

namespace PerpStudio.Api.Identity;

/// <summary>Holds one session record.</summary>
public sealed class SessionGrain(
    [PersistentState("session", GrainKeys.Storage)] IPersistentState<IdentityState<SessionRecord>> state) : Grain, ISessionGrain
{
    // every authenticated call reads the session: the finished task is kept while the record it holds is current
    private Task<SessionRecord?>? _read;

    /// <inheritdoc />
    public async Task<bool> CreateAsync(SessionRecord session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (state.State.Record is not null)
        {
            return false;
        }

        state.State.Record = session;
        await state.WriteStateAsync();
        return true;
    }

    /// <inheritdoc />
    public Task<SessionRecord?> GetAsync()
    {
        var record = state.State.Record;
        if (_read is not { } read || !ReferenceEquals(read.Result, record))
        {
            _read = read = Task.FromResult(record);
        }

        return read;
    }

    /// <inheritdoc />
    public async Task RevokeAsync()
    {
        if (state.State.Record is { Revoked: false } record)
        {
            state.State.Record = record with { Revoked = true };
            await state.WriteStateAsync();
        }
    }
}

/// <summary>Holds one API key record.</summary>
public sealed class ApiKeyGrain(
    [PersistentState("apikey", GrainKeys.Storage)] IPersistentState<IdentityState<ApiKeyRecord>> state) : Grain, IApiKeyGrain
{
    /// <inheritdoc />
    public async Task<bool> CreateAsync(ApiKeyRecord key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (state.State.Record is not null)
        {
            return false;
        }

        state.State.Record = key;
        await state.WriteStateAsync();
        return true;
    }

    /// <inheritdoc />
    public Task<ApiKeyRecord?> GetAsync() => Task.FromResult(state.State.Record);

    /// <inheritdoc />
    public async Task<ApiKeyRecord?> RevokeAsync()
    {
        if (state.State.Record is { Revoked: false } record)
        {
            state.State.Record = record with { Revoked = true };
            await state.WriteStateAsync();
        }

        return state.State.Record;
    }
}

/// <summary>Holds one sign-in challenge and consumes it once.</summary>
public sealed class SignInChallengeGrain(
    [PersistentState("challenge", GrainKeys.Storage)] IPersistentState<IdentityState<SignInChallengeRecord>> state) : Grain, ISignInChallengeGrain
{
    /// <inheritdoc />
    public async Task<bool> IssueAsync(SignInChallengeRecord challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        if (state.State.Record is not null)
        {
            return false;
        }

        state.State.Record = challenge;
        await state.WriteStateAsync();
        return true;
    }

    /// <inheritdoc />
    public Task<SignInChallengeRecord?> GetAsync() => Task.FromResult(state.State.Record);

    /// <inheritdoc />
    public async Task<SignInChallengeRecord?> ConsumeAsync()
    {
        if (state.State.Record is not { Consumed: false } record)
        {
            return null;
        }

        // written before answering, so a crash after this point can never let the nonce be used twice
        state.State.Record = record with { Consumed = true };
        await state.WriteStateAsync();
        return record;
    }
}
