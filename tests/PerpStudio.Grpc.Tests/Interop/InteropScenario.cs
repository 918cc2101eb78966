using System.Text.Json;

namespace PerpStudio.Grpc.Tests.Interop;

/// <summary>The scenario the Python and Node clients run, and the checks on what they report.</summary>
internal static class InteropScenario
{
    /// <summary>A status detail no ASCII-only encoder would carry intact.</summary>
    public const string NonAsciiDetail = "Marge insuffisante: 5 € < 10 % — 保证金不足";

    public static void Prepare(EchoServer server) =>
        server.Health.SetStatus("perpstudio.testing.v1.Echo", global::PerpStudio.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving);

    /// <summary>Checks a report; status codes are compared by name as both clients print them.</summary>
    public static void Verify(JsonElement report, Func<string, string> code)
    {
        var unary = report.GetProperty("unary");
        unary.GetProperty("text").GetString().ShouldBe("hello");
        unary.GetProperty("payload").GetString().ShouldBe("090807");
        unary.GetProperty("header").GetString().ShouldBe("tenant-7");
        unary.GetProperty("trailer").GetString().ShouldBe("tenant-7");
        unary.GetProperty("bin_trailer").GetString().ShouldBe("000102faff");

        report.GetProperty("unary_gzip_length").GetInt32().ShouldBe(10_000);
        Strings(report.GetProperty("server_stream")).ShouldBe(["fill#0", "fill#1", "fill#2", "fill#3"]);
        report.GetProperty("client_stream").GetProperty("count").GetInt32().ShouldBe(3);
        report.GetProperty("client_stream").GetProperty("joined").GetString().ShouldBe("a,b,c");
        Strings(report.GetProperty("bidi")).ShouldBe(["echo:x", "echo:y", "echo:z"]);

        var error = report.GetProperty("error");
        error.GetProperty("code").GetString().ShouldBe(code("FAILED_PRECONDITION"));
        error.GetProperty("details").GetString().ShouldBe("margin below maintenance");
        report.GetProperty("non_ascii_error").GetProperty("details").GetString().ShouldBe(NonAsciiDetail);
        report.GetProperty("crash").GetProperty("code").GetString().ShouldBe(code("UNKNOWN"));
        report.GetProperty("crash").GetProperty("details").GetString()!.ShouldNotContain("secret");
        report.GetProperty("deadline").GetProperty("code").GetString().ShouldBe(code("DEADLINE_EXCEEDED"));
        report.GetProperty("unimplemented").GetProperty("code").GetString().ShouldBe(code("UNIMPLEMENTED"));

        var health = report.GetProperty("health");
        health.GetProperty("server").GetString().ShouldBe("SERVING");
        health.GetProperty("echo").GetString().ShouldBe("SERVING");
        health.GetProperty("unknown").GetString().ShouldBe(code("NOT_FOUND"));

        foreach (var version in new[] { "reflection_v1alpha", "reflection_v1" })
        {
            var reflection = report.GetProperty(version);
            Strings(reflection.GetProperty("services")).ShouldBe(
            [
                "perpstudio.testing.v1.Echo", "grpc.health.v1.Health",
                "grpc.reflection.v1alpha.ServerReflection", "grpc.reflection.v1.ServerReflection",
            ]);
            reflection.GetProperty("symbol_file").GetString().ShouldBe("interop_test.proto");
            Strings(reflection.GetProperty("symbol_file_services")).ShouldBe(["Echo"]);
            Strings(reflection.GetProperty("symbol_file_methods")).ShouldBe(
                ["Say", "Expand", "Collect", "Chat", "Fail", "WaitForDeadline", "Crash", "Big"]);
            reflection.GetProperty("field_file").GetString().ShouldBe("interop_test.proto");
            Strings(reflection.GetProperty("health_file_messages")).ShouldBe(["HealthCheckRequest", "HealthCheckResponse"]);
            reflection.GetProperty("missing_error_code").GetInt32().ShouldBe((int)StatusCode.NotFound);
        }
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
