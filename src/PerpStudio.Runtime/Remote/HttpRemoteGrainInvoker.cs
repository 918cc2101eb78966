using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using PerpStudio.Runtime.Placement;

namespace PerpStudio.Runtime.Remote;

/// <summary>
/// Forwards a call to its owner as an HTTP POST of <see cref="GrainCallCodec"/> JSON to the owner's
/// <see cref="GrainForwardingEndpoint"/>, and returns its result or rethrows its exception. Calls are not retried:
/// a grain method is not known to be idempotent, so a lost answer surfaces to the caller as an error. The one exception is
/// a connection that could not be made (the owner is not listening yet, as while members start together or one
/// restarts): nothing was sent, so the call is sent again, with backoff, for up to half the timeout. Giving up halfway
/// leaves the caller the precise connection error rather than its own response timeout, which would otherwise race it.
/// </summary>
public sealed class HttpRemoteGrainInvoker : IRemoteGrainInvoker, IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestBackoff = TimeSpan.FromMilliseconds(500);
    private readonly Uri[] _endpoints;
    private readonly TimeSpan _timeout;
    private readonly GrainCallCodec _codec;
    private readonly HttpClient _client;

    /// <summary>Creates the invoker.</summary>
    /// <param name="membership">The members and their forwarding addresses.</param>
    /// <param name="codec">The wire form.</param>
    /// <param name="path">The path the members map <see cref="GrainForwardingEndpoint"/> at.</param>
    /// <param name="timeout">How long one forwarded call may take on the wire (the caller's response timeout applies too).</param>
    /// <param name="handler">The HTTP handler; null for a pooled one that renews connections so pod restarts are followed.</param>
    public HttpRemoteGrainInvoker(
        ClusterMembership membership, GrainCallCodec codec, string path, TimeSpan timeout, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(membership);
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _codec = codec;
        _timeout = timeout;
        _endpoints = [.. membership.Peers.Select(peer => new Uri(peer, path))];
        _client = new HttpClient(handler ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        })
        {
            Timeout = timeout,
        };
    }

    /// <inheritdoc/>
    public async Task<object?> InvokeAsync(int owner, GrainCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentOutOfRangeException.ThrowIfNegative(owner);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(owner, _endpoints.Length);
        var content = _codec.EncodeCall(call);
        using var response = await SendAsync(_endpoints[owner], content, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var isOutcome = response.Content.Headers.ContentType?.MediaType == "application/json";
        if (!isOutcome)
        {
            throw new RemoteGrainException(
                $"member {owner} answered a forwarded call of {call.GrainId} with HTTP {(int)response.StatusCode} {response.ReasonPhrase} " +
                $"and no outcome (is {_endpoints[owner]} a PerpStudio forwarding endpoint?)");
        }

        // Refusals (421 misdirected, 400 malformed) carry an exception outcome too and are rethrown by type.
        return response.StatusCode is HttpStatusCode.OK or HttpStatusCode.MisdirectedRequest or HttpStatusCode.BadRequest
            ? _codec.DecodeOutcome(call.Method, body)
            : throw new RemoteGrainException($"member {owner} answered a forwarded call of {call.GrainId} with HTTP {(int)response.StatusCode}");
    }

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();

    private async Task<HttpResponseMessage> SendAsync(Uri endpoint, byte[] content, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var backoff = FirstBackoff;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = new ByteArrayContent(content) { Headers = { ContentType = Json } },
            };
            try
            {
                return await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            }
            catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError
                && Stopwatch.GetElapsedTime(started) + backoff < _timeout / 2)
            {
                // not connected, so not delivered: safe to send again once the owner listens
                await Task.Delay(backoff, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, LongestBackoff.Ticks));
            }
        }
    }
}
