using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace PerpStudio.Grpc.Protocol;

/// <summary>Writes length-prefixed messages, gzip-compressed when an encoding is chosen.</summary>
internal static class MessageFrameWriter
{
    /// <summary>Writes one framed message into the pipe and flushes it to the peer.</summary>
    /// <exception cref="RpcException">RESOURCE_EXHAUSTED when the message is larger than <paramref name="maxMessageSize"/>.</exception>
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask WriteAsync(PipeWriter writer, IMessage message, bool gzip, int maxMessageSize, CancellationToken cancellationToken)
    {
        var size = CheckedSize(message, maxMessageSize);
        if (gzip)
        {
            var compressed = MessageCompression.Compress(message.ToByteArray());
            WriteHeader(writer, compressed: true, compressed.Length);
            writer.Write(compressed);
        }
        else
        {
            WriteHeader(writer, compressed: false, size);
            message.WriteTo(writer);
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>One framed message as bytes (used by the client, whose request body is a stream).</summary>
    public static byte[] Frame(IMessage message, bool gzip, int maxMessageSize)
    {
        var size = CheckedSize(message, maxMessageSize);
        var payload = gzip ? MessageCompression.Compress(message.ToByteArray()) : message.ToByteArray();
        var framed = new byte[GrpcProtocol.FrameHeaderSize + payload.Length];
        framed[0] = gzip ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(framed.AsSpan(GrpcProtocol.FrameHeaderSize));
        _ = size;
        return framed;
    }

    private static int CheckedSize(IMessage message, int maxMessageSize)
    {
        var size = message.CalculateSize();
        if (size > maxMessageSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted,
                $"Sending message of {size} bytes exceeds the maximum message size of {maxMessageSize} bytes");
        }

        return size;
    }

    private static void WriteHeader(PipeWriter writer, bool compressed, int length)
    {
        var span = writer.GetSpan(GrpcProtocol.FrameHeaderSize);
        span[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
        writer.Advance(GrpcProtocol.FrameHeaderSize);
    }
}
