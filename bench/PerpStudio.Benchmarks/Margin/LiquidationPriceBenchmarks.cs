using BenchmarkDotNet.Attributes;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Benchmarks.Margin;

/// <summary>Liquidation price of an isolated position and of one position in a 10-position cross account (three-tier market).</summary>
[MemoryDiagnoser]
public class LiquidationPriceBenchmarks
{
    private IsolatedPosition _isolated = null!;
    private MarketRules _market = null!;
    private CrossAccount _account = null!;

    [GlobalSetup]
    public void Setup()
    {
        var markets = MarginBook.Markets(10);
        _market = markets[0];
        var position = Position.Open(Side.Buy, Quantity.Parse("1"), Price.Parse("100000"));
        _isolated = new IsolatedPosition(_market.Id, position, Money.Parse("10000"), 10);
        _account = MarginBook.Account(markets, 10);
    }

    [Benchmark]
    public Price? Isolated() => _isolated.LiquidationPrice(_market).Price;

    [Benchmark]
    public Price? CrossOfTen() => _account.LiquidationPrice(_market.Id).Price;
}
