using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;

namespace PerpStudio.Runtime.Remote;

/// <summary>
/// Waits for members to listen: a member answers <c>GET</c> on its forwarding path with its ordinal
/// (<see cref="GrainForwardingEndpoint.MapGrainForwarding"/>) as soon as its forwarding listener is up. Startup work that
/// calls grains owned by peers waits here first, so members starting together (or one restarting) never fail because a
/// peer is slower; the wait is bounded, with backoff between attempts.
/// </summary>
public sealed partial class ClusterPeers : IDisposable
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestBackoff = TimeSpan.FromSeconds(1);
    private readonly ClusterMembership _membership;
    private readonly Uri[] _endpoints;
    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger<ClusterPeers> _logger;

    /// <summary>Creates the prober.</summary>
    /// <param name="membership">The members and their forwarding addresses.</param>
    /// <param name="path">The forwarding path.</param>
    /// <param name="time">The clock of the backoff.</param>
    /// <param name="logger">Where a member still not answering is reported.</param>
    /// <param name="handler">The HTTP handler; null for a fresh one.</param>
    public ClusterPeers(ClusterMembership membership, string path, TimeProvider time, ILogger<ClusterPeers> logger, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(membership);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _membership = membership;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _endpoints = [.. membership.Peers.Select(peer => new Uri(peer, path))];
        _client = new HttpClient(handler ?? new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) })
        {
            Timeout = TimeSpan.FromSeconds(5),
        };
    }

    /// <summary>Whether <paramref name="member"/> answers as that member now.</summary>
    public async Task<bool> IsListeningAsync(int member, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(member);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(member, _endpoints.Length);
        try
        {
            using var response = await _client.GetAsync(_endpoints[member], cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal) && ordinal == member)
            {
                return true;
            }

            // someone else answers at that address: the membership is misconfigured, which waiting cannot fix
            throw new InvalidOperationException(
                $"{_endpoints[member]} answers as member '{text}', not as member {member}: {ClusterMembership.SectionName} addresses disagree");
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the probe's own timeout: the member is not answering yet
            return false;
        }
    }

    /// <summary>
    /// Completes once every member (this one included: its own listener is up) answers, or when
    /// <paramref name="timeout"/> has passed; returns the members still silent then (empty when all answered).
    /// </summary>
    public async Task<IReadOnlyList<int>> WaitForAllAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + timeout;
        var waiting = Enumerable.Range(0, _endpoints.Length).ToList();
        var backoff = FirstBackoff;
        var reported = false;
        while (true)
        {
            var answers = await Task.WhenAll(waiting.Select(m => IsListeningAsync(m, cancellationToken)));
            waiting = [.. waiting.Where((_, i) => !answers[i])];
            var now = _time.GetUtcNow();
            if (waiting.Count == 0 || now >= deadline)
            {
                return waiting;
            }

            if (!reported && now + timeout - deadline > TimeSpan.FromSeconds(5))
            {
                // once, so a slow peer is visible in the log without flooding it
                LogWaiting(_logger, _membership.LocalMember, string.Join(", ", waiting));
                reported = true;
            }

            var pause = deadline - now < backoff ? deadline - now : backoff;
            await Task.Delay(pause, _time, cancellationToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, LongestBackoff.Ticks));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Member {Member} waits for members {Waiting} to listen before its startup work")]
    private static partial void LogWaiting(ILogger logger, int member, string waiting);
}
