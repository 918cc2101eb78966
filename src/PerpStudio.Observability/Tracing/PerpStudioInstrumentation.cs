namespace PerpStudio.Observability.Tracing;

/// <summary>The names of the activity sources and meters the platform and the framework emit.</summary>
public static class PerpStudioInstrumentation
{
    /// <summary>Spans of gRPC and web calls (the API).</summary>
    public const string Api = "PerpStudio.Api";

    /// <summary>Spans and metrics of order routing.</summary>
    public const string Routing = "PerpStudio.Routing";

    /// <summary>Spans and metrics of grains.</summary>
    public const string Grains = "PerpStudio.Grains";

    /// <summary>Metrics of the grain runtime (activations, storage).</summary>
    public const string Runtime = "PerpStudio.Runtime";

    /// <summary>Activity sources traced by default: the platform's, ASP.NET Core's requests and HttpClient's calls.</summary>
    public static IReadOnlyList<string> DefaultActivitySources { get; } =
        [Api, Routing, Grains, "Microsoft.AspNetCore", "System.Net.Http"];

    /// <summary>Meters collected by default: the platform's, ASP.NET Core hosting, Kestrel and the .NET runtime.</summary>
    public static IReadOnlyList<string> DefaultMeters { get; } =
        [Api, Routing, Runtime, Grains, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime"];
}
