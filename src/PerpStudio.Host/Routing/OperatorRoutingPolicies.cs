using System.Collections.Concurrent;
using PerpStudio.Domain.Markets;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Host.Venues;
using PerpStudio.Runtime;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing;

namespace PerpStudio.Host.Routing;

/// <summary>
/// The routing rule of an operator's market, read from its operator grain (the venues its offering names) and kept
/// for a short while: every order needs it, and the operator grain never calls an account, so reading it from inside
/// an account's turn cannot form a call cycle. The first order of an operator this process routes links the operator to
/// the venues here (and records it for every member), so routing never depends on which member seeded or linked it.
/// </summary>
public sealed class OperatorRoutingPolicies(IGrainFactory grains, VenueFleet fleet, OperatorVenueLinks links, TimeProvider time)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, OperatorConfig Config)> _configs = new(StringComparer.Ordinal);

    /// <summary>The rule for <paramref name="market"/>: the offering's venues, or every venue of the fleet when it names none.</summary>
    public async Task<RoutingPolicy> ForAsync(string operatorId, MarketId market)
    {
        if (!links.IsLinked(operatorId))
        {
            await links.LinkAsync(operatorId);
        }

        var config = await ConfigAsync(operatorId);
        var offering = config.Offering(market);
        IReadOnlyList<VenueId> venues = offering is { Venues.Length: > 0 }
            ? [.. offering.Venues.Select(v => new VenueId(v))]
            : fleet.VenueIds;
        return new RoutingPolicy(market, venues);
    }

    /// <summary>Forgets the cached configuration of an operator (after it changed).</summary>
    public void Invalidate(string operatorId) => _configs.TryRemove(operatorId, out _);

    private async Task<OperatorConfig> ConfigAsync(string operatorId)
    {
        var now = time.GetUtcNow();
        if (_configs.TryGetValue(operatorId, out var cached) && now - cached.At < Freshness)
        {
            return cached.Config;
        }

        var config = await grains.GetGrain<IOperatorGrain>(operatorId).GetConfigAsync();
        _configs[operatorId] = (now, config);
        return config;
    }
}
