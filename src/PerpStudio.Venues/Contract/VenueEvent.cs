using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Venues.Contract;

/// <summary>
/// Something that happened to the platform's account at a venue, in the order the venue reports it.
/// Delivery is at least once at best: a consumer applies fills by <see cref="VenueFill.FillId"/> and recovers
/// anything missed with <see cref="IVenue.GetFillsAsync"/>.
/// </summary>
/// <param name="Venue">The venue.</param>
/// <param name="Time">When it happened at the venue.</param>
public abstract record VenueEvent(VenueId Venue, DateTimeOffset Time);

/// <summary>An order changed state (accepted, partially filled, filled, cancelled, rejected, triggered, modified).</summary>
/// <param name="Venue">The venue.</param>
/// <param name="Time">When it changed.</param>
/// <param name="Order">The order's new state.</param>
public sealed record OrderUpdated(VenueId Venue, DateTimeOffset Time, VenueOrder Order) : VenueEvent(Venue, Time);

/// <summary>An order executed. Precedes the <see cref="OrderUpdated"/> that reflects it.</summary>
/// <param name="Venue">The venue.</param>
/// <param name="Time">When it executed.</param>
/// <param name="Fill">The execution.</param>
public sealed record FillReceived(VenueId Venue, DateTimeOffset Time, VenueFill Fill) : VenueEvent(Venue, Time);

/// <summary>Funding was settled on a position of the platform's account.</summary>
/// <param name="Venue">The venue.</param>
/// <param name="Time">When funding settled.</param>
/// <param name="PaymentId">Unique within the venue account: the exactly-once key of this payment.</param>
/// <param name="Market">The market.</param>
/// <param name="PositionSize">The signed position the payment was computed on.</param>
/// <param name="Rate">The funding rate applied (per interval; positive: longs pay).</param>
/// <param name="Amount">What the account received (positive) or paid (negative).</param>
public sealed record FundingPaid(
    VenueId Venue,
    DateTimeOffset Time,
    string PaymentId,
    MarketId Market,
    Quantity PositionSize,
    Rate Rate,
    Money Amount) : VenueEvent(Venue, Time);
