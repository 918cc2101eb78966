using PerpStudio.Domain.Margin;

namespace PerpStudio.Domain.Tests.Margin;

public sealed class FundingScheduleTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Funding_settles_on_every_whole_hour()
    {
        FundingSchedule.NextAfter(Noon).ShouldBe(Noon.AddHours(1));
        FundingSchedule.NextAfter(Noon.AddMinutes(59)).ShouldBe(Noon.AddHours(1));
        FundingSchedule.NextAfter(new DateTimeOffset(2026, 11, 21, 14, 30, 0, TimeSpan.FromHours(2))).ShouldBe(Noon.AddHours(1));
    }

    [Fact]
    public void Each_settlement_between_two_instants_is_counted_once()
    {
        FundingSchedule.DueBetween(Noon, Noon).ShouldBe(0);
        FundingSchedule.DueBetween(Noon, Noon.AddMinutes(59)).ShouldBe(0);
        FundingSchedule.DueBetween(Noon, Noon.AddHours(1)).ShouldBe(1);
        FundingSchedule.DueBetween(Noon.AddMinutes(30), Noon.AddHours(3).AddMinutes(1)).ShouldBe(3);
        FundingSchedule.DueBetween(Noon.AddHours(2), Noon).ShouldBe(0);
    }
}
