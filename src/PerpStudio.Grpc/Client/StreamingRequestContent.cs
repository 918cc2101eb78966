using System.Net;

namespace PerpStudio.Grpc.Client;

/// <summary>
/// A request body written message by message as the caller produces them, flushed after each, so the
/// server sees every message at once (client streaming and bidirectional calls).
/// </summary>
internal sealed class StreamingRequestContent(IAsyncEnumerable<byte[]> frames, CancellationToken callToken) : HttpContent
{
    /// <summary>Why writing the body stopped early, when it did (e.g. a message over the size limit).</summary>
    public Exception? Failure { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, callToken);
        try
        {
            await foreach (var frame in frames.WithCancellation(linked.Token))
            {
                await stream.WriteAsync(frame, linked.Token);
                await stream.FlushAsync(linked.Token);
            }
        }
        catch (Exception ex)
        {
            Failure = ex;
            throw;
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
