using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Routing;

/// <summary>
/// An operator's routing rule for one market: the venues its orders may go to, most preferred first.
/// Preference breaks ties between equal prices and picks the venue for resting orders when fees are equal.
/// </summary>
/// <param name="Market">The market the rule applies to.</param>
/// <param name="Venues">The venues allowed, in preference order; none repeats.</param>
/// <param name="AllowSplit">True when an order may be split across venues when that is cheaper.</param>
public sealed record RoutingPolicy(MarketId Market, IReadOnlyList<VenueId> Venues, bool AllowSplit = true)
{
    /// <summary>The most venues one policy may name (leg indices reserve two digits per plan leg).</summary>
    public const int MaxVenues = 32;

    /// <summary>Refuses a policy the router cannot follow, naming the field.</summary>
    public DomainError? Validate()
    {
        if (string.IsNullOrWhiteSpace(Market.Symbol))
        {
            return Refusals.Required("policy.market");
        }

        if (Venues is null || Venues.Count == 0)
        {
            return Refusals.Required("policy.venues");
        }

        if (Venues.Count > MaxVenues)
        {
            return new DomainError(ErrorKind.InvalidArgument, "policy_too_many_venues", "policy.venues", $"{Venues.Count} venues named; at most {MaxVenues}");
        }

        var seen = new HashSet<VenueId>();
        foreach (var venue in Venues)
        {
            if (string.IsNullOrWhiteSpace(venue.Value) || !seen.Add(venue))
            {
                return new DomainError(ErrorKind.InvalidArgument, "policy_venue_invalid", "policy.venues", $"venue '{venue.Value}' is empty or named twice");
            }
        }

        return null;
    }
}

/// <summary>Who an order belongs to: an operator's trader. Traders of one operator share the operator's venue accounts.</summary>
/// <param name="OperatorId">The operator (tenant).</param>
/// <param name="TraderId">The trader within the operator.</param>
public readonly record struct OrderOwner(string OperatorId, string TraderId)
{
    /// <summary>The account key the grains use: "operator/trader".</summary>
    public string AccountKey => $"{OperatorId}/{TraderId}";

    /// <inheritdoc />
    public override string ToString() => AccountKey;
}

/// <summary>An order to route: whose it is, the order as the trader placed it (validated and margined by the account), and the operator's rule.</summary>
/// <param name="Owner">The trader.</param>
/// <param name="Order">The order; its client order id is the trader's.</param>
/// <param name="Policy">The operator's routing rule for the order's market.</param>
public sealed record RouteRequest(OrderOwner Owner, OrderRequest Order, RoutingPolicy Policy);
