using Microsoft.Extensions.Configuration;
using PerpStudio.Host.Composition;
using PerpStudio.Testing;

namespace PerpStudio.Host.Tests.Configuration;

/// <summary>Bad settings stop the host before it starts, naming the key and the value found.</summary>
public sealed class ConfigurationValidationTests
{
    [Theory]
    [InlineData("PerpStudio:Grpc:Port", "0", "PerpStudio:Grpc:Port must be between 1 and 65535 (was 0)")]
    [InlineData("PerpStudio:Web:Port", "70000", "PerpStudio:Web:Port must be between 1 and 65535 (was 70000)")]
    [InlineData("PerpStudio:ListenAddress", "localhost:80", "PerpStudio:ListenAddress must be an IP address such as 127.0.0.1 or 0.0.0.0 (was 'localhost:80')")]
    [InlineData("PerpStudio:Demo:Venues:0", "sim-z", "PerpStudio:Demo:Venues:0 names unknown venue 'sim-z' (configured: sim-a, sim-b)")]
    [InlineData("PerpStudio:Demo:Markets:0", "DOGE-USD:5", "PerpStudio:Demo:Markets:0 names unknown market 'DOGE-USD' (known: BTC-USD, ETH-USD, SOL-USD)")]
    [InlineData("PerpStudio:Demo:Markets:0", "BTC-USD:50", "PerpStudio:Demo:Markets:0 leverage for BTC-USD must be between 1 and 40 (was 50)")]
    [InlineData("PerpStudio:Venues:Simulated:0:Name", "Sim A", "PerpStudio:Venues:Simulated:0:Name must be 1 to 32 characters of a-z, 0-9 and '-' (was 'Sim A')")]
    [InlineData("PerpStudio:Timers:MarkInterval", "00:00:00", "PerpStudio:Timers:MarkInterval must be a positive duration such as 00:00:05 (was 00:00:00)")]
    [InlineData("PerpStudio:Venues:Simulated:0:BackgroundTakersPerStep", "-1", "PerpStudio:Venues:Simulated:0:BackgroundTakersPerStep must be between 0 and 100 (was -1)")]
    public void A_wrong_setting_is_refused_with_its_key_and_value(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { [key] = value };

        var error = Should.Throw<PlatformConfigurationException>(() => PlatformComposition.ReadOptions(Build(settings)));

        error.Problems.ShouldContain(p => p.StartsWith(expected, StringComparison.Ordinal), $"got: {string.Join(" | ", error.Problems)}");
    }

    [Fact]
    public void A_venue_name_used_twice_is_refused()
    {
        var error = Should.Throw<PlatformConfigurationException>(() => PlatformComposition.ReadOptions(Build(new()
        {
            ["PerpStudio:Venues:Simulated:0:Name"] = "sim-a",
            ["PerpStudio:Venues:Simulated:1:Name"] = "sim-a",
        })));

        error.Problems.ShouldBe(["PerpStudio:Venues:Simulated:1:Name 'sim-a' is used by another venue"]);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_not_only_the_first()
    {
        var error = Should.Throw<PlatformConfigurationException>(() => PlatformComposition.ReadOptions(Build(new()
        {
            ["PerpStudio:Grpc:Port"] = "0",
            ["PerpStudio:Web:Port"] = "-1",
        })));

        error.Problems.ShouldBe(
        [
            "PerpStudio:Grpc:Port must be between 1 and 65535 (was 0)",
            "PerpStudio:Web:Port must be between 1 and 65535 (was -1)",
        ]);
    }

    [Fact]
    public void The_same_port_for_grpc_and_web_is_refused_because_h2c_needs_its_own_listener()
    {
        var error = Should.Throw<PlatformConfigurationException>(() => PlatformComposition.ReadOptions(Build(new()
        {
            ["PerpStudio:Grpc:Port"] = "6000",
            ["PerpStudio:Web:Port"] = "6000",
        })));

        error.Problems.ShouldBe(["PerpStudio:Grpc:Port and PerpStudio:Web:Port must differ: gRPC needs an HTTP/2-only listener of its own (both were 6000)"]);
    }

    [Fact]
    public void A_value_that_is_not_a_number_names_its_key()
    {
        var error = Should.Throw<PlatformConfigurationException>(() => PlatformComposition.ReadOptions(Build(new() { ["PerpStudio:Grpc:Port"] = "five" })));

        error.Message.ShouldContain("PerpStudio:Grpc:Port");
        error.Message.ShouldContain("five");
    }

    [Fact]
    public void The_embedded_default_is_valid_and_has_two_venues_with_different_fees_and_depth()
    {
        var options = PlatformComposition.ReadOptions(Build([]));

        options.Grpc.Port.ShouldBe(5001);
        options.Web.Port.ShouldBe(5000);
        options.Storage.UsesRedis.ShouldBeFalse();
        options.Venues.Simulated.Select(v => v.Name).ShouldBe(["sim-a", "sim-b"]);
        options.Venues.Simulated[0].TakerFee.ShouldNotBe(options.Venues.Simulated[1].TakerFee);
        options.Venues.Simulated[0].Depth.ShouldNotBe(options.Venues.Simulated[1].Depth);
        options.Venues.Hyperliquid.Enabled.ShouldBeFalse();
    }

    [Fact]
    public async Task A_redis_that_does_not_answer_stops_the_build_naming_the_endpoint_and_timeout()
    {
        var port = FreeTcpPort.Next();
        var error = await Should.ThrowAsync<PlatformConfigurationException>(() => PerpStudioHost.BuildAsync(
        [
            $"--PerpStudio:Storage:Redis=127.0.0.1:{port}",
            "--PerpStudio:Storage:ConnectTimeout=00:00:01",
        ]));

        error.Problems.ShouldHaveSingleItem().ShouldStartWith($"PerpStudio:Storage:Redis: no answer from 127.0.0.1:{port} within 1 s");
    }

    [Fact]
    public async Task The_host_process_exits_non_zero_and_prints_the_problem_on_stderr()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "PerpStudio.Host.dll");
        var result = await ExternalProcess.RunAsync("dotnet", [dll, "--PerpStudio:Grpc:Port=0"], workingDirectory: AppContext.BaseDirectory, timeout: TimeSpan.FromSeconds(60));

        result.ExitCode.ShouldBe(PerpStudioHost.ConfigurationError);
        result.StandardError.ShouldContain("PerpStudio:Grpc:Port must be between 1 and 65535 (was 0)");
        result.StandardOutput.ShouldNotContain("PerpStudio is running");
    }

    private static IConfiguration Build(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
