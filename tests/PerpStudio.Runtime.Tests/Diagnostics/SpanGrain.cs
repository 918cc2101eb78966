using System.Diagnostics;

namespace PerpStudio.Runtime.Tests.Diagnostics;

/// <summary>Where a span started inside a grain method sits in its trace.</summary>
/// <param name="TraceId">The trace.</param>
/// <param name="SpanId">The span.</param>
/// <param name="ParentSpanId">Its parent; all zeros for a root.</param>
public sealed record SpanPlace(string TraceId, string SpanId, string ParentSpanId);

/// <summary>A grain that starts a span in its method, after an await, and says where it landed.</summary>
public interface ISpanGrain : IGrainWithStringKey
{
    /// <summary>Starts and ends one span of <see cref="SpanGrain.SourceName"/>.</summary>
    Task<SpanPlace> WorkAsync();
}

/// <summary>Implements <see cref="ISpanGrain"/>.</summary>
public sealed class SpanGrain : Grain, ISpanGrain
{
    /// <summary>The source of the grain's spans.</summary>
    public const string SourceName = "PerpStudio.Runtime.Tests.SpanGrain";

    private static readonly ActivitySource Source = new(SourceName);

    /// <inheritdoc/>
    public async Task<SpanPlace> WorkAsync()
    {
        // The await makes the span start on a continuation, as real grain work does after storage or venue calls.
        await Task.Yield();
        using var span = Source.StartActivity("grain work")
            ?? throw new InvalidOperationException($"nothing listens to {SourceName}");
        return new SpanPlace(span.TraceId.ToHexString(), span.SpanId.ToHexString(), span.ParentSpanId.ToHexString());
    }
}
