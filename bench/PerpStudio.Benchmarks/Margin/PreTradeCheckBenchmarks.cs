using BenchmarkDotNet.Attributes;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Benchmarks.Margin;

/// <summary>The order path's margin check on a cross account of 1, 10 and 50 positions (target: 10 positions at or under 250 ns median).</summary>
[MemoryDiagnoser]
public class PreTradeCheckBenchmarks
{
    private PreTradeCheckParameters _parameters;

    [Params(1, 10, 50)]
    public int Positions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var markets = MarginBook.Markets(Positions);
        var catalog = new MarketCatalog(markets);
        var account = MarginBook.Account(markets, Positions);
        _parameters = new PreTradeCheckParameters(MarginBook.Order(markets[0]), catalog, MarginBook.Policy, MarginBook.Fees, new Price(1000 * Price.Scale), account);
        if (!PreTradeCheck.Check(_parameters).Accepted)
        {
            throw new InvalidOperationException("the benchmark order must pass the check");
        }
    }

    [Benchmark]
    public bool CrossCheck() => PreTradeCheck.Check(_parameters).Accepted;
}
