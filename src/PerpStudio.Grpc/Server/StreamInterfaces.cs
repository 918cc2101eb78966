using System.Runtime.CompilerServices;

namespace PerpStudio.Grpc.Server;

/// <summary>The request stream of a client-streaming or bidirectional call.</summary>
/// <typeparam name="T">The request message type.</typeparam>
public interface IAsyncStreamReader<out T>
{
    /// <summary>The message read by the last successful <see cref="MoveNext"/>.</summary>
    T Current { get; }

    /// <summary>Reads the next message; false when the client ended its stream.</summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT or RESOURCE_EXHAUSTED when the client sent a bad frame.</exception>
    Task<bool> MoveNext(CancellationToken cancellationToken = default);
}

/// <summary>The response stream of a server-streaming or bidirectional call.</summary>
/// <typeparam name="T">The response message type.</typeparam>
public interface IServerStreamWriter<in T>
{
    /// <summary>Sends one message (response headers go first if not yet sent). One write at a time.</summary>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}

/// <summary>Reads a request stream with <c>await foreach</c>.</summary>
public static class AsyncStreamReaderExtensions
{
    /// <summary>Every remaining message of the stream.</summary>
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(
        this IAsyncStreamReader<T> reader,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (await reader.MoveNext(cancellationToken))
        {
            yield return reader.Current;
        }
    }
}
