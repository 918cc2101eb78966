using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Venues.Contract;

/// <summary>One public trade in a market at a venue: any two counterparties, not only the platform's account.</summary>
/// <param name="Market">The market.</param>
/// <param name="TradeId">The venue's id of the trade, unique within the venue and market (a consumer drops repeats by it).</param>
/// <param name="Price">The execution price.</param>
/// <param name="Size">The executed size, positive.</param>
/// <param name="TakerSide">The side of the order that crossed the book (the aggressor).</param>
/// <param name="Time">When the venue executed it.</param>
public sealed record VenuePublicTrade(MarketId Market, string TradeId, Price Price, Quantity Size, Side TakerSide, DateTimeOffset Time);
