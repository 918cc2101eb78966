using PerpStudio.Grpc.Protocol;

namespace PerpStudio.Grpc.Tests.Protocol;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("2H", 2L * 3600 * 10_000_000)]
    [InlineData("3M", 3L * 60 * 10_000_000)]
    [InlineData("5S", 5L * 10_000_000)]
    [InlineData("200m", 200L * 10_000)]
    [InlineData("1500u", 1500L * 10)]
    [InlineData("250n", 3L)]
    [InlineData("0m", 0L)]
    [InlineData("99999999H", 99_999_999L * 36_000_000_000)]
    public void Every_unit_parses_to_its_duration(string header, long ticks)
    {
        GrpcTimeout.TryParse(header, out var timeout, out var error).ShouldBeTrue(error);
        timeout.Ticks.ShouldBe(ticks);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("5", "needs digits followed by a unit")]
    [InlineData("5s", "unknown unit 's'")]
    [InlineData("123456789m", "more than 8 digits")]
    [InlineData("1e3m", "non-digit")]
    [InlineData("+5S", "non-digit")]
    public void A_malformed_value_is_refused_with_the_reason(string header, string reason)
    {
        GrpcTimeout.TryParse(header, out _, out var error).ShouldBeFalse();
        error.ShouldContain(reason);
    }

    [Theory]
    [InlineData(200, "200m")]
    [InlineData(0.0001, "1m")]
    [InlineData(99_999_999, "99999999m")]
    [InlineData(100_000_000, "100000S")]
    public void Formatting_picks_the_finest_unit_that_fits_and_rounds_up(double milliseconds, string expected) =>
        GrpcTimeout.Format(TimeSpan.FromMilliseconds(milliseconds)).ShouldBe(expected);

    [Fact]
    public void A_formatted_timeout_parses_back_to_at_least_the_original()
    {
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var original = TimeSpan.FromTicks(random.NextInt64(1, TimeSpan.TicksPerDay * 400));
            GrpcTimeout.TryParse(GrpcTimeout.Format(original), out var parsed, out _).ShouldBeTrue();
            parsed.ShouldBeGreaterThanOrEqualTo(original);
        }
    }
}
