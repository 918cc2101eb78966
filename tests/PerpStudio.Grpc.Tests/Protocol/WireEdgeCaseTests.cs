using System.Net;
using System.Text;
using Google.Protobuf;
using PerpStudio.Grpc.Protocol;
using PerpStudio.Grpc.Tests.Interop;

namespace PerpStudio.Grpc.Tests.Protocol;

/// <summary>Hand-made HTTP/2 requests against a real Kestrel: what the server does with every kind of bad input.</summary>
public sealed class WireEdgeCaseTests(EchoServer server) : IClassFixture<EchoServer>
{
    private const string Say = "/perpstudio.testing.v1.Echo/Say";

    private Task<RawGrpcResponse> Send(byte[] body, IReadOnlyDictionary<string, string>? headers = null, string path = Say) =>
        RawGrpcRequest.SendAsync(server.Port, path, body, headers);

    [Fact]
    public async Task A_well_formed_request_gets_headers_a_message_and_OK_trailers()
    {
        var response = await Send(RawGrpcRequest.Frame(new EchoRequest { Text = "raw" }));

        response.HttpStatus.ShouldBe(HttpStatusCode.OK);
        response.Trailers.GetValues("grpc-status").Single().ShouldBe("0");
        EchoReply.Parser.ParseFrom(response.Body.AsSpan(5)).Text.ShouldBe("raw");
        response.Body[0].ShouldBe((byte)0);
    }

    [Fact]
    public async Task A_frame_cut_short_is_INVALID_ARGUMENT()
    {
        var response = await Send(RawGrpcRequest.Frame(0, [0x0A, 0x01], declaredLength: 10));

        response.GrpcStatus.ShouldBe(StatusCode.InvalidArgument);
        response.GrpcMessage.ShouldContain("Incomplete request message");
        response.IsTrailersOnly.ShouldBeTrue();
    }

    [Fact]
    public async Task A_length_prefix_cut_short_is_INVALID_ARGUMENT()
    {
        var response = await Send([0, 0, 0]);

        response.GrpcStatus.ShouldBe(StatusCode.InvalidArgument);
        response.GrpcMessage.ShouldContain("3 bytes into a frame");
    }

    [Fact]
    public async Task A_compressed_flag_other_than_0_or_1_is_INVALID_ARGUMENT()
    {
        var response = await Send(RawGrpcRequest.Frame(7, [0x0A, 0x00]));

        response.GrpcStatus.ShouldBe(StatusCode.InvalidArgument);
        response.GrpcMessage.ShouldBe("Invalid request frame: compressed flag is 7, expected 0 or 1");
    }

    [Fact]
    public async Task A_payload_that_is_not_the_request_type_is_INVALID_ARGUMENT_naming_the_type()
    {
        var response = await Send(RawGrpcRequest.Frame(0, [0xFF, 0xFF, 0xFF, 0xFF]));

        response.GrpcStatus.ShouldBe(StatusCode.InvalidArgument);
        response.GrpcMessage.ShouldContain("not a valid perpstudio.testing.v1.EchoRequest");
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_RESOURCE_EXHAUSTED_before_the_body_is_read()
    {
        var response = await Send(RawGrpcRequest.Frame(0, [1, 2, 3], declaredLength: 4 * 1024 * 1024 + 1));

        response.GrpcStatus.ShouldBe(StatusCode.ResourceExhausted);
        response.GrpcMessage.ShouldContain("4194305 bytes exceeds the maximum message size of 4194304");
    }

    [Fact]
    public async Task A_unary_request_without_a_message_or_with_two_is_INVALID_ARGUMENT()
    {
        (await Send([])).GrpcStatus.ShouldBe(StatusCode.InvalidArgument);
        var two = RawGrpcRequest.Frame(new EchoRequest { Text = "a" }).Concat(RawGrpcRequest.Frame(new EchoRequest { Text = "b" })).ToArray();
        var response = await Send(two);
        response.GrpcStatus.ShouldBe(StatusCode.InvalidArgument);
        response.GrpcMessage.ShouldContain("more than one request message");
    }

    [Fact]
    public async Task A_gzip_compressed_message_with_grpc_encoding_gzip_is_decompressed()
    {
        var payload = MessageCompression.Compress(new EchoRequest { Text = "squeezed" }.ToByteArray());
        var response = await Send(RawGrpcRequest.Frame(1, payload), new Dictionary<string, string> { ["grpc-encoding"] = "gzip" });

        response.GrpcStatus.ShouldBe(StatusCode.OK);
        EchoReply.Parser.ParseFrom(response.Body.AsSpan(5)).Text.ShouldBe("squeezed");
    }

    [Fact]
    public async Task A_compressed_flag_without_an_encoding_is_INVALID_ARGUMENT()
    {
        var payload = MessageCompression.Compress(new EchoRequest { Text = "x" }.ToByteArray());
        var response = await Send(RawGrpcRequest.Frame(1, payload));

        response.GrpcStatus.ShouldBe(StatusCode.InvalidArgument);
        response.GrpcMessage.ShouldContain("compressed flag is set but grpc-encoding is 'identity'");
    }

    [Fact]
    public async Task A_compressed_message_that_is_not_gzip_is_INVALID_ARGUMENT()
    {
        var response = await Send(RawGrpcRequest.Frame(1, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
            new Dictionary<string, string> { ["grpc-encoding"] = "gzip" });

        response.GrpcStatus.ShouldBe(StatusCode.InvalidArgument);
        response.GrpcMessage.ShouldContain("not valid gzip");
    }

    [Fact]
    public async Task An_unsupported_encoding_is_UNIMPLEMENTED_and_the_server_lists_what_it_accepts()
    {
        var response = await Send(RawGrpcRequest.Frame(1, [1, 2, 3]), new Dictionary<string, string> { ["grpc-encoding"] = "snappy" });

        response.GrpcStatus.ShouldBe(StatusCode.Unimplemented);
        response.Headers.GetValues("grpc-accept-encoding").Single().ShouldBe("identity,gzip");
    }

    [Fact]
    public async Task Gzip_responses_are_sent_when_enabled_and_accepted()
    {
        await using var gzipServer = new EchoServer(o => o.CompressResponses = true);
        await gzipServer.InitializeAsync();

        var response = await RawGrpcRequest.SendAsync(gzipServer.Port, Say, RawGrpcRequest.Frame(new EchoRequest { Text = new string('q', 5000) }),
            new Dictionary<string, string> { ["grpc-accept-encoding"] = "gzip" });

        response.Headers.GetValues("grpc-encoding").Single().ShouldBe("gzip");
        response.Body[0].ShouldBe((byte)1);
        var reply = EchoReply.Parser.ParseFrom(MessageCompression.Decompress(new(response.Body.AsMemory(5)), 1 << 20));
        reply.Text.ShouldBe(new string('q', 5000));
        response.Body.Length.ShouldBeLessThan(500);
    }

    [Theory]
    [InlineData("123")]
    [InlineData("1x")]
    [InlineData("123456789S")]
    [InlineData("-1S")]
    [InlineData("1.5S")]
    [InlineData("S")]
    [InlineData(" 1S")]
    public async Task A_malformed_grpc_timeout_is_INVALID_ARGUMENT(string timeout)
    {
        var response = await Send(RawGrpcRequest.Frame(new EchoRequest()), new Dictionary<string, string> { ["grpc-timeout"] = timeout });

        response.GrpcStatus.ShouldBe(StatusCode.InvalidArgument);
        response.GrpcMessage.ShouldContain("grpc-timeout");
    }

    [Fact]
    public async Task The_server_itself_ends_a_call_at_its_grpc_timeout_with_DEADLINE_EXCEEDED()
    {
        // a raw client keeps no deadline of its own: the status can only come from the server
        var response = await RawGrpcRequest.SendAsync(server.Port, "/perpstudio.testing.v1.Echo/WaitForDeadline",
            RawGrpcRequest.Frame(new EchoRequest { Text = "raw-deadline" }), new Dictionary<string, string> { ["grpc-timeout"] = "200m" });

        response.GrpcStatus.ShouldBe(StatusCode.DeadlineExceeded);
        (await server.Echo.WhenWaitCancelled("raw-deadline").WaitAsync(TimeSpan.FromSeconds(10))).Deadline.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_stream_that_ends_quietly_once_its_deadline_fired_still_ends_with_DEADLINE_EXCEEDED()
    {
        var response = await RawGrpcRequest.SendAsync(server.Port, "/perpstudio.testing.v1.Echo/Expand",
            RawGrpcRequest.Frame(new ExpandRequest { Text = "subscription", Count = -1 }), new Dictionary<string, string> { ["grpc-timeout"] = "200m" });

        response.GrpcStatus.ShouldBe(StatusCode.DeadlineExceeded);
    }

    [Fact]
    public async Task A_non_ASCII_status_detail_is_percent_encoded_on_the_wire()
    {
        var response = await Send(RawGrpcRequest.Frame(new FailRequest { Code = 3, Message = "100% sûr ✓" }), path: "/perpstudio.testing.v1.Echo/Fail");

        response.StatusHeader("grpc-message").ShouldBe("100%25 s%C3%BBr %E2%9C%93");
        response.GrpcMessage.ShouldBe("100% sûr ✓");
    }

    [Fact]
    public async Task Unknown_method_and_unknown_service_are_UNIMPLEMENTED_trailers_only()
    {
        var method = await Send([], path: "/perpstudio.testing.v1.Echo/Nope");
        var service = await Send([], path: "/perpstudio.other.v1.Ghost/Say");

        method.GrpcStatus.ShouldBe(StatusCode.Unimplemented);
        method.IsTrailersOnly.ShouldBeTrue();
        service.GrpcStatus.ShouldBe(StatusCode.Unimplemented);
        service.GrpcMessage.ShouldBe("Service is unimplemented");
    }

    [Fact]
    public async Task A_wrong_content_type_is_HTTP_415()
    {
        var response = await RawGrpcRequest.SendAsync(server.Port, Say, Encoding.UTF8.GetBytes("{}"), contentType: "application/json");

        response.HttpStatus.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_GET_is_HTTP_405()
    {
        var response = await RawGrpcRequest.SendAsync(server.Port, Say, [], method: HttpMethod.Get);

        response.HttpStatus.ShouldBe(HttpStatusCode.MethodNotAllowed);
        response.Headers.Contains("grpc-status").ShouldBeFalse();
    }

    [Fact]
    public async Task An_HTTP_1_1_request_is_told_to_upgrade_to_HTTP_2()
    {
        var response = await RawGrpcRequest.SendAsync(server.Http1Port, Say, RawGrpcRequest.Frame(new EchoRequest()), version: HttpVersion.Version11);

        response.HttpStatus.ShouldBe(HttpStatusCode.UpgradeRequired);
        response.GrpcMessage.ShouldContain("gRPC requires HTTP/2");
    }

    [Fact]
    public async Task A_binary_header_that_is_not_base64_is_INVALID_ARGUMENT()
    {
        var response = await Send(RawGrpcRequest.Frame(new EchoRequest()), new Dictionary<string, string> { ["x-echo-bin"] = "@@not base64@@" });

        response.GrpcStatus.ShouldBe(StatusCode.InvalidArgument);
        response.GrpcMessage.ShouldBe("metadata 'x-echo-bin' is not valid base64");
    }

    [Fact]
    public async Task Unpadded_base64_in_a_binary_header_is_accepted()
    {
        var response = await Send(RawGrpcRequest.Frame(new EchoRequest()), new Dictionary<string, string> { ["x-echo-bin"] = "AAEC+v8" });

        response.GrpcStatus.ShouldBe(StatusCode.OK);
        response.Trailers.GetValues("x-echo-bin").Single().ShouldBe("AAEC+v8");
    }

    [Fact]
    public async Task Header_names_HTTP_allows_but_metadata_does_not_are_dropped_not_fatal()
    {
        var response = await Send(RawGrpcRequest.Frame(new EchoRequest { Text = "ok" }),
            new Dictionary<string, string> { ["x!odd-bin"] = "AAEC", ["x!odd"] = "v" });

        response.GrpcStatus.ShouldBe(StatusCode.OK);
    }

    [Fact]
    public async Task Random_bodies_never_yield_INTERNAL_or_UNKNOWN()
    {
        // seeded, so a failure reproduces: garbage of every shape, including valid-looking prefixes
        var random = new Random(20261121);
        for (var i = 0; i < 150; i++)
        {
            var body = new byte[random.Next(0, 64)];
            random.NextBytes(body);
            if (i % 3 == 0 && body.Length >= 5)
            {
                body[0] = (byte)random.Next(0, 2);
                body[1] = body[2] = 0;
            }

            var response = await Send(body, i % 5 == 0 ? new Dictionary<string, string> { ["grpc-encoding"] = "gzip" } : null);

            response.GrpcStatus.ShouldNotBeNull();
            response.GrpcStatus.ShouldNotBe(StatusCode.Internal, $"body {Convert.ToHexString(body)}");
            response.GrpcStatus.ShouldNotBe(StatusCode.Unknown, $"body {Convert.ToHexString(body)}");
        }
    }
}
