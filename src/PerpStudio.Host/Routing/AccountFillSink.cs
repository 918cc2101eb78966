using Microsoft.Extensions.Logging;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Orders;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Host.Venues;
using PerpStudio.Runtime;
using PerpStudio.Venues.Routing.Fills;

namespace PerpStudio.Host.Routing;

/// <summary>
/// Hands routed fills to the owning account grain, which applies each exactly once by fill id. The fill id is
/// qualified by venue, since two venues may number their fills alike. The trader's client order id comes from
/// <see cref="TraderOrderIds"/> (memory, then the durable record), else from the account's open orders.
/// </summary>
public sealed partial class AccountFillSink(IGrainFactory grains, TraderOrderIds traderOrderIds, VenueFleet fleet, ILogger<AccountFillSink> logger) : IFillSink
{
    /// <inheritdoc />
    public async Task<FillApplication> ApplyAsync(RoutedFill fill, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var account = grains.GetGrain<IAccountGrain>(fill.Owner.AccountKey);
        var orderId = fill.Leg.ClientOrderId.Value;
        if (await traderOrderIds.FindAsync(fill.Owner, orderId) is not { } clientOrderId)
        {
            var open = await account.GetOpenOrdersAsync();
            var order = open.FirstOrDefault(o => o.OrderId == orderId);
            if (order is null)
            {
                LogUnknownOrder(logger, fill.Fill.FillId.Value, orderId, fill.Owner.AccountKey);
                throw new InvalidOperationException($"fill {fill.Fill.FillId} names order {orderId}, which account {fill.Owner.AccountKey} does not hold open");
            }

            clientOrderId = order.ClientOrderId;
        }

        var venue = fleet.Accounts.Find(fill.Owner.OperatorId, fill.Venue);
        var fees = venue?.Capabilities.Fees;
        var f = fill.Fill;
        var outcome = await account.ApplyFillAsync(new AccountFill(
            $"{fill.Venue.Value}:{f.FillId.Value}",
            clientOrderId,
            f.Market,
            f.Side,
            f.Price,
            f.Size,
            f.Liquidity == PerpStudio.Venues.Contract.Liquidity.Maker ? Liquidity.Maker : Liquidity.Taker,
            fees is null ? fleet.FeeScheduleFor(f.Market) : new FeeSchedule(fees.Maker, fees.Taker),
            fill.Venue.Value,
            f.Time));
        if (outcome.Error is { } error)
        {
            LogRefused(logger, f.FillId.Value, fill.Owner.AccountKey, error.ToString());
            throw new InvalidOperationException($"account {fill.Owner.AccountKey} refused fill {f.FillId}: {error}");
        }

        return outcome.Duplicate ? FillApplication.AlreadyApplied : FillApplication.Applied;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fill {FillId} names order {OrderId} unknown to account {Account}; it will be handed over again")]
    private static partial void LogUnknownOrder(ILogger logger, string fillId, string orderId, string account);

    [LoggerMessage(Level = LogLevel.Error, Message = "Fill {FillId} refused by account {Account}: {Error}")]
    private static partial void LogRefused(ILogger logger, string fillId, string account, string error);
}
