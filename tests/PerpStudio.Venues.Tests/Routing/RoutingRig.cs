using PerpStudio.Testing;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Conformance;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing;
using PerpStudio.Venues.Routing.Health;

namespace PerpStudio.Venues.Tests.Routing;

/// <summary>A router over simulated venues on one manual clock, for one operator and trader.</summary>
internal sealed class RoutingRig
{
    public static readonly OrderOwner Trader = new("op-1", "trader-7");

    private static long _ids;

    public RoutingRig(ManualTimeProvider clock, VenueCircuitOptions? circuit = null, params IVenue[] venues)
        : this(clock, circuit, null, venues)
    {
    }

    public RoutingRig(ManualTimeProvider clock, VenueCircuitOptions? circuit, BookCacheOptions? books, params IVenue[] venues)
    {
        Clock = clock;
        BookOptions = books;
        foreach (var venue in venues)
        {
            Accounts.Add(Trader.OperatorId, venue);
        }

        Circuits = new VenueCircuits(circuit ?? new VenueCircuitOptions(), clock);
        Router = NewRouter();
        Policy = new RoutingPolicy(SimVenue.Btc, venues.Select(v => v.Id).ToArray());
    }

    public ManualTimeProvider Clock { get; }

    public BookCacheOptions? BookOptions { get; }

    public VenueAccounts Accounts { get; } = new();

    public InMemoryRoutedOrderDirectory Directory { get; } = new();

    public VenueCircuits Circuits { get; }

    public OrderRouter Router { get; }

    public RoutingPolicy Policy { get; set; }

    public DateTimeOffset Deadline => Clock.GetUtcNow() + TimeSpan.FromSeconds(30);

    /// <summary>A second router on the same directory and venues: the process after a crash.</summary>
    public OrderRouter NewRouter() => new(Accounts, Directory, Circuits, new RouterOptions(), Clock, new BookCache(BookOptions, Clock));

    public static ClientOrderId NewId() => new($"c-{Interlocked.Increment(ref _ids)}");

    public static OrderRequest Market(Side side, decimal size, decimal? worst = null) =>
        new(NewId(), SimVenue.Btc, side, OrderType.Market, Quantity.Of(size), worst is { } w ? Price.Of(w) : null, TimeInForce.Ioc, false, MarginMode.Cross, 5);

    public static OrderRequest Limit(Side side, decimal price, decimal size, TimeInForce tif) =>
        new(NewId(), SimVenue.Btc, side, OrderType.Limit, Quantity.Of(size), Price.Of(price), tif, false, MarginMode.Cross, 5);

    public RouteRequest Request(OrderRequest order) => new(Trader, order, Policy);

    public Task<RoutePlan> PlanAsync(OrderRequest order) => Router.PlanAsync(Request(order), CancellationToken.None);

    public async Task<(RoutePlan Plan, ExecutionReport Report)> RouteAsync(OrderRequest order)
    {
        var plan = await PlanAsync(order);
        plan.Refusal.ShouldBeNull(plan.Decision);
        return (plan, await Router.ExecuteAsync(plan, Deadline, CancellationToken.None));
    }
}
