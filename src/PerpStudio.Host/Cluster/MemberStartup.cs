using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PerpStudio.Runtime.Remote;

namespace PerpStudio.Host.Cluster;

/// <summary>
/// Runs the platform's startup work (market listing, the demo seed, operator links, risk timers, readiness, venue walks)
/// in order, once the host's listeners are up: the work runs in <see cref="StartedAsync"/>, after every hosted service's
/// start (the web server's included), and the host's start completes only when it is done. With more than one member it
/// first waits, bounded by <paramref name="peerWait"/>, for every member's forwarding listener to answer, so work that
/// calls grains owned by peers never fails because a peer is slower to start.
/// </summary>
/// <param name="steps">The startup work, in order; stopped in reverse.</param>
/// <param name="membership">The members.</param>
/// <param name="peers">Probes the members' forwarding listeners.</param>
/// <param name="peerWait">How long to wait for silent peers before starting anyway (their calls are then retried per call).</param>
/// <param name="logger">Where a start without every peer is reported.</param>
public sealed partial class MemberStartup(
    IReadOnlyList<IHostedService> steps,
    ClusterMembership membership,
    ClusterPeers? peers,
    TimeSpan peerWait,
    ILogger<MemberStartup> logger) : IHostedLifecycleService
{
    private readonly Stack<IHostedService> _started = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the startup work has run (faults when it failed).</summary>
    public Task Completion => _completion.Task;

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (membership.MemberCount > 1 && peers is not null)
            {
                var silent = await peers.WaitForAllAsync(peerWait, cancellationToken);
                if (silent.Count > 0)
                {
                    LogStartingWithoutPeers(logger, membership.LocalMember, string.Join(", ", silent), peerWait);
                }
            }

            foreach (var step in steps)
            {
                await step.StartAsync(cancellationToken);
                _started.Push(step);
            }

            _completion.TrySetResult();
        }
        catch (Exception ex)
        {
            _completion.TrySetException(ex);
            throw;
        }
    }

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        while (_started.TryPop(out var step))
        {
            await step.StopAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Member {Member} starts while members {Silent} have not answered within {Wait}; calls to them are retried until they listen")]
    private static partial void LogStartingWithoutPeers(ILogger logger, int member, string silent, TimeSpan wait);
}
