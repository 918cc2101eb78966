using System.Collections.Concurrent;
using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Orders;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing.Health;
using PerpStudio.Venues.Routing.Pricing;

namespace PerpStudio.Venues.Routing;

/// <summary>
/// Routes the orders of all operators to their venue accounts: <see cref="PlanAsync"/> prices every allowed venue
/// and chooses the legs (<see cref="BestExecution"/>); <see cref="ExecuteAsync"/> sends them, idempotently per leg id,
/// failing over to the next eligible venue when one fails before accepting. It knows nothing of grains: the account
/// grain calls it and provides the durable <see cref="IRoutedOrderDirectory"/>.
/// </summary>
public sealed partial class OrderRouter : IAsyncDisposable, IDisposable
{
    private readonly IVenueAccounts _venues;
    private readonly IRoutedOrderDirectory _directory;
    private readonly VenueCircuits _circuits;
    private readonly RouterOptions _options;
    private readonly TimeProvider _time;
    private readonly BookCache _books;
    private readonly bool _ownsBooks;
    private readonly ConcurrentDictionary<(string, VenueId), (DateTimeOffset At, IReadOnlyList<VenueMarket> Markets)> _markets = new();

    /// <summary>Creates the router, its books cached and kept fresh by each venue's book feed.</summary>
    public OrderRouter(IVenueAccounts venues, IRoutedOrderDirectory directory, VenueCircuits circuits, RouterOptions? options = null, TimeProvider? timeProvider = null)
        : this(venues, directory, circuits, options, timeProvider, null)
    {
    }

    /// <summary>Creates the router with the given book cache (null: a cache with the default options, owned by the router).</summary>
    public OrderRouter(IVenueAccounts venues, IRoutedOrderDirectory directory, VenueCircuits circuits, RouterOptions? options, TimeProvider? timeProvider, BookCache? books)
    {
        _venues = venues ?? throw new ArgumentNullException(nameof(venues));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _circuits = circuits ?? throw new ArgumentNullException(nameof(circuits));
        _options = options ?? new RouterOptions();
        _time = timeProvider ?? TimeProvider.System;
        _ownsBooks = books is null;
        _books = books ?? new BookCache(null, _time);
    }

    /// <summary>The books the router prices with.</summary>
    public BookCache Books => _books;

    /// <summary>Ends the book feeds of a cache the router owns.</summary>
    public ValueTask DisposeAsync() => _ownsBooks ? _books.DisposeAsync() : ValueTask.CompletedTask;

    /// <summary>Ends the book feeds of a cache the router owns without waiting for them.</summary>
    public void Dispose()
    {
        if (_ownsBooks)
        {
            _books.Dispose();
        }
    }

    /// <summary>
    /// Plans an order: each allowed venue priced (or excluded with the reason) and the legs chosen. Nothing is sent.
    /// When legs of this order are already recorded (an earlier plan was executed, then the process crashed), the plan
    /// resumes them instead of choosing anew, so a re-plan can never make a second venue order.
    /// </summary>
    public async Task<RoutePlan> PlanAsync(RouteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var order = request.Order;
        using var activity = RoutingTelemetry.Source.StartActivity("route.plan");
        activity?.SetTag("client_order_id", order?.ClientOrderId.Value);
        activity?.SetTag("market", order?.Market.Symbol);
        var error = Validate(request);
        if (error is not null)
        {
            return Refused(request, error);
        }

        var recorded = await _directory.LegsOfAsync(request.Owner, order!.ClientOrderId, cancellationToken);
        if (recorded.Count > 0)
        {
            return Resumed(request, recorded);
        }

        var candidates = await GatherAsync(request.Owner.OperatorId, order, request.Policy.Venues, fresh: false, cancellationToken);
        var selection = BestExecution.Select(order, candidates, request.Policy.AllowSplit);
        var legs = new List<PlannedLeg>(selection.Legs.Count);
        for (var i = 0; i < selection.Legs.Count; i++)
        {
            var a = selection.Legs[i];
            var legId = LegIds.Derive(request.Owner, order.ClientOrderId, LegIds.IndexOf(i, 0));
            legs.Add(new PlannedLeg(i, legId, a.Venue, order with { ClientOrderId = legId, Size = a.Size },
                a.EstimatedFill, a.AveragePrice, a.Notional, a.Fee));
            RoutingTelemetry.Decisions.Add(1, new("venue", a.Venue.Value), new("kind", selection.Kind.ToString()));
        }

        activity?.SetTag("venues", string.Join(",", legs.Select(l => l.Venue.Value)));
        activity?.SetTag("decision", selection.Decision);
        return new RoutePlan(request.Owner, order, request.Policy, _time.GetUtcNow(), selection.Kind, selection.Venues, legs,
            selection.Estimate, selection.Decision, selection.Refusal, Resumed: false);
    }

    /// <summary>Why a venue cannot take the order, by its capabilities; null when it can.</summary>
    public static string? CapabilityGap(VenueCapabilities capabilities, OrderRequest order)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        ArgumentNullException.ThrowIfNull(order);
        if (!capabilities.OrderTypes.Contains(order.Type))
        {
            return $"{order.Type} orders are not supported";
        }

        if (order.Type == OrderType.Limit && !capabilities.Supports(order.TimeInForce))
        {
            return $"time in force {order.TimeInForce} is not supported";
        }

        if (order.Trigger != TriggerKind.None && !capabilities.Triggers)
        {
            return "take-profit / stop-loss orders are not supported";
        }

        if (order.ReduceOnly && !capabilities.ReduceOnly)
        {
            return "reduce-only orders are not supported";
        }

        if (!capabilities.MarginModes.Contains(order.MarginMode))
        {
            return $"{order.MarginMode} margin is not supported";
        }

        if (capabilities.MaxLeverage.TryGetValue(order.Market, out var max) && order.Leverage > max)
        {
            return $"leverage {order.Leverage} is above its maximum {max}";
        }

        return null;
    }

    private static DomainError? Validate(RouteRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Owner.OperatorId) || string.IsNullOrWhiteSpace(request.Owner.TraderId))
        {
            return Refusals.Required("owner");
        }

        if (request.Order is null)
        {
            return Refusals.Required("order");
        }

        if (request.Policy is null)
        {
            return Refusals.Required("policy");
        }

        if (!ClientOrderId.IsValid(request.Order.ClientOrderId.Value))
        {
            return new DomainError(ErrorKind.InvalidArgument, "client_order_id_invalid", "client_order_id", $"'{request.Order.ClientOrderId.Value}' is not a valid client order id");
        }

        if (!request.Order.Size.IsPositive)
        {
            return Refusals.NotPositive("size", request.Order.Size.ToString());
        }

        var policyError = request.Policy.Validate();
        if (policyError is not null)
        {
            return policyError;
        }

        return request.Policy.Market != request.Order.Market
            ? new DomainError(ErrorKind.InvalidArgument, "policy_market_mismatch", "policy.market", $"the policy is for {request.Policy.Market}, the order for {request.Order.Market}")
            : null;
    }

    private RoutePlan Refused(RouteRequest request, DomainError error) =>
        new(request.Owner, request.Order, request.Policy, _time.GetUtcNow(), RouteKind.Taker, [], [], RouteEstimate.None, error.Message, error, Resumed: false);

    private RoutePlan Resumed(RouteRequest request, IReadOnlyList<RoutedLeg> recorded)
    {
        // the first record of each plan leg is the plan that was executed; re-routes are followed by ExecuteAsync
        var legs = recorded
            .Where(l => l.Attempt == 0)
            .OrderBy(l => l.Ordinal)
            .Select(l => new PlannedLeg(l.Ordinal, l.LegId, l.Venue, request.Order with { ClientOrderId = l.LegId, Size = l.Size },
                Domain.Primitives.Quantity.Zero, null, Domain.Primitives.Money.Zero, Domain.Primitives.Money.Zero))
            .ToList();
        var decision = $"resumed: {legs.Count} leg(s) of {request.Order.ClientOrderId} were already recorded ({string.Join(", ", legs.Select(l => $"{l.Venue} {l.Request.Size}"))}); executing them again is idempotent";
        return new RoutePlan(request.Owner, request.Order, request.Policy, _time.GetUtcNow(), RouteKind.Taker, [], legs, RouteEstimate.None, decision, null, Resumed: true);
    }
}
