using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Operators;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Benchmarks.Margin;

/// <summary>Builds books of N cross positions over N two-tier markets, the shape a busy account has.</summary>
internal static class MarginBook
{
    public static readonly FeeSchedule Fees = new(Rate.Parse("0.00015"), Rate.Parse("0.00045"));

    public static MarketRules Market(int i)
    {
        var spec = new MarketSpec(new MarketId($"M{i:D2}-USD"), $"M{i:D2}", Price.Parse("0.01"), Quantity.Parse("0.0001"), Money.Parse("10"),
            [new MarginTier(Money.Zero, 40), new MarginTier(Money.Parse("1000000"), 20), new MarginTier(Money.Parse("5000000"), 10)]);
        return MarketRules.Create(spec).Value;
    }

    public static MarketRules[] Markets(int count) => Enumerable.Range(0, count).Select(Market).ToArray();

    /// <summary>A cross account with one position per market, alternating long and short, at 10x.</summary>
    public static CrossAccount Account(MarketRules[] markets, int positions)
    {
        var account = CrossAccount.Open(Money.Parse("1000000")).Value;
        for (var i = 0; i < positions; i++)
        {
            var price = new Price((1000 + (i * 37)) * Price.Scale);
            var side = i % 2 == 0 ? Side.Buy : Side.Sell;
            account = account.ApplyFill(markets[i], side, Quantity.Parse("2.5"), price, Money.Parse("1"), 10, price).Value.After;
            account = account.WithMark(markets[i].Id, new Price(price.Units + (i % 5 * Price.Scale))).Value;
        }

        return account;
    }

    /// <summary>A limit buy that adds to the first market's position.</summary>
    public static OrderRequest Order(MarketRules market) =>
        new(new ClientOrderId("bench-1"), market.Id, Side.Buy, OrderType.Limit, Quantity.Parse("0.5"), Price.Parse("1001.5"),
            TimeInForce.Gtc, false, MarginMode.Cross, 10);

    public static OperatorPolicy Policy => OperatorPolicy.Open;
}
