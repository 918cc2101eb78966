using Google.Protobuf;

namespace PerpStudio.Grpc.Server;

/// <summary>The request stream handed to client-streaming and bidirectional handlers.</summary>
internal sealed class RequestStreamReader<T>(GrpcServerCall call, MessageParser parser) : IAsyncStreamReader<T>
    where T : class, IMessage<T>
{
    private T? _current;

    public T Current => _current ?? throw new InvalidOperationException("MoveNext has not returned true yet");

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        _current = (T?)await call.ReadRequestAsync(parser, cancellationToken);
        return _current is not null;
    }
}

/// <summary>The response stream handed to server-streaming and bidirectional handlers.</summary>
internal sealed class ResponseStreamWriter<T>(GrpcServerCall call) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    public Task WriteAsync(T message, CancellationToken cancellationToken = default) =>
        call.WriteMessageAsync(message, cancellationToken).AsTask();
}
