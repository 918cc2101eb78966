namespace PerpStudio.Deployment.Tests.Helm;

public sealed class ChartFilesTests
{
    [Fact]
    public async Task Chart_yaml_and_values_yaml_parse_as_YAML()
    {
        var report = await ChartReport.OfShippedChartAsync();

        var chart = report.GetProperty("chart");
        chart.GetProperty("apiVersion").GetString().ShouldBe("v2");
        chart.GetProperty("name").GetString().ShouldBe("perpstudio");
        chart.GetProperty("version").GetString().ShouldBe("0.1.0");
        report.GetProperty("values").GetProperty("replicaCount").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task Every_template_is_YAML_once_its_actions_are_replaced()
    {
        var report = await ChartReport.OfShippedChartAsync();

        report.Strings("errors").ShouldBeEmpty();
        report.GetProperty("templates").EnumerateObject().Select(t => t.Name).ShouldBe(
        [
            "configmap.yaml", "ingress.yaml", "poddisruptionbudget.yaml", "redis.yaml", "secret.yaml",
            "service-headless.yaml", "service.yaml", "statefulset.yaml",
        ]);
        report.Document("redis.yaml", "StatefulSet").GetProperty("kind").GetString().ShouldBe("StatefulSet");
        report.Document("redis.yaml", "Service").GetProperty("kind").GetString().ShouldBe("Service");
    }

    [Fact]
    public async Task Every_Values_path_the_templates_use_is_defined_in_values_yaml()
    {
        var report = await ChartReport.OfShippedChartAsync();

        report.Strings("undefined").ShouldBeEmpty();
        report.Strings("used").Length.ShouldBeGreaterThan(30);
    }

    [Fact]
    public async Task Every_value_is_used_by_a_template()
    {
        var report = await ChartReport.OfShippedChartAsync();

        report.Strings("unused").ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_value_is_documented_in_values_yaml_and_in_the_README()
    {
        var report = await ChartReport.OfShippedChartAsync();

        report.GetProperty("keys").GetInt32().ShouldBeGreaterThan(60);
        report.Strings("undocumented").ShouldBeEmpty();
        report.Strings("missingInReadme").ShouldBeEmpty();
    }

    [Fact]
    public async Task The_checks_catch_an_undefined_path_an_undocumented_value_and_a_template_that_is_not_YAML()
    {
        var chart = Directory.CreateTempSubdirectory("perpstudio-chart-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(chart, "templates"));
            await File.WriteAllTextAsync(Path.Combine(chart, "Chart.yaml"), "apiVersion: v2\nname: broken\nversion: 0.0.1\n");
            await File.WriteAllTextAsync(Path.Combine(chart, "values.yaml"), "# Documented.\nreplicas: 1\nsilent: 2\n");
            await File.WriteAllTextAsync(Path.Combine(chart, "README.md"), "`replicas` only\n");
            await File.WriteAllTextAsync(
                Path.Combine(chart, "templates", "a.yaml"),
                "kind: ConfigMap\ndata:\n  a: {{ .Values.replicas }}\n  b: {{ .Values.missing.path }}\n{{- if .Values.replicas }}\n");
            await File.WriteAllTextAsync(Path.Combine(chart, "templates", "b.yaml"), "kind: ConfigMap\ndata:\n  - a: {{ .Values.replicas }}\n  b: 1\n");

            var report = await ChartReport.OfAsync(chart);

            report.Strings("undefined").ShouldBe(["missing.path"]);
            report.Strings("undocumented").ShouldBe(["silent"]);
            report.Strings("unused").ShouldBe(["silent"]);
            report.Strings("missingInReadme").ShouldBe(["silent"]);
            var errors = report.Strings("errors");
            errors.ShouldContain("a.yaml: 1 block(s) not closed by end");
            errors.ShouldContain(e => e.StartsWith("b.yaml: not YAML once actions are replaced", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(chart, recursive: true);
        }
    }
}
