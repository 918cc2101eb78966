using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using Google.Protobuf;
using PerpStudio.Grpc.Protocol;

namespace PerpStudio.Grpc.Client;

/// <summary>
/// The body of a call with one uncompressed request message: the frame is written straight into a pooled buffer
/// when the body is sent, instead of serialising the message into one array and copying it into a second.
/// Can be sent again (a connection-level retry serialises it anew).
/// </summary>
internal sealed class UnaryRequestContent : HttpContent
{
    private readonly IMessage _message;
    private readonly int _size;

    /// <summary>A body for <paramref name="message"/>.</summary>
    /// <exception cref="RpcException">RESOURCE_EXHAUSTED when the message is larger than <paramref name="maxMessageSize"/>.</exception>
    public UnaryRequestContent(IMessage message, int maxMessageSize)
    {
        _message = message;
        _size = message.CalculateSize();
        if (_size > maxMessageSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted,
                $"Sending message of {_size} bytes exceeds the maximum message size of {maxMessageSize} bytes");
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var length = GrpcProtocol.FrameHeaderSize + _size;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        ValueTask write;
        try
        {
            buffer[0] = 0;
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(1), (uint)_size);
            _message.WriteTo(buffer.AsSpan(GrpcProtocol.FrameHeaderSize, _size));
            write = stream.WriteAsync(buffer.AsMemory(0, length), cancellationToken);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        // the HTTP/2 stream copies the bytes into its connection's buffer before the write completes: usually at once,
        // and then no state machine is needed to hand the buffer back
        if (write.IsCompletedSuccessfully)
        {
            write.GetAwaiter().GetResult();
            ArrayPool<byte>.Shared.Return(buffer);
            return Task.CompletedTask;
        }

        return AwaitWriteAsync(write, buffer);
    }

    private static async Task AwaitWriteAsync(ValueTask write, byte[] buffer)
    {
        try
        {
            await write;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = GrpcProtocol.FrameHeaderSize + _size;
        return true;
    }
}
