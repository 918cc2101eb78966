using PerpStudio.Grains.Abstractions;
using PerpStudio.Runtime;

namespace PerpStudio.Api.Operators;

/// <summary>The stored profile of an operator.</summary>
public sealed class OperatorProfileState
{
    /// <summary>The profile, or null before creation.</summary>
    public OperatorProfile? Profile { get; set; }
}

/// <summary>Keeps an operator's profile, keys and audit log.</summary>
public sealed class OperatorProfileGrain(
    [PersistentState("profile", GrainKeys.Storage)] IPersistentState<OperatorProfileState> state) : Grain, IOperatorProfileGrain
{
    // every order reads the profile (the margin modes offered): the finished task is kept while its profile is current
    private Task<OperatorProfile?>? _read;

    /// <inheritdoc />
    public Task<OperatorProfile?> GetAsync()
    {
        var profile = state.State.Profile;
        if (_read is not { } read || !ReferenceEquals(read.Result, profile))
        {
            _read = read = Task.FromResult(profile);
        }

        return read;
    }

    /// <inheritdoc />
    public async Task<bool> CreateAsync(OperatorProfile profile, AuditEntryInput audit)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(audit);
        if (state.State.Profile is not null)
        {
            return false;
        }

        await WriteAsync(profile with { Version = 1, Audit = [] }, audit);
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> UpdateAsync(long expectedVersion, OperatorProfile next, AuditEntryInput audit)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(audit);
        if (state.State.Profile is not { } current || current.Version != expectedVersion)
        {
            return false;
        }

        // the audit log is the grain's own: a caller's copy of it is never written back
        await WriteAsync(next with { Version = current.Version + 1, Audit = current.Audit }, audit);
        return true;
    }

    /// <inheritdoc />
    public async Task RecordAsync(AuditEntryInput audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        if (state.State.Profile is { } current)
        {
            await WriteAsync(current, audit);
        }
    }

    private async Task WriteAsync(OperatorProfile profile, AuditEntryInput audit)
    {
        var record = new AuditRecord(profile.Audit.Length + 1, audit.Time, audit.Actor, audit.Action, audit.Detail);
        state.State.Profile = profile with { Audit = profile.Audit.Add(record) };
        await state.WriteStateAsync();
    }
}
