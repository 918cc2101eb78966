using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Accounts;
using Shouldly;
using Xunit;

namespace PerpStudio.Grains.Tests.Operators;

public sealed class TradingVolumeTests
{
    private static readonly DateOnly Day = new(2026, 5, 1);

    [Fact]
    public void The_trailing_volume_covers_today_and_the_twenty_nine_days_before()
    {
        var volume = new TradingVolume().Add(Day, Money.Of(100m)).Add(Day.AddDays(10), Money.Of(20m)).Add(Day.AddDays(10), Money.Of(5m));
        volume.TrailingAt(Day.AddDays(10)).ShouldBe(Money.Of(125m));
        volume.TrailingAt(Day.AddDays(29)).ShouldBe(Money.Of(125m));
        volume.TrailingAt(Day.AddDays(30)).ShouldBe(Money.Of(25m));
        volume.TrailingAt(Day.AddDays(40)).ShouldBe(Money.Zero);
    }

    [Fact]
    public void Buckets_outside_the_window_are_dropped_so_the_state_stays_bounded()
    {
        var volume = new TradingVolume();
        for (var i = 0; i < 365; i++)
        {
            volume = volume.Add(Day.AddDays(i), Money.Of(1m));
        }

        volume.Buckets.Length.ShouldBe(TradingVolume.WindowDays);
        volume.TrailingAt(Day.AddDays(364)).ShouldBe(Money.Of(30m));
    }
}
