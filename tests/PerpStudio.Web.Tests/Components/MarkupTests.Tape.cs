using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PerpStudio.Api.MarketData;
using PerpStudio.Api.Operators;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Leaderboard;
using PerpStudio.Web.Components;
using PerpStudio.Web.Models;

namespace PerpStudio.Web.Tests.Components;

/// <summary>The chart's intervals, the trades panel and the leaderboard page.</summary>
public sealed partial class MarkupTests
{
    [Fact]
    public async Task The_chart_offers_1m_5m_and_1h_and_marks_the_one_shown()
    {
        var listing = Listing("BTC-USD", MarginMode.Cross);
        var market = new MarketModel(listing, null, [], [Bar(0, "100", "101")], FeatureFlags.Default, CandleIntervals.Parse("5m"));

        var html = await Html.RenderAsync<ChartPanel>(market);

        Regex.Matches(html, "data-testid=\"candle-interval\"").Count.ShouldBe(3);
        html.ShouldContain("href=\"/?market=BTC-USD&amp;interval=1h\"");
        Regex.IsMatch(html, "interval=5m\"[^>]*aria-current=\"true\"").ShouldBeTrue();
        Regex.IsMatch(html, "interval=1m\"[^>]*aria-current").ShouldBeFalse();
        html.ShouldContain("BTC-USD · 5m candles");
        html.ShouldContain("aria-label=\"Price chart of BTC-USD, 1 5m candles\"");
    }

    [Fact]
    public async Task An_empty_chart_and_trades_panel_say_what_will_appear()
    {
        var market = new MarketModel(Listing("ETH-USD", MarginMode.Cross), null, [], [], FeatureFlags.Default, CandleIntervals.Parse("1h"));

        var chart = await Html.RenderAsync<ChartPanel>(market);
        var trades = await Html.RenderAsync<TradesPanel>(market);

        chart.ShouldNotContain("<svg");
        chart.ShouldContain("No trades in ETH-USD over the last 60 hours: candles appear with the next trade.");
        trades.ShouldContain("No trades in ETH-USD yet");
    }

    [Fact]
    public void An_unknown_interval_falls_back_to_one_minute()
    {
        CandleIntervals.Parse("3m").ShouldBe(CandleIntervals.OneMinute);
        CandleIntervals.Parse(null).Length.ShouldBe(TimeSpan.FromMinutes(1));
        CandleIntervals.Parse("1h").Length.ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Trades_are_listed_newest_first_coloured_by_the_taker()
    {
        var btc = new MarketId("BTC-USD");
        var t0 = DateTimeOffset.UnixEpoch.AddHours(1);
        var market = new MarketModel(Listing("BTC-USD", MarginMode.Cross), null,
            [new MarketTrade(btc, Price.Parse("100001"), Quantity.Parse("0.02"), Side.Buy, t0.AddSeconds(1), "sim-a"),
             new MarketTrade(btc, Price.Parse("99999"), Quantity.Parse("0.5"), Side.Sell, t0, "sim-b")], [], FeatureFlags.Default);

        var html = await Html.RenderAsync<TradesPanel>(market);

        Regex.Matches(html, "data-testid=\"trade\"").Count.ShouldBe(2);
        html.IndexOf("100001", StringComparison.Ordinal).ShouldBeLessThan(html.IndexOf("99999", StringComparison.Ordinal));
        html.ShouldContain("class=\"bid\" data-testid=\"trade\"");
        html.ShouldContain("class=\"ask\" data-testid=\"trade\"");
    }

    [Fact]
    public async Task The_trading_page_links_the_leaderboard_only_when_the_operator_shows_it()
    {
        var on = await Html.RenderAsync<TradePage>(Page(Site(features: FeatureFlags.Default with { Leaderboard = true }), [Listing("BTC-USD", MarginMode.Cross)]));
        var off = await Html.RenderAsync<TradePage>(Page(Site(features: FeatureFlags.Default with { Leaderboard = false }), [Listing("BTC-USD", MarginMode.Cross)]));

        on.ShouldContain("data-testid=\"leaderboard-link\"");
        off.ShouldNotContain("leaderboard");
    }

    [Fact]
    public async Task The_leaderboard_shortens_addresses_keeps_them_whole_in_the_title_and_marks_the_trader()
    {
        const string me = "0x00000000000000000000000000000000000000aa";
        const string other = "0x1234567890abcdef1234567890abcdef12345678";
        var standings = new LeaderboardStandings(LeaderboardWindow.Week, LeaderboardRanking.Volume,
            [new LeaderboardRow(1, other, Money.Of(-12.5m), Money.Of(50_000m), 7), new LeaderboardRow(2, me, Money.Of(3m), Money.Of(1_000m), 2)], 2);
        var model = new LeaderboardModel(Site(features: FeatureFlags.Default with { Leaderboard = true }), "0x00000000000000000000000000000000000000Aa",
            LeaderboardWindow.Week, LeaderboardRanking.Volume, standings);

        var html = await Html.RenderAsync<LeaderboardPage>(model);

        html.ShouldContain($"<abbr title=\"{other}\">0x1234&#x2026;5678</abbr>");
        html.ShouldContain("0x0000&#x2026;00aa</abbr> (you)");
        Regex.Matches(html, "data-testid=\"leaderboard-row\"").Count.ShouldBe(2);
        html.ShouldContain("class=\"down\" data-testid=\"leaderboard-pnl\">-12.5<");
        Regex.IsMatch(html, "window=7d&amp;rank=volume\"[^>]*aria-current=\"true\"").ShouldBeTrue();
        html.ShouldContain("Traders ranked by volume, last 7 days");
    }

    [Fact]
    public async Task A_visitor_is_asked_to_sign_in_and_an_empty_period_says_so()
    {
        var site = Site(features: FeatureFlags.Default with { Leaderboard = true });
        var visitor = await Html.RenderAsync<LeaderboardPage>(new LeaderboardModel(site, null, LeaderboardWindow.Day, LeaderboardRanking.RealizedPnl, null));
        var empty = await Html.RenderAsync<LeaderboardPage>(new LeaderboardModel(site, "0x00000000000000000000000000000000000000Aa", LeaderboardWindow.Day,
            LeaderboardRanking.RealizedPnl, new LeaderboardStandings(LeaderboardWindow.Day, LeaderboardRanking.RealizedPnl, ImmutableArray<LeaderboardRow>.Empty, 0)));

        visitor.ShouldContain("data-testid=\"leaderboard-sign-in\"");
        visitor.ShouldNotContain("leaderboard-row");
        empty.ShouldContain("data-testid=\"leaderboard-empty\"");
    }

    [Fact]
    public void Leaderboard_links_parse_to_the_period_and_order_with_defaults_for_anything_else()
    {
        LeaderboardModel.WindowOf("7d").ShouldBe(LeaderboardWindow.Week);
        LeaderboardModel.WindowOf("all").ShouldBe(LeaderboardWindow.AllTime);
        LeaderboardModel.WindowOf("1y").ShouldBe(LeaderboardWindow.Day);
        LeaderboardModel.RankingOf("volume").ShouldBe(LeaderboardRanking.Volume);
        LeaderboardModel.RankingOf(null).ShouldBe(LeaderboardRanking.RealizedPnl);
        LeaderboardModel.Shorten("0xabc").ShouldBe("0xabc");
    }

    private static CandleBar Bar(int minute, string open, string close) =>
        new(DateTimeOffset.UnixEpoch.AddMinutes(minute), Price.Parse(open), Price.Parse(open) > Price.Parse(close) ? Price.Parse(open) : Price.Parse(close),
            Price.Parse(open) < Price.Parse(close) ? Price.Parse(open) : Price.Parse(close), Price.Parse(close), Quantity.Parse("1"), 1);
}
