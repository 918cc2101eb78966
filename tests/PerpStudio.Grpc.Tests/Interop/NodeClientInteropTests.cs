using System.Globalization;
using System.Text.Json;
using PerpStudio.Testing;

namespace PerpStudio.Grpc.Tests.Interop;

/// <summary>npm's @grpc/grpc-js (a pure JavaScript HTTP/2 implementation) as the client.</summary>
public sealed class NodeClientInteropTests(EchoServer server) : IClassFixture<EchoServer>
{
    [Fact]
    public async Task Grpc_js_runs_every_call_kind_deadline_error_health_and_reflection_against_our_server()
    {
        InteropScenario.Prepare(server);
        var nodeDir = RepoRoot.Combine("tests", "PerpStudio.Grpc.Tests", "node");

        var result = await ExternalProcess.RunAsync("node",
            ["interop_client.js", server.Port.ToString(CultureInfo.InvariantCulture), RepoRoot.Path, InteropScenario.NonAsciiDetail],
            nodeDir, timeout: TimeSpan.FromSeconds(60));

        result.EnsureSuccess();
        using var report = JsonDocument.Parse(result.StandardOutput);
        InteropScenario.Verify(report.RootElement, name => name);
        var seen = await server.Echo.WhenWaitCancelled("node-deadline").WaitAsync(TimeSpan.FromSeconds(10));
        seen.Deadline.ShouldNotBeNull();
    }
}
