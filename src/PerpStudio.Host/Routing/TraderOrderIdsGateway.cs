using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Venues.Routing;

namespace PerpStudio.Host.Routing;

/// <summary>
/// Records each order's trader client order id durably (<see cref="TraderOrderIds.RecordAsync"/>) before the inner
/// gateway sends it anywhere: a fill can only come back for an order whose pair is already stored, so a fill reaching
/// another member, or this one after a restart, is always handed to its account under the id the account knows.
/// </summary>
/// <param name="inner">The gateway that routes the orders.</param>
/// <param name="traderOrderIds">Where the pairs are recorded.</param>
public sealed class TraderOrderIdsGateway(IOrderGateway inner, TraderOrderIds traderOrderIds) : IOrderGateway
{
    /// <inheritdoc />
    public async Task<GatewayResult> PlaceAsync(GatewayOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var (operatorId, traderId) = GrainKeys.ParseAccount(order.AccountKey);
        await traderOrderIds.RecordAsync(new OrderOwner(operatorId, traderId), order.OrderId, order.Request.ClientOrderId);
        return await inner.PlaceAsync(order, cancellationToken);
    }

    /// <inheritdoc />
    public Task<GatewayResult> CancelAsync(GatewayOrderRef order, CancellationToken cancellationToken) => inner.CancelAsync(order, cancellationToken);

    /// <inheritdoc />
    public Task<GatewayResult> ModifyAsync(GatewayOrderRef order, Price? newPrice, Quantity? newSize, CancellationToken cancellationToken) =>
        inner.ModifyAsync(order, newPrice, newSize, cancellationToken);

    /// <inheritdoc />
    public FeeSchedule FeeScheduleFor(MarketId market) => inner.FeeScheduleFor(market);
}
