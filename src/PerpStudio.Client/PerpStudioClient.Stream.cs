using PerpStudio.Contracts.V1;

namespace PerpStudio.Client;

/// <summary>The methods of <c>perpstudio.v1.StreamService</c>.</summary>
public sealed partial class PerpStudioClient
{
    private const string StreamService = "/perpstudio.v1.StreamService/";

    /// <summary>Starts with a snapshot (positions, open orders, summary), then every change. sequence increases by one per event; a client that reconnects with after_sequence gets the events it missed while they are retained. (server streaming: messages arrive as the server sends them.)</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for none (a stream usually runs until cancelled).</param>
    /// <param name="cancellationToken">Ends the stream (CANCELLED).</param>
    public IAsyncEnumerable<AccountEvent> SubscribeAccountEvents(SubscribeAccountEventsRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        ServerStreaming<SubscribeAccountEventsRequest, AccountEvent>(StreamService + "SubscribeAccountEvents", request, deadline, cancellationToken);
}
