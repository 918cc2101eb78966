using System.Globalization;
using System.Text.Json;
using PerpStudio.Testing;

namespace PerpStudio.Host.Tests.Interop;

/// <summary>Debian's python3-grpcio (the gRPC C core), with stubs generated from protos/perpstudio/v1 at test time.</summary>
public sealed class PythonPeerTests : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("perpstudio-host-py-").FullName;
    private RunningPlatform _host = null!;

    public async Task InitializeAsync() => _host = await RunningPlatform.StartAsync();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task Grpcio_places_an_order_streams_its_fill_hits_a_deadline_and_gets_the_field_of_an_invalid_price()
    {
        var stubs = await GenerateStubsAsync();

        var result = await ExternalProcess.DebianPythonAsync(
            RepoRoot.Combine("tests", "PerpStudio.Host.Tests", "python", "trading_client.py"),
            [_host.GrpcPort.ToString(CultureInfo.InvariantCulture), stubs, RunningPlatform.DemoApiKey],
            timeout: TimeSpan.FromSeconds(120));

        result.EnsureSuccess();
        using var report = JsonDocument.Parse(result.StandardOutput);
        InteropExpectations.Verify(report.RootElement, "py-1");
    }

    private async Task<string> GenerateStubsAsync()
    {
        var output = Directory.CreateDirectory(Path.Combine(_work, "stubs")).FullName;
        var protos = RepoRoot.Combine("protos");
        var files = Directory.GetFiles(Path.Combine(protos, "perpstudio", "v1"), "*.proto")
            .Select(f => Path.GetRelativePath(protos, f).Replace('\\', '/'));
        var result = await ExternalProcess.RunAsync("/usr/bin/python3",
            ["-m", "grpc_tools.protoc", "-I", protos, "--python_out", output, "--grpc_python_out", output, .. files],
            workingDirectory: protos);
        result.EnsureSuccess();
        return output;
    }
}
