using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Venues.Contract;

/// <summary>
/// A change to a resting limit order, named by its client order id. A price change or a size increase sends the
/// order to the back of the queue at its (new) price; a size decrease keeps its place. A new price that crosses
/// the book executes like a fresh order of the same time in force (a post-only one is refused and left unchanged).
/// </summary>
/// <param name="ClientOrderId">The order to change.</param>
/// <param name="NewPrice">The new limit price, or null to keep it.</param>
/// <param name="NewSize">The new total size (including what has filled; must exceed the filled size), or null to keep it.</param>
public sealed record ModifyOrderRequest(ClientOrderId ClientOrderId, Price? NewPrice, Quantity? NewSize);
