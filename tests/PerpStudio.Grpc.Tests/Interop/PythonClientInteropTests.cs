using System.Text.Json;
using PerpStudio.Testing;

namespace PerpStudio.Grpc.Tests.Interop;

/// <summary>Debian's python3-grpcio (the gRPC C core) as the client.</summary>
public sealed class PythonClientInteropTests(EchoServer server) : IClassFixture<EchoServer>, IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("perpstudio-grpc-py-").FullName;

    [Fact]
    public async Task Grpcio_runs_every_call_kind_deadline_error_health_and_reflection_against_our_server()
    {
        InteropScenario.Prepare(server);
        var stubs = await GenerateStubsAsync();

        var result = await ExternalProcess.DebianPythonAsync(
            RepoRoot.Combine("tests", "PerpStudio.Grpc.Tests", "python", "interop_client.py"),
            [server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), stubs, InteropScenario.NonAsciiDetail],
            timeout: TimeSpan.FromSeconds(60));

        result.EnsureSuccess();
        using var report = JsonDocument.Parse(result.StandardOutput);
        InteropScenario.Verify(report.RootElement, name => name);
        var seen = await server.Echo.WhenWaitCancelled("python-deadline").WaitAsync(TimeSpan.FromSeconds(10));
        seen.Deadline.ShouldNotBeNull();
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>
    /// Generates the Python stubs at test time. The protos are copied flat first: a generated package
    /// named <c>grpc</c> would shadow the grpcio module itself.
    /// </summary>
    private async Task<string> GenerateStubsAsync()
    {
        var protos = Directory.CreateDirectory(Path.Combine(_work, "protos")).FullName;
        var output = Directory.CreateDirectory(Path.Combine(_work, "stubs")).FullName;
        File.Copy(RepoRoot.Combine("tests", "PerpStudio.Grpc.Tests", "Protos", "interop_test.proto"), Path.Combine(protos, "interop_test.proto"));
        File.Copy(RepoRoot.Combine("protos", "grpc", "grpc", "health", "v1", "health.proto"), Path.Combine(protos, "health.proto"));
        File.Copy(RepoRoot.Combine("protos", "grpc", "grpc", "reflection", "v1alpha", "reflection.proto"), Path.Combine(protos, "reflection_v1alpha.proto"));
        File.Copy(RepoRoot.Combine("protos", "grpc", "grpc", "reflection", "v1", "reflection.proto"), Path.Combine(protos, "reflection_v1.proto"));
        var result = await ExternalProcess.RunAsync("/usr/bin/python3",
            ["-m", "grpc_tools.protoc", "-I", protos, "--python_out", output, "--grpc_python_out", output,
             "interop_test.proto", "health.proto", "reflection_v1alpha.proto", "reflection_v1.proto"],
            workingDirectory: protos);
        result.EnsureSuccess();
        return output;
    }
}
