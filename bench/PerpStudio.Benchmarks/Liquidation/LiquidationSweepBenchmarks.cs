using BenchmarkDotNet.Attributes;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Liquidation;

namespace PerpStudio.Benchmarks.Liquidation;

/// <summary>
/// One market with 1,000,000 open positions in the liquidation index (half long, half short, isolated and cross),
/// liquidation prices spread from 60% to 99.9% of the mark for longs and 100.1% to 140% for shorts; the mark falls 1%.
/// Measures the time to find every long the move makes liquidatable, and to re-place one position after a change.
/// </summary>
[MemoryDiagnoser]
public class LiquidationSweepBenchmarks
{
    private static readonly MarketId Market = new("BTC-USD");
    private readonly List<PositionHolder> _found = new(capacity: 100_000);
    private LiquidationBook _book = null!;
    private Price _moved;
    private LiquidationIndexEntry _entry = null!;
    private long _flip;

    /// <summary>Positions in the index.</summary>
    [Params(1_000_000)]
    public int Positions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var mark = Price.Parse("100000");
        _book = new LiquidationBook();
        _book.UpdateMark(Market, mark);
        for (var i = 0; i < Positions; i++)
        {
            var isLong = i % 2 == 0;
            // 60.0%..99.9% of the mark for longs, 100.1%..140% for shorts, in steps of 0.01%
            var basisPoints = isLong ? random.Next(6_000, 9_991) : random.Next(10_010, 14_001);
            var liquidation = new Price(mark.Units / 10_000 * basisPoints);
            var size = new Quantity((isLong ? 1 : -1) * random.Next(1, 1_000_000));
            var mode = i % 3 == 0 ? MarginMode.Cross : MarginMode.Isolated;
            _book.PositionChanged(new LiquidationIndexEntry(Market, $"op/t{i}", $"op/t{i}", mode, size.Sign, size, liquidation));
        }

        _moved = new Price(mark.Units / 100 * 99);
        _entry = new LiquidationIndexEntry(Market, "op/t0", "op/t0", MarginMode.Cross, 1, new Quantity(50_000), new Price(mark.Units / 10 * 8));
        _found.Clear();
        var touched = _book.CandidatesAt(Market, _moved, _found);
        Console.WriteLine($"// {Positions:N0} positions, mark 100000 -> {_moved}: {touched:N0} touched, {_found.Count:N0} liquidatable");
    }

    /// <summary>Finds every position a 1% fall of the mark makes liquidatable.</summary>
    [Benchmark]
    public int FindLiquidatableAfterOnePercentMove()
    {
        _found.Clear();
        return _book.CandidatesAt(Market, _moved, _found);
    }

    /// <summary>One position's report after a change (remove and re-place in the ladder).</summary>
    [Benchmark]
    public void RePlaceOnePosition()
    {
        _flip++;
        _book.PositionChanged(_entry with { LiquidationPrice = new Price(_entry.LiquidationPrice!.Value.Units + (_flip & 1)) });
    }
}
