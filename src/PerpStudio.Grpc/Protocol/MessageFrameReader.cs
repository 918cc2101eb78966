using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace PerpStudio.Grpc.Protocol;

/// <summary>
/// Reads length-prefixed messages from a pipe one at a time, holding at most one message in memory.
/// Every fault of the peer's framing or payload becomes an <see cref="RpcException"/> with a precise
/// status (INVALID_ARGUMENT or RESOURCE_EXHAUSTED), never INTERNAL.
/// </summary>
internal sealed class MessageFrameReader
{
    private readonly PipeReader _reader;
    private readonly string? _encoding;
    private readonly int _maxMessageSize;
    private readonly string _direction;
    private bool _completed;

    /// <param name="reader">The body being read.</param>
    /// <param name="encoding">The peer's <c>grpc-encoding</c>, or null.</param>
    /// <param name="maxMessageSize">The largest message accepted, compressed or not.</param>
    /// <param name="direction">"request" or "response", for error messages.</param>
    public MessageFrameReader(PipeReader reader, string? encoding, int maxMessageSize, string direction)
    {
        _reader = reader;
        _encoding = encoding;
        _maxMessageSize = maxMessageSize;
        _direction = direction;
    }

    /// <summary>Messages read so far.</summary>
    public int MessagesRead { get; private set; }

    /// <summary>The next message, or null at the end of the stream.</summary>
    // every caller awaits each read once, so the state machine of a read that waits for data can come from a pool
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<IMessage?> ReadAsync(MessageParser parser, CancellationToken cancellationToken)
    {
        if (_completed)
        {
            return null;
        }

        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var consumed = buffer.Start;
            var examined = buffer.End;
            try
            {
                if (TryReadFrame(buffer, out var compressed, out var payload))
                {
                    // only what this frame used is examined: a further frame already buffered must be readable at once
                    consumed = payload.End;
                    examined = consumed;
                    MessagesRead++;
                    return Parse(parser, compressed, payload);
                }

                if (result.IsCompleted)
                {
                    if (buffer.Length == 0)
                    {
                        _completed = true;
                        return null;
                    }

                    throw new RpcException(StatusCode.InvalidArgument,
                        $"Incomplete {_direction} message: the stream ended {buffer.Length} bytes into a frame (truncated length prefix or payload)");
                }
            }
            finally
            {
                _reader.AdvanceTo(consumed, examined);
            }
        }
    }

    private bool TryReadFrame(ReadOnlySequence<byte> buffer, out bool compressed, out ReadOnlySequence<byte> payload)
    {
        compressed = false;
        payload = default;
        if (buffer.Length < GrpcProtocol.FrameHeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[GrpcProtocol.FrameHeaderSize];
        buffer.Slice(0, GrpcProtocol.FrameHeaderSize).CopyTo(header);
        var flag = header[0];
        if (flag > 1)
        {
            throw new RpcException(StatusCode.InvalidArgument,
                $"Invalid {_direction} frame: compressed flag is {flag}, expected 0 or 1");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)_maxMessageSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted,
                $"Received {_direction} message of {length} bytes exceeds the maximum message size of {_maxMessageSize} bytes");
        }

        if (buffer.Length - GrpcProtocol.FrameHeaderSize < length)
        {
            return false;
        }

        compressed = flag == 1;
        payload = buffer.Slice(GrpcProtocol.FrameHeaderSize, length);
        return true;
    }

    private IMessage Parse(MessageParser parser, bool compressed, ReadOnlySequence<byte> payload)
    {
        if (compressed)
        {
            if (_encoding is null || _encoding.Equals(MessageCompression.Identity, StringComparison.OrdinalIgnoreCase))
            {
                throw new RpcException(StatusCode.InvalidArgument,
                    $"Invalid {_direction} frame: compressed flag is set but grpc-encoding is '{_encoding ?? "identity"}'");
            }

            if (!MessageCompression.IsSupported(_encoding))
            {
                throw new RpcException(StatusCode.Unimplemented,
                    $"Message encoding '{_encoding}' is not supported; supported: {MessageCompression.AcceptedEncodings}");
            }

            payload = new ReadOnlySequence<byte>(MessageCompression.Decompress(payload, _maxMessageSize));
        }

        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"The {_direction} message is not a valid {TypeName(parser)}: {ex.Message}");
        }
    }

    private static string TypeName(MessageParser parser)
    {
        // the parser only knows its type through a fresh instance
        var sample = parser.ParseFrom(ReadOnlySpan<byte>.Empty);
        return sample.Descriptor.FullName;
    }
}
