using FsCheck;
using FsCheck.Fluent;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing.Pricing;

namespace PerpStudio.Venues.Tests.Routing.Pricing;

public sealed class BestExecutionPropertyTests
{
    private static readonly long[] Lots = [10_000, 100_000, 1_000_000];

    [Fact]
    public void A_plans_legs_sum_exactly_to_the_order_size_and_each_is_on_its_venues_lot()
    {
        var gen = from seed in Gen.Choose(0, int.MaxValue)
                  from split in Gen.Elements(true, false)
                  select (seed, split);
        Check.QuickThrowOnFailure(Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var random = new Random(input.seed);
            var candidates = Enumerable.Range(0, random.Next(1, 4)).Select(i => Candidate(random, i)).ToList();
            var order = Order(random);
            var selection = BestExecution.Select(order, candidates, input.split);
            if (selection.Refusal is not null)
            {
                // only refusals the input explains: no liquidity, a size no lot holds, a part below every minimum
                return selection.Legs.Count == 0 && selection.Refusal.Code is "no_liquidity" or "size_off_lot" or "below_min_notional" or "no_eligible_venue";
            }

            var lots = candidates.ToDictionary(c => c.Venue, c => c.Spec!.LotSize.Units);
            var sum = selection.Legs.Sum(l => l.Size.Units);
            var onLot = selection.Legs.All(l => l.Size.IsPositive && l.Size.Units % lots[l.Venue] == 0);
            var filledWithinLegs = selection.Legs.All(l => l.EstimatedFill <= l.Size);
            var oneVenueWithoutSplit = input.split || selection.Legs.Count == 1;
            return sum == order.Size.Units && onLot && filledWithinLegs && oneVenueWithoutSplit
                && selection.Legs.Select(l => l.Venue).Distinct().Count() == selection.Legs.Count;
        }));
    }

    private static OrderRequest Order(Random random)
    {
        var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;

        // sizes on the finest lot, so some venues' coarser lots cannot hold every remainder
        var size = new Quantity(Lots[0] * random.Next(1, 40_000));
        var (type, tif) = random.Next(3) switch
        {
            0 => (OrderType.Market, TimeInForce.Ioc),
            1 => (OrderType.Limit, TimeInForce.Ioc),
            _ => (OrderType.Limit, TimeInForce.Gtc),
        };
        Price? limit = type == OrderType.Limit || random.Next(2) == 0 ? Price.Of(100_000m + random.Next(-50, 50)) : null;
        return new OrderRequest(new ClientOrderId("prop"), new MarketId("BTC-USD"), side, type, size, limit, tif, false, MarginMode.Cross, 5);
    }

    private static VenueCandidate Candidate(Random random, int index)
    {
        var lot = Lots[random.Next(Lots.Length)];
        var spec = new MarketSpec(new MarketId("BTC-USD"), "BTC", Price.Of(1m), new Quantity(lot), Money.Of(random.Next(0, 3) * 50m), [new MarginTier(Money.Zero, 50)]);
        var asks = Levels(random, lot, 100_001, +1);
        var bids = Levels(random, lot, 99_999, -1);
        var fees = new VenueFeeSchedule(new Rate(random.Next(-2, 10) * 100_000L), new Rate(random.Next(0, 100) * 100_000L));
        return new VenueCandidate(new VenueId($"v{index}"), fees, spec, new OrderBookSnapshot(spec.Id, 1, DateTimeOffset.UnixEpoch, bids, asks));
    }

    private static BookLevel[] Levels(Random random, long lot, long start, int direction)
    {
        var levels = new BookLevel[random.Next(0, 50)];
        var price = start + (direction * random.Next(0, 20));
        for (var i = 0; i < levels.Length; i++)
        {
            levels[i] = new BookLevel(Price.Of(price), new Quantity(lot * random.Next(1, 200)));
            price += direction * random.Next(1, 5);
        }

        return levels;
    }
}
