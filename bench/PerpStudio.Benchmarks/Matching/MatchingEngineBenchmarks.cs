using BenchmarkDotNet.Attributes;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Simulated.Matching;

namespace PerpStudio.Benchmarks.Matching;

/// <summary>
/// Operations per second of the simulated venue's order book on one core. Each invocation replays a fixed,
/// seeded stream of operations that leaves the book as it found it (a resting ladder), so that invocations measure
/// the same work. Not sealed: BenchmarkDotNet derives its runner from the class.
/// </summary>
[MemoryDiagnoser]
public class MatchingEngineBenchmarks
{
    private const int Operations = 100_000;
    private const int LadderLevels = 50;
    private const long Mid = 100_000;

    private readonly CountingSink _sink = new();
    private OrderBook _book = null!;
    private Operation[] _mixed = [];
    private Operation[] _placeCancel = [];

    [GlobalSetup]
    public void Setup()
    {
        _book = new OrderBook(_sink);
        SeedLadder(_book);
        _mixed = MixedStream(seed: 1);
        _placeCancel = PlaceCancelStream(seed: 2);
    }

    /// <summary>60% passive limit placements, 25% cancels, 15% IOC orders that match, each one book operation.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long Mixed_place_cancel_match() => Replay(_mixed);

    /// <summary>Passive placements and their cancels only: the book's bookkeeping without matching.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long Place_and_cancel() => Replay(_placeCancel);

    private long Replay(Operation[] operations)
    {
        var book = _book;
        long work = 0;
        foreach (ref readonly var op in operations.AsSpan())
        {
            if (op.Kind == OperationKind.Cancel)
            {
                book.TryCancel(op.OrderId, out var remaining);
                work += remaining;
            }
            else
            {
                work += book.Submit(op.OrderId, op.Account, op.Side, op.Ticks, op.Quantity, op.Kind == OperationKind.Ioc ? BookTimeInForce.Ioc : BookTimeInForce.Gtc).Filled;
            }
        }

        return work;
    }

    // Market-maker ladder (account 0) that the streams trade against; IOC orders only nibble at it.
    private static void SeedLadder(OrderBook book)
    {
        for (var i = 1; i <= LadderLevels; i++)
        {
            book.Submit(-i, 0, Side.Buy, Mid - i, 1_000_000_000_000_000, BookTimeInForce.Gtc);
            book.Submit(-1_000 - i, 0, Side.Sell, Mid + i, 1_000_000_000_000_000, BookTimeInForce.Gtc);
        }
    }

    /// <summary>
    /// Builds a stream on a scratch book so that it knows which orders are still live, and ends it by cancelling them:
    /// the stream is balanced and exactly <see cref="Operations"/> long.
    /// </summary>
    private static Operation[] MixedStream(int seed)
    {
        var random = new Random(seed);
        var scratch = new OrderBook(new CountingSink());
        SeedLadder(scratch);
        var live = new List<long>();
        var ops = new List<Operation>(Operations);
        long nextId = 1;
        int Resting() => scratch.OrderCount - (LadderLevels * 2);
        while (ops.Count + Resting() < Operations - 1)
        {
            var roll = random.Next(100);
            var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
            Operation op;
            var target = roll is >= 60 and < 85 ? PickLive(scratch, live, random) : 0;
            if (roll < 60 || target == 0)
            {
                var ticks = side == Side.Buy ? Mid - random.Next(1, 40) : Mid + random.Next(1, 40);
                op = new Operation(OperationKind.Limit, nextId++, 1 + random.Next(3), side, ticks, random.Next(1, 100));
            }
            else if (roll < 85)
            {
                op = new Operation(OperationKind.Cancel, target, 0, side, 0, 0);
            }
            else
            {
                var ticks = side == Side.Buy ? Mid + random.Next(1, 3) : Mid - random.Next(1, 3);
                op = new Operation(OperationKind.Ioc, nextId++, 4, side, ticks, random.Next(50, 500));
            }

            Apply(scratch, op);
            ops.Add(op);
            if (op.Kind == OperationKind.Limit)
            {
                live.Add(op.OrderId);
            }
        }

        live.RemoveAll(id => !scratch.TryGetOrder(id, out _, out _, out _));
        if (ops.Count + live.Count < Operations)
        {
            // one IOC that crosses nothing fills the last slot
            ops.Add(new Operation(OperationKind.Ioc, nextId, 4, Side.Buy, Mid - LadderLevels - 1, 1));
        }

        foreach (var id in live)
        {
            ops.Add(new Operation(OperationKind.Cancel, id, 0, Side.Buy, 0, 0));
            scratch.TryCancel(id, out _);
        }

        return ops.Count == Operations && scratch.OrderCount == LadderLevels * 2
            ? [.. ops]
            : throw new InvalidOperationException($"unbalanced stream: {ops.Count} operations, {scratch.OrderCount} resting");
    }

    // A random order still on the book (0 when none), dropping the filled and cancelled ones met on the way.
    private static long PickLive(OrderBook book, List<long> live, Random random)
    {
        while (live.Count > 0)
        {
            var index = random.Next(live.Count);
            var id = live[index];
            live[index] = live[^1];
            live.RemoveAt(live.Count - 1);
            if (book.TryGetOrder(id, out _, out _, out _))
            {
                return id;
            }
        }

        return 0;
    }

    private static Operation[] PlaceCancelStream(int seed)
    {
        var random = new Random(seed);
        var ops = new Operation[Operations];
        for (var i = 0; i < Operations / 2; i++)
        {
            var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
            var ticks = side == Side.Buy ? Mid - random.Next(1, 40) : Mid + random.Next(1, 40);
            ops[i] = new Operation(OperationKind.Limit, i + 1, 1, side, ticks, random.Next(1, 100));
        }

        // cancel in a shuffled order so that cancels hit the middle of queues, not just the tail
        var order = Enumerable.Range(0, Operations / 2).ToArray();
        random.Shuffle(order);
        for (var i = 0; i < order.Length; i++)
        {
            ops[(Operations / 2) + i] = new Operation(OperationKind.Cancel, ops[order[i]].OrderId, 0, Side.Buy, 0, 0);
        }

        return ops;
    }

    private static void Apply(OrderBook book, in Operation op)
    {
        if (op.Kind == OperationKind.Cancel)
        {
            book.TryCancel(op.OrderId, out _);
        }
        else
        {
            book.Submit(op.OrderId, op.Account, op.Side, op.Ticks, op.Quantity, op.Kind == OperationKind.Ioc ? BookTimeInForce.Ioc : BookTimeInForce.Gtc);
        }
    }

    private enum OperationKind : byte
    {
        Limit,
        Ioc,
        Cancel,
    }

    private readonly record struct Operation(OperationKind Kind, long OrderId, int Account, Side Side, long Ticks, long Quantity);

    private sealed class CountingSink : IMatchSink
    {
        public long Trades { get; private set; }

        public void OnTrade(in BookTrade trade) => Trades++;

        public void OnRestingCancelled(long orderId, int account, long remaining, RestingCancelCause cause)
        {
        }
    }
}
