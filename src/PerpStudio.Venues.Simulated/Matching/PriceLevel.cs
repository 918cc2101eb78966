namespace PerpStudio.Venues.Simulated.Matching;

/// <summary>All orders resting at one price, oldest first (time priority), with their total.</summary>
internal sealed class PriceLevel
{
    internal long Ticks;
    internal long Total;
    internal int Count;
    internal BookOrder? Head;
    internal BookOrder? Tail;

    internal void Append(BookOrder order)
    {
        order.Level = this;
        order.Next = null;
        order.Previous = Tail;
        if (Tail is null)
        {
            Head = order;
        }
        else
        {
            Tail.Next = order;
        }

        Tail = order;
        Total += order.Remaining;
        Count++;
    }

    internal void Unlink(BookOrder order)
    {
        if (order.Previous is null)
        {
            Head = order.Next;
        }
        else
        {
            order.Previous.Next = order.Next;
        }

        if (order.Next is null)
        {
            Tail = order.Previous;
        }
        else
        {
            order.Next.Previous = order.Previous;
        }

        Total -= order.Remaining;
        Count--;
        order.Previous = null;
        order.Next = null;
        order.Level = null;
    }
}
