using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Routing.Fills;

/// <summary>A venue fill mapped back to the leg, order and trader it belongs to.</summary>
/// <param name="Venue">The venue that executed it.</param>
/// <param name="Leg">The leg (owner, client order id, plan leg) from the directory.</param>
/// <param name="Fill">The venue's fill; <see cref="VenueFill.FillId"/> is the exactly-once key within the venue.</param>
public sealed record RoutedFill(VenueId Venue, RoutedLeg Leg, VenueFill Fill)
{
    /// <summary>The trader the fill belongs to.</summary>
    public OrderOwner Owner => Leg.Owner;
}

/// <summary>What the sink did with a fill.</summary>
public enum FillApplication
{
    /// <summary>Applied now.</summary>
    Applied,

    /// <summary>Applied before (a duplicate delivery, a replay after restart): nothing changed.</summary>
    AlreadyApplied,
}

/// <summary>
/// Where fills go: the account grains apply each exactly once by (venue, fill id). The feed and reconciliation may hand
/// the same fill over more than once (after a restart, a resubscribe, a recovery), so a sink must answer
/// <see cref="FillApplication.AlreadyApplied"/> rather than apply twice. A sink that throws has not applied the fill:
/// it is handed over again later.
/// </summary>
public interface IFillSink
{
    /// <summary>Applies a fill once.</summary>
    Task<FillApplication> ApplyAsync(RoutedFill fill, CancellationToken cancellationToken);
}
