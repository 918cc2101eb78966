using System.Text.Json;
using PerpStudio.Testing;

namespace PerpStudio.Host.Tests.Interop;

/// <summary>npm's @grpc/grpc-js with @grpc/proto-loader reading protos/perpstudio/v1.</summary>
public sealed class NodePeerTests : IAsyncLifetime
{
    private RunningPlatform _host = null!;

    public async Task InitializeAsync() => _host = await RunningPlatform.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Grpc_js_places_an_order_streams_its_fill_hits_a_deadline_and_gets_the_field_of_an_invalid_price()
    {
        var input = JsonSerializer.Serialize(new { port = _host.GrpcPort, apiKey = RunningPlatform.DemoApiKey, protoRoot = RepoRoot.Combine("protos") });

        var result = await ExternalProcess.NodeAsync(
            RepoRoot.Combine("tests", "PerpStudio.Host.Tests", "node"),
            "trading_client.js",
            input,
            TimeSpan.FromSeconds(120));

        result.EnsureSuccess();
        using var report = JsonDocument.Parse(result.StandardOutput);
        InteropExpectations.Verify(report.RootElement, "js-1");
    }
}
