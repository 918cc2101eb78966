using BenchmarkDotNet.Attributes;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Domain.Risk;

namespace PerpStudio.Benchmarks.Margin;

/// <summary>A -15% price shock and 24 hours of 0.01%/h funding over a book of 40 cross and 10 isolated positions.</summary>
[MemoryDiagnoser]
public class StressTestBenchmarks
{
    private StressBook _book = null!;
    private StressScenario _scenario = null!;

    [GlobalSetup]
    public void Setup()
    {
        var markets = MarginBook.Markets(50);
        var account = MarginBook.Account(markets, 40);
        var isolated = new List<IsolatedPosition>();
        var marks = new Dictionary<MarketId, Price>();
        for (var i = 40; i < 50; i++)
        {
            var price = new Price((1000 + i) * Price.Scale);
            isolated.Add(new IsolatedPosition(markets[i].Id, Position.Open(Side.Sell, Quantity.Parse("3"), price), Money.Parse("400"), 8));
            marks[markets[i].Id] = price;
        }

        _book = new StressBook(account, isolated, marks, new MarketCatalog(markets));
        _scenario = new StressScenario(
            markets.ToDictionary(m => m.Id, _ => Rate.Parse("-0.15")),
            markets.ToDictionary(m => m.Id, _ => Rate.Parse("0.0001")),
            24);
    }

    [Benchmark]
    public Money FiftyPositions() => StressTest.Run(_book, _scenario).Value.TotalShortfall;
}
