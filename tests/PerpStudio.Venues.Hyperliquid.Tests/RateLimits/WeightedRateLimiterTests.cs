using PerpStudio.Testing;
using PerpStudio.Venues.Conformance;
using PerpStudio.Venues.Hyperliquid.Http;
using PerpStudio.Venues.Hyperliquid.RateLimits;

namespace PerpStudio.Venues.Hyperliquid.Tests.RateLimits;

public sealed class WeightedRateLimiterTests
{
    [Fact]
    public void Weights_follow_the_documented_table()
    {
        RequestWeights.Exchange(1).ShouldBe(1);
        RequestWeights.Exchange(79).ShouldBe(2);
        RequestWeights.Exchange(80).ShouldBe(3);
        RequestWeights.Info("l2Book").ShouldBe(2);
        RequestWeights.Info("userRole").ShouldBe(60);
        RequestWeights.Info("meta").ShouldBe(20);
        RequestWeights.InfoItems("userFills", 500).ShouldBe(25);
        RequestWeights.InfoItems("candleSnapshot", 500).ShouldBe(8);
        RequestWeights.InfoItems("l2Book", 500).ShouldBe(0);
    }

    [Fact]
    public async Task A_request_that_would_exceed_the_budget_waits_until_weight_leaves_the_window()
    {
        var clock = new ManualTimeProvider();
        var limiter = new WeightedRateLimiter(100, TimeSpan.FromMinutes(1), clock, maxWait: TimeSpan.FromMinutes(2));
        await limiter.AcquireAsync(60, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(30));
        await limiter.AcquireAsync(40, CancellationToken.None);

        var waiting = limiter.AcquireAsync(20, CancellationToken.None).AsTask();
        waiting.IsCompleted.ShouldBeFalse();
        limiter.Spent.ShouldBe(100);

        clock.Advance(TimeSpan.FromSeconds(31));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        limiter.Spent.ShouldBe(60);
    }

    [Fact]
    public async Task A_caller_that_cannot_wait_long_enough_gets_a_precise_error_and_spends_nothing()
    {
        var clock = new ManualTimeProvider();
        var limiter = new WeightedRateLimiter(1200, TimeSpan.FromMinutes(1), clock, maxWait: TimeSpan.FromSeconds(5));
        await limiter.AcquireAsync(1200, CancellationToken.None);

        var error = await Should.ThrowAsync<RateLimitExceededException>(() => limiter.AcquireAsync(1, CancellationToken.None).AsTask());

        error.RetryAfter.ShouldBeGreaterThan(TimeSpan.FromSeconds(59));
        error.Message.ShouldContain("1200 of 1200");
        limiter.Spent.ShouldBe(1200);
        await Should.ThrowAsync<RateLimitExceededException>(() => limiter.AcquireAsync(1201, CancellationToken.None).AsTask());
    }

    [Fact]
    public void Items_returned_are_charged_after_the_fact()
    {
        var limiter = new WeightedRateLimiter(1200, TimeSpan.FromMinutes(1), new ManualTimeProvider(), TimeSpan.Zero);
        limiter.Charge(RequestWeights.InfoItems("userFillsByTime", 2000));
        limiter.Spent.ShouldBe(100);
    }

    [Fact]
    public void A_used_up_address_budget_admits_one_action_every_ten_seconds()
    {
        var clock = new ManualTimeProvider();
        var budget = new AddressRequestBudget(clock);
        budget.Update(new UserRateLimit(Domain.Primitives.Money.Zero, RequestsUsed: 10_001, RequestsCap: 10_000));

        budget.TryConsume(out _).ShouldBeTrue();
        budget.TryConsume(out var retry).ShouldBeFalse();
        retry.ShouldBe(TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromSeconds(10));
        budget.TryConsume(out _).ShouldBeTrue();
    }
}
