using System.Reflection;

namespace PerpStudio.Runtime.Placement;

/// <summary>A call to a grain, as handed to <see cref="IRemoteGrainInvoker"/> for forwarding to its owner.</summary>
/// <param name="GrainId">The grain.</param>
/// <param name="Method">The grain interface method.</param>
/// <param name="Arguments">The arguments (immutable messages).</param>
public sealed record GrainCall(GrainId GrainId, MethodInfo Method, IReadOnlyList<object?> Arguments);

/// <summary>
/// Forwards calls to grains owned by another member. A transport implements it by sending the call to the owner,
/// whose server side runs <see cref="GrainRuntime.InvokeLocalAsync"/>; the caller's response timeout applies.
/// </summary>
public interface IRemoteGrainInvoker
{
    /// <summary>Runs <paramref name="call"/> on member <paramref name="owner"/> and returns its result, boxed (null for methods without one).</summary>
    /// <param name="owner">The owning member.</param>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Cancels the forwarding.</param>
    Task<object?> InvokeAsync(int owner, GrainCall call, CancellationToken cancellationToken);
}

/// <summary>The default when no transport is configured: a call to a grain owned elsewhere fails with a clear error.</summary>
public sealed class UnroutableRemoteGrainInvoker : IRemoteGrainInvoker
{
    /// <inheritdoc/>
    public Task<object?> InvokeAsync(int owner, GrainCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return Task.FromException<object?>(new InvalidOperationException(
            $"{call.GrainId} belongs to member {owner}, and no IRemoteGrainInvoker is configured to forward calls to it"));
    }
}
