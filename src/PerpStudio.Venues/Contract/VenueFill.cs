using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Venues.Contract;

/// <summary>Whether a fill added liquidity (the order rested) or took it.</summary>
public enum Liquidity
{
    /// <summary>The order was resting on the book: maker fee.</summary>
    Maker,

    /// <summary>The order crossed the book: taker fee.</summary>
    Taker,
}

/// <summary>One execution of one of the platform account's orders.</summary>
/// <param name="FillId">Unique within the venue account; the exactly-once key.</param>
/// <param name="VenueOrderId">The venue's id of the order that filled.</param>
/// <param name="ClientOrderId">The platform's id of the order that filled.</param>
/// <param name="Market">The market.</param>
/// <param name="Side">The side of the platform's order.</param>
/// <param name="Price">The execution price.</param>
/// <param name="Size">The executed size, positive.</param>
/// <param name="Fee">The fee charged to the account for this fill; negative for a rebate.</param>
/// <param name="Liquidity">Maker or taker.</param>
/// <param name="Time">When the venue executed it.</param>
public sealed record VenueFill(
    VenueFillId FillId,
    VenueOrderId VenueOrderId,
    ClientOrderId ClientOrderId,
    MarketId Market,
    Side Side,
    Price Price,
    Quantity Size,
    Money Fee,
    Liquidity Liquidity,
    DateTimeOffset Time);
