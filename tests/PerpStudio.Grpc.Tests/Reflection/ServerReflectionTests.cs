using Google.Protobuf.Reflection;
using PerpStudio.Grpc.Reflection.V1Alpha;
using PerpStudio.Grpc.Tests.Interop;

namespace PerpStudio.Grpc.Tests.Reflection;

public sealed class ServerReflectionTests(EchoServer server) : IClassFixture<EchoServer>
{
    private async Task<List<ServerReflectionResponse>> AskAsync(params ServerReflectionRequest[] requests)
    {
        using var client = server.Client();
        var responses = new List<ServerReflectionResponse>();
        await foreach (var response in client.DuplexStreaming<ServerReflectionRequest, ServerReflectionResponse>(
            "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", requests.ToAsyncEnumerable()))
        {
            responses.Add(response);
        }

        return responses;
    }

    [Fact]
    public async Task A_symbol_resolves_to_its_file_followed_by_its_dependencies()
    {
        var responses = await AskAsync(new ServerReflectionRequest { FileContainingSymbol = "grpc.reflection.v1.ServerReflectionResponse" });

        var files = responses.Single().FileDescriptorResponse.FileDescriptorProto.Select(FileDescriptorProto.Parser.ParseFrom).ToList();
        files.Select(f => f.Name).ShouldBe(["grpc/reflection/v1/reflection.proto"]);
        files[0].MessageType.Select(m => m.Name).ShouldContain("ServerReflectionResponse");
    }

    [Fact]
    public async Task Methods_nested_enums_and_enum_values_are_symbols_too()
    {
        var responses = await AskAsync(
            new ServerReflectionRequest { FileContainingSymbol = "perpstudio.testing.v1.Echo.Chat" },
            new ServerReflectionRequest { FileContainingSymbol = "grpc.health.v1.HealthCheckResponse.ServingStatus" },
            new ServerReflectionRequest { FileContainingSymbol = ".grpc.health.v1.HealthCheckResponse.SERVING" });

        responses.Select(r => FileDescriptorProto.Parser.ParseFrom(r.FileDescriptorResponse.FileDescriptorProto[0]).Name)
            .ShouldBe(["interop_test.proto", "grpc/health/v1/health.proto", "grpc/health/v1/health.proto"]);
    }

    [Fact]
    public async Task Unknown_names_get_an_error_response_and_the_stream_goes_on()
    {
        var responses = await AskAsync(
            new ServerReflectionRequest { FileByFilename = "nope.proto" },
            new ServerReflectionRequest { FileContainingExtension = new ExtensionRequest { ContainingType = "x.Y", ExtensionNumber = 100 } },
            new ServerReflectionRequest { AllExtensionNumbersOfType = "perpstudio.testing.v1.EchoRequest" },
            new ServerReflectionRequest());

        responses[0].ErrorResponse.ErrorCode.ShouldBe((int)StatusCode.NotFound);
        responses[0].ErrorResponse.ErrorMessage.ShouldBe("File not found: nope.proto");
        responses[1].ErrorResponse.ErrorCode.ShouldBe((int)StatusCode.NotFound);
        responses[2].AllExtensionNumbersResponse.BaseTypeName.ShouldBe("perpstudio.testing.v1.EchoRequest");
        responses[3].ErrorResponse.ErrorCode.ShouldBe((int)StatusCode.InvalidArgument);
        responses.ShouldAllBe(r => r.OriginalRequest != null);
    }
}
