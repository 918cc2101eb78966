using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Hyperliquid.Common;
using PerpStudio.Venues.Hyperliquid.WebSocket;

namespace PerpStudio.Venues.Hyperliquid.Tests.WebSocket;

public sealed class TradesChannelTests
{
    // the trades channel as Hyperliquid's websocket documentation shows it (no recorded capture of this channel is in the shared fixtures)
    private const string Payload = """
        {"channel":"trades","data":[
          {"coin":"BTC","side":"B","px":"72581.0","sz":"0.00017","time":1787259217020,
           "hash":"0x0000000000000000000000000000000000000000000000000000000000000000","tid":877707108085800,
           "users":["0x9b54264d7502f80163ea949038aad771eae67e38","0x706bb519b05b7dc01d048af9a5e29d1ef5d6d9e3"]},
          {"coin":"BTC","side":"A","px":"72580","sz":"1.5","time":1787259217021,"hash":"0x01","tid":877707108085801,"users":["0xa","0xb"]}
        ]}
        """;

    [Fact]
    public void A_trades_message_parses_into_exact_trades_with_the_taker_side()
    {
        var message = WsProtocol.Parse(Payload).ShouldBeOfType<WsTrades>();

        message.Trades.Count.ShouldBe(2);
        var first = message.Trades[0];
        first.Coin.ShouldBe("BTC");
        first.TakerSide.ShouldBe(Side.Buy);
        first.Price.ShouldBe(Price.Of(72581m));
        first.Size.ShouldBe(Quantity.Of(0.00017m));
        first.Time.ShouldBe(1787259217020);
        first.TradeId.ShouldBe(877707108085800);
        message.Trades[1].TakerSide.ShouldBe(Side.Sell);
        message.Trades[1].Size.ShouldBe(Quantity.Of(1.5m));
    }

    [Fact]
    public void A_trade_without_its_price_is_refused_naming_the_field()
    {
        var broken = """{"channel":"trades","data":[{"coin":"BTC","side":"B","sz":"1","time":1,"hash":"0x","tid":1}]}""";

        var error = Should.Throw<HyperliquidFormatException>(() => WsProtocol.Parse(broken));

        error.Message.ShouldContain("ws.trades[0]");
        error.Message.ShouldContain("px");
    }

    [Fact]
    public void A_trade_with_an_unknown_side_is_refused()
    {
        var broken = """{"channel":"trades","data":[{"coin":"BTC","side":"X","px":"1","sz":"1","time":1,"hash":"0x","tid":1}]}""";

        Should.Throw<HyperliquidFormatException>(() => WsProtocol.Parse(broken)).Message.ShouldContain("side");
    }
}
