using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using PerpStudio.Runtime;
using PerpStudio.Runtime.Placement;

namespace PerpStudio.Host.Observability;

/// <summary>
/// Where this member's grain activations belong (meter <see cref="MeterName"/>), read at each scrape: the activations
/// alive now by grain type, tagged <c>placement</c> <c>owned</c> (the placement gives the grain to this member) or
/// <c>misplaced</c> (it gives it to another, which would mean two members could run one grain; always zero when
/// forwarding works), and the member's ordinal. With the forwarding endpoint's request counts (ASP.NET Core's
/// <c>http.server.request.duration</c> on route <c>/_grains</c>) an operator sees that every call ran on its owner.
/// </summary>
public sealed class GrainPlacementMetrics : IHostedService, IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "PerpStudio.Cluster";

    /// <summary>Activations alive now, tagged <c>grain.type</c> and <c>placement</c>.</summary>
    public const string ActiveInstrument = "perpstudio.cluster.grains.active";

    /// <summary>This member's ordinal.</summary>
    public const string MemberInstrument = "perpstudio.cluster.member";

    private readonly GrainRuntime _runtime;
    private readonly IGrainPlacement _placement;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public GrainPlacementMetrics(GrainRuntime runtime, IGrainPlacement placement, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _runtime = runtime;
        _placement = placement;
        Meter = meterFactory.Create(MeterName);
        Meter.CreateObservableGauge(ActiveInstrument, Observe, "{activation}", "Grain activations alive on this member, by whether the placement gives them to it");
        Meter.CreateObservableGauge(MemberInstrument, () => _placement.LocalMember, "{member}", "This member's ordinal");
    }

    /// <summary>The meter the gauges live on (one per host).</summary>
    public Meter Meter { get; }

    /// <summary>Nothing to start: being a hosted service only makes the host create the gauges before the first scrape.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => Meter.Dispose();

    private IEnumerable<Measurement<long>> Observe()
    {
        var local = _placement.LocalMember;
        return _runtime.ActiveGrainIds()
            .GroupBy(id => (id.Type, Owned: _placement.GetOwner(id) == local))
            .Select(g => new Measurement<long>(
                g.LongCount(),
                new KeyValuePair<string, object?>("grain.type", g.Key.Type),
                new KeyValuePair<string, object?>("placement", g.Key.Owned ? "owned" : "misplaced")));
    }
}
