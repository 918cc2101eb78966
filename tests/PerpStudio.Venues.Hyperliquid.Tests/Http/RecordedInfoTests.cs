using System.Text.Json;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Testing;
using PerpStudio.Venues.Hyperliquid.Common;
using PerpStudio.Venues.Hyperliquid.Execution;
using PerpStudio.Venues.Hyperliquid.Http;

namespace PerpStudio.Venues.Hyperliquid.Tests.Http;

public sealed class RecordedInfoTests
{
    private static JsonElement Response(string file) =>
        JsonDocument.Parse(File.ReadAllText(RepoRoot.Shared("fixtures", "hyperliquid", file))).RootElement.GetProperty("response").Clone();

    [Fact]
    public void Every_recorded_payload_has_a_parser_and_parses()
    {
        var files = Directory.GetFiles(RepoRoot.Shared("fixtures", "hyperliquid"), "info-*.json").Select(Path.GetFileName).ToList();
        files.Count.ShouldBeGreaterThanOrEqualTo(12);
        foreach (var file in files)
        {
            var count = Parse(file!, Response(file!));
            count.ShouldBeGreaterThan(0, file);
        }
    }

    [Fact]
    public void Meta_becomes_markets_with_hyperliquid_ticks_lots_and_flat_tiers()
    {
        var meta = InfoParsing.Meta(Response("info-meta.json"));
        var mids = InfoParsing.AllMids(Response("info-allMids.json"));

        var markets = HyperliquidMarkets.From(meta, mids);

        markets.TryGet(new MarketId("BTC-USD"), out var btc).ShouldBeTrue();
        btc.Asset.ShouldBe(0);
        btc.Spec.LotSize.ShouldBe(Quantity.Of(0.00001m));
        btc.Spec.TickSize.ShouldBe(Price.Of(1m)); // 30135: five significant figures leave whole dollars
        btc.Spec.MarginTiers.ShouldBe([new MarginTier(Money.Zero, 50)]);
        markets.TryGet(new MarketId("ETH-USD"), out var eth).ShouldBeTrue();
        eth.Spec.TickSize.ShouldBe(Price.Of(0.1m)); // 1903.95 -> 1903.9 has five figures
        markets.TryGet(new MarketId("KPEPE-USD"), out var pepe).ShouldBeTrue();
        pepe.Coin.ShouldBe("kPEPE");
        pepe.Spec.TickSize.ShouldBe(Price.Of(0.000001m)); // six decimals at most with szDecimals 0
        pepe.Spec.LotSize.ShouldBe(Quantity.Of(1m));
        mids["kPEPE"].ShouldBe(Price.Of(0.001565m));
    }

    [Fact]
    public void Tiered_margin_tables_and_isolated_only_assets_are_read()
    {
        const string json = """
            {"universe":[{"szDecimals":5,"name":"BTC","maxLeverage":40,"marginTableId":56},
                         {"szDecimals":2,"name":"XYZ","maxLeverage":3,"marginTableId":3,"onlyIsolated":true},
                         {"szDecimals":1,"name":"OLD","maxLeverage":3,"isDelisted":true}],
             "marginTables":[[56,{"description":"tiered 40x","marginTiers":[{"lowerBound":"0.0","maxLeverage":40},{"lowerBound":"150000000.0","maxLeverage":20}]}]]}
            """;
        var meta = InfoParsing.Meta(JsonDocument.Parse(json).RootElement);

        var markets = HyperliquidMarkets.From(meta, new Dictionary<string, Price>());

        markets.All.Select(m => m.Coin).ShouldBe(["BTC", "XYZ"]);
        markets.All[0].Spec.MarginTiers.ShouldBe([new MarginTier(Money.Zero, 40), new MarginTier(Money.Of(150_000_000m), 20)]);
        markets.All[1].Spec.IsolatedOnly.ShouldBeTrue();
        markets.All[1].Spec.MarginTiers.ShouldBe([new MarginTier(Money.Zero, 3)]);
    }

    [Fact]
    public void Clearinghouse_state_is_exact()
    {
        var state = InfoParsing.ClearinghouseState(Response("info-clearinghouseState.json"));

        state.MarginSummary.AccountValue.ShouldBe(Money.Of(1182.312496m));
        state.Withdrawable.ShouldBe(Money.Of(1010.57173m));
        var btc = state.Positions.Single(p => p.Coin == "BTC");
        btc.Size.ShouldBe(Quantity.Of(-0.00785m));
        btc.EntryPrice.ShouldBe(Price.Of(26951m));
        btc.LiquidationPrice.ShouldBe(Price.Of(173198.69592357m));
        btc.IsCross.ShouldBeTrue();
        btc.Leverage.ShouldBe(20);
        state.Positions.Single(p => p.Coin == "ETH").LiquidationPrice.ShouldBeNull();
    }

    [Fact]
    public void Fills_keep_their_ids_distinct_even_without_trade_ids()
    {
        var fills = InfoParsing.UserFills(Response("info-userFills.json"));

        fills.Count.ShouldBeGreaterThan(100);
        fills.Select(f => f.FillId).Distinct().Count().ShouldBe(fills.Count);
        fills[0].Price.ShouldBe(Price.Of(1.3189m));
        fills[0].Side.ShouldBe(Side.Sell);
        fills[0].ClosedPnl.ShouldBe(Money.Of(-0.25686m));
    }

    [Fact]
    public void Float_noise_in_ledger_amounts_is_rounded_down_explicitly()
    {
        var updates = InfoParsing.LedgerUpdates(Response("info-userNonFundingLedgerUpdates.json"));
        updates[0].Usdc.ShouldBe(Money.Of(2703997.45m));
        updates[3].Usdc.ShouldBe(Money.Of(2684105.009999m));
        InfoParsing.UserRateLimit(Response("info-userRateLimit.json")).CumulativeVolume.ShouldBe(Money.Of(170043721737.450012m));
    }

    [Theory]
    [InlineData("""{"coin":"BTC","levels":[[{"px":"1e5","sz":"1","n":1}],[]]}""", "l2Book.levels[0][0].px")]
    [InlineData("""{"coin":"BTC","levels":[[{"px":"100.123456789","sz":"1","n":1}],[]]}""", "l2Book.levels[0][0].px")]
    [InlineData("""{"coin":"BTC","levels":[[{"px":"100","sz":12,"n":1}],[]]}""", "l2Book.levels[0][0].sz")]
    [InlineData("""{"coin":"BTC","levels":[[{"px":"100","sz":"NaN","n":1}],[]]}""", "l2Book.levels[0][0].sz")]
    [InlineData("""{"coin":"BTC","levels":[[{"px":"100","n":1}],[]]}""", "l2Book.levels[0][0].sz")]
    public void A_malformed_number_is_refused_with_its_path(string json, string path)
    {
        var error = Should.Throw<HyperliquidFormatException>(() => InfoParsing.L2Book(JsonDocument.Parse(json).RootElement));
        error.Message.ShouldStartWith(path);
    }

    private static int Parse(string file, JsonElement response) => file switch
    {
        "info-allMids.json" => InfoParsing.AllMids(response).Count,
        "info-candleSnapshot-1.json" => InfoParsing.Candles(response).Count,
        "info-clearinghouseState.json" => InfoParsing.ClearinghouseState(response).Positions.Count,
        "info-frontendOpenOrders.json" => InfoParsing.OpenOrders(response, "frontendOpenOrders").Sum(o => 1 + o.Children.Count),
        "info-fundingHistory-1.json" => InfoParsing.FundingHistory(response).Count,
        "info-historicalOrders.json" => InfoParsing.HistoricalOrders(response).Count,
        "info-l2Book-1.json" => InfoParsing.L2Book(response).Bids.Count + InfoParsing.L2Book(response).Asks.Count,
        "info-meta.json" => InfoParsing.Meta(response).Universe.Count,
        "info-openOrders.json" => InfoParsing.OpenOrders(response).Count,
        "info-userFills.json" => InfoParsing.UserFills(response).Count,
        "info-userNonFundingLedgerUpdates.json" => InfoParsing.LedgerUpdates(response).Count,
        "info-userRateLimit.json" => InfoParsing.UserRateLimit(response).RequestsCap > 0 ? 1 : 0,
        _ => throw new InvalidOperationException($"no parser for {file}: add one"),
    };
}
