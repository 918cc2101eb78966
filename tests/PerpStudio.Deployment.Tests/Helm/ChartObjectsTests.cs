using System.Text.Json;

namespace PerpStudio.Deployment.Tests.Helm;

/// <summary>What the rendered objects say, with every template action standing as the scalar PLACEHOLDER.</summary>
public sealed class ChartObjectsTests
{
    [Fact]
    public async Task Each_host_pod_learns_its_ordinal_from_its_own_name()
    {
        var host = await HostContainerAsync();

        var podName = host.GetProperty("env").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "POD_NAME");
        podName.GetProperty("valueFrom").GetProperty("fieldRef").GetProperty("fieldPath").GetString().ShouldBe("metadata.name");
    }

    [Fact]
    public async Task The_host_exposes_http_grpc_and_forwarding_ports_with_liveness_and_readiness_probes()
    {
        var host = await HostContainerAsync();

        host.GetProperty("ports").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldBe(["http", "grpc", "forwarding"]);
        host.GetProperty("livenessProbe").GetProperty("httpGet").GetProperty("path").GetString().ShouldBe("/healthz");
        host.GetProperty("readinessProbe").GetProperty("httpGet").GetProperty("path").GetString().ShouldBe("/readyz");
        host.GetProperty("envFrom")[0].GetProperty("configMapRef").GetProperty("name").GetString().ShouldBe("PLACEHOLDER-settings");
        var report = await ChartReport.OfShippedChartAsync();
        var values = report.GetProperty("values").GetProperty("ports");
        (values.GetProperty("http").GetInt32(), values.GetProperty("grpc").GetInt32(), values.GetProperty("forwarding").GetInt32()).ShouldBe((5000, 5001, 5002));
    }

    [Fact]
    public async Task The_venue_key_comes_from_a_Secret_and_never_from_the_ConfigMap()
    {
        var report = await ChartReport.OfShippedChartAsync();
        var host = await HostContainerAsync();

        var key = host.GetProperty("env").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "PerpStudio__Venues__Hyperliquid__AgentPrivateKey");
        key.GetProperty("valueFrom").GetProperty("secretKeyRef").GetProperty("key").GetString().ShouldBe("hyperliquidAgentPrivateKey");
        report.Document("secret.yaml").GetProperty("stringData").TryGetProperty("hyperliquidAgentPrivateKey", out _).ShouldBeTrue();
        report.Document("configmap.yaml").GetProperty("data").EnumerateObject().ShouldNotContain(p => p.Name.Contains("PrivateKey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_settings_carry_every_environment_variable_the_host_reads()
    {
        var report = await ChartReport.OfShippedChartAsync();

        var data = report.Document("configmap.yaml").GetProperty("data").EnumerateObject().Select(p => p.Name).ToHashSet();

        string[] read =
        [
            "PerpStudio__ListenAddress", "PerpStudio__Storage__Redis", "PerpStudio__Storage__KeyPrefix", "PerpStudio__Grpc__Port",
            "PerpStudio__Web__Port", "PerpStudio__Cluster__MemberCount", "PerpStudio__Cluster__PeerAddressTemplate",
            "PerpStudio__Cluster__ForwardingPort", "PerpStudio__Telemetry__OtlpEndpoint", "PerpStudio__Telemetry__OtlpProtocol",
            "PerpStudio__Telemetry__SamplingRatio", "PerpStudio__Venues__Hyperliquid__Enabled", "DOTNET_GCgen0size",
        ];
        read.Where(name => !data.Contains(name)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Pods_reach_each_other_through_a_headless_Service_that_publishes_pods_not_yet_ready()
    {
        var report = await ChartReport.OfShippedChartAsync();

        var headless = report.Document("service-headless.yaml").GetProperty("spec");
        var client = report.Document("service.yaml").GetProperty("spec");
        var statefulSet = report.Document("statefulset.yaml").GetProperty("spec");

        headless.GetProperty("clusterIP").GetString().ShouldBe("None");
        headless.GetProperty("publishNotReadyAddresses").GetBoolean().ShouldBeTrue();
        headless.GetProperty("ports").EnumerateArray().Select(p => p.GetProperty("targetPort").GetString()).ShouldBe(["forwarding"]);
        statefulSet.GetProperty("serviceName").GetString().ShouldBe("PLACEHOLDER-headless");
        client.GetProperty("ports").EnumerateArray().Select(p => p.GetProperty("targetPort").GetString()).ShouldBe(["http", "grpc"]);
    }

    [Fact]
    public async Task The_Ingress_has_a_rule_and_a_TLS_certificate_per_operator_domain()
    {
        var report = await ChartReport.OfShippedChartAsync();

        var spec = report.Document("ingress.yaml").GetProperty("spec");
        var hosts = report.GetProperty("values").GetProperty("ingress").GetProperty("hosts");

        hosts.GetArrayLength().ShouldBeGreaterThan(0);
        hosts[0].GetProperty("tlsSecretName").GetString().ShouldNotBeNullOrEmpty();
        spec.GetProperty("tls")[0].GetProperty("secretName").GetString().ShouldBe("PLACEHOLDER");
        spec.GetProperty("rules")[0].GetProperty("http").GetProperty("paths")[0].GetProperty("backend")
            .GetProperty("service").GetProperty("port").GetProperty("name").GetString().ShouldBe("http");
    }

    [Fact]
    public async Task The_bundled_Redis_keeps_an_fsynced_append_only_file_on_a_persistent_volume()
    {
        var report = await ChartReport.OfShippedChartAsync();

        var redis = report.Document("redis.yaml", "StatefulSet").GetProperty("spec");
        var args = redis.GetProperty("template").GetProperty("spec").GetProperty("containers")[0].GetProperty("args")
            .EnumerateArray().Select(a => a.GetString()).ToList();

        args.ShouldContain("--appendonly");
        args[args.IndexOf("--appendonly") + 1].ShouldBe("yes");
        report.GetProperty("values").GetProperty("redis").GetProperty("appendfsync").GetString().ShouldBe("always");
        redis.GetProperty("volumeClaimTemplates")[0].GetProperty("metadata").GetProperty("name").GetString().ShouldBe("data");
    }

    [Fact]
    public async Task Host_pods_run_unprivileged_on_a_read_only_filesystem_and_a_budget_limits_evictions()
    {
        var report = await ChartReport.OfShippedChartAsync();
        var values = report.GetProperty("values");

        values.GetProperty("podSecurityContext").GetProperty("runAsNonRoot").GetBoolean().ShouldBeTrue();
        values.GetProperty("securityContext").GetProperty("readOnlyRootFilesystem").GetBoolean().ShouldBeTrue();
        values.GetProperty("securityContext").GetProperty("allowPrivilegeEscalation").GetBoolean().ShouldBeFalse();
        report.Document("poddisruptionbudget.yaml").GetProperty("kind").GetString().ShouldBe("PodDisruptionBudget");
    }

    private static async Task<JsonElement> HostContainerAsync()
    {
        var report = await ChartReport.OfShippedChartAsync();
        return report.Document("statefulset.yaml").GetProperty("spec").GetProperty("template").GetProperty("spec")
            .GetProperty("containers").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "host");
    }
}
