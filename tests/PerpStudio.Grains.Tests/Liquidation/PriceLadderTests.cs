using PerpStudio.Grains.Liquidation;

namespace PerpStudio.Grains.Tests.Liquidation;

public sealed class PriceLadderTests
{
    [Fact]
    public void A_mark_crosses_exactly_the_longs_at_or_above_it_and_the_shorts_at_or_below_it()
    {
        var ladder = new PriceLadder<string>();
        ladder.Place("long-90", 1, 90);
        ladder.Place("long-100", 1, 100);
        ladder.Place("long-110", 1, 110);
        ladder.Place("short-95", -1, 95);
        ladder.Place("short-100", -1, 100);
        ladder.Place("short-120", -1, 120);

        var crossed = new List<string>();
        var touched = ladder.Crossed(100, crossed);

        crossed.ShouldBe(["long-110", "long-100", "short-95", "short-100"]);
        touched.ShouldBe(4);
    }

    [Fact]
    public void Placing_a_key_again_moves_it_and_removing_it_takes_it_out()
    {
        var ladder = new PriceLadder<string>();
        ladder.Place("a", 1, 50);
        ladder.Place("a", -1, 150);

        var crossed = new List<string>();
        ladder.Crossed(50, crossed);
        crossed.ShouldBeEmpty();
        ladder.Crossed(150, crossed);
        crossed.ShouldBe(["a"]);
        ladder.TryGet("a", out var sign, out var price).ShouldBeTrue();
        (sign, price).ShouldBe((-1, 150L));

        ladder.Remove("a").ShouldBeTrue();
        ladder.Remove("a").ShouldBeFalse();
        ladder.Count.ShouldBe(0);
        crossed.Clear();
        ladder.Crossed(1_000, crossed);
        crossed.ShouldBeEmpty();
    }

    [Fact]
    public void Equal_prices_are_all_crossed_whatever_their_order_of_arrival()
    {
        var ladder = new PriceLadder<int>();
        for (var i = 0; i < 100; i++)
        {
            ladder.Place(i, i % 2 == 0 ? 1 : -1, 500);
        }

        var crossed = new List<int>();
        ladder.Crossed(500, crossed).ShouldBe(100);
        crossed.Order().ShouldBe(Enumerable.Range(0, 100));
        (ladder.LongCount, ladder.ShortCount).ShouldBe((50, 50));
    }
}
