using PerpStudio.Domain.Primitives;

namespace PerpStudio.Venues.Simulated.Matching;

/// <summary>A resting order: a node of its price level's intrusive FIFO queue, pooled and reused by the book.</summary>
internal sealed class BookOrder
{
    internal long Id;
    internal int Account;
    internal Side Side;
    internal long Remaining;
    internal PriceLevel? Level;
    internal BookOrder? Previous;
    internal BookOrder? Next;
}
