using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;
using PerpStudio.Grpc.Protocol;
using PerpStudio.Grpc.Tests.Interop;

namespace PerpStudio.Grpc.Tests.Protocol;

public sealed class MessageFrameReaderTests
{
    private static byte[] Frame(IMessage message)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    [Fact]
    public async Task Frames_that_arrive_in_one_read_are_each_returned_without_waiting_for_more_bytes()
    {
        var pipe = new Pipe();
        byte[] both = [.. Frame(new EchoRequest { Text = "first" }), .. Frame(new EchoRequest { Text = "second" })];
        await pipe.Writer.WriteAsync(both);
        // the writer stays open: a reader that waits for more bytes before returning the second frame never finishes
        var reader = new MessageFrameReader(pipe.Reader, null, 4 * 1024 * 1024, "response");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var first = (EchoRequest?)await reader.ReadAsync(EchoRequest.Parser, timeout.Token);
        var second = (EchoRequest?)await reader.ReadAsync(EchoRequest.Parser, timeout.Token);

        first!.Text.ShouldBe("first");
        second!.Text.ShouldBe("second");
        reader.MessagesRead.ShouldBe(2);
    }
}
