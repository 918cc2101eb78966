using System.Reflection;
using PerpStudio.Testing;

namespace PerpStudio.Host.Tests.Cluster;

/// <summary>
/// The host's build output in the configuration this test assembly was built in (test.sh builds everything in Release
/// before testing; a plain <c>dotnet test</c> builds the host as a dependency in Debug), built here only when missing.
/// </summary>
internal static class HostBuildOutput
{
    private static readonly SemaphoreSlim BuildGate = new(1, 1);

    /// <summary>The configuration of this test assembly: <c>Debug</c> or <c>Release</c>.</summary>
    public static string Configuration =>
        typeof(HostBuildOutput).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The path of <c>PerpStudio.Host.dll</c>, building the host first when it is not there.</summary>
    public static async Task<string> HostDllAsync()
    {
        var dll = RepoRoot.Combine("src", "PerpStudio.Host", "bin", Configuration, "net10.0", "PerpStudio.Host.dll");
        await BuildGate.WaitAsync();
        try
        {
            if (!File.Exists(dll))
            {
                (await ExternalProcess.RunAsync(
                    "dotnet", ["build", RepoRoot.Combine("src", "PerpStudio.Host", "PerpStudio.Host.csproj"), "-c", Configuration, "--nologo", "-v", "q"],
                    timeout: TimeSpan.FromMinutes(5))).EnsureSuccess();
            }
        }
        finally
        {
            BuildGate.Release();
        }

        return File.Exists(dll) ? dll : throw new InvalidOperationException($"building the host produced no {dll}");
    }
}
