using FsCheck;
using FsCheck.Fluent;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using static PerpStudio.Domain.Tests.TestMarkets;

namespace PerpStudio.Domain.Tests;

/// <summary>Random inputs on tick and lot for the property tests.</summary>
internal static class Generators
{
    /// <summary>A BTC price between 1,000 and 200,000 on the 0.01 tick.</summary>
    public static Gen<Price> BtcPrice => Gen.Choose(100_000, 20_000_000).Select(cents => new Price(cents * 1_000_000L));

    /// <summary>A BTC size between 0.0001 and 5 on the lot.</summary>
    public static Gen<Quantity> BtcSize => Gen.Choose(1, 50_000).Select(lots => new Quantity(lots * 10_000L));

    /// <summary>A side.</summary>
    public static Gen<Side> Side => Gen.Elements(Domain.Primitives.Side.Buy, Domain.Primitives.Side.Sell);

    /// <summary>An isolated BTC position opened at initial margin with some extra margin, at leverage 1..40.</summary>
    public static Gen<IsolatedPosition> IsolatedBtc(MarketRules market) =>
        from side in Side
        from size in BtcSize
        from entry in BtcPrice
        from leverage in Gen.Choose(1, 40)
        from extra in Gen.Choose(0, 1_000_000)
        select Isolated(market, side, size, entry, leverage, new Money(extra * 1000L));

    /// <summary>An isolated position at initial margin plus extra.</summary>
    public static IsolatedPosition Isolated(MarketRules market, Side side, Quantity size, Price entry, int leverage, Money extra)
    {
        var position = Position.Open(side, size, entry);
        var margin = MarginModel.InitialMarginOf(Exact.Notional(position.Size, entry), leverage) + extra;
        return new IsolatedPosition(market.Id, position, margin, leverage);
    }

    /// <summary>A fill: side, size and price on BTC's tick and lot.</summary>
    public static Gen<(Side Side, Quantity Size, Price Price)> BtcFill =>
        from side in Side
        from size in BtcSize
        from price in BtcPrice
        select (side, size, price);

    /// <summary>Tolerance in money units for equity vs maintenance at a solved price: one unit each for the floored PnL and
    /// the rounded-up maintenance, plus what one price unit (1e-8) moves the position's value and maintenance by.</summary>
    public static long LiquidationTolerance(Quantity size) => 2 + ((Math.Abs(size.Units) * 2 / Exact.SubUnitsPerMoney) + 1);

    /// <summary>Markets used when a test needs several.</summary>
    public static MarketRules[] CrossMarkets => [Btc, Eth, BtcTestnet];
}
