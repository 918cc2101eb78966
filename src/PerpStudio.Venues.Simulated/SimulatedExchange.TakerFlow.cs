using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Simulated;

/// <summary>The background takers: a house account sending small market orders on every step.</summary>
public sealed partial class SimulatedExchange
{
    private readonly VenueAccount _flowTaker;

    /// <summary>Sends this step's background market orders into one market (under the lock, after the requote).</summary>
    private void TradeTakerFlow(MarketState market)
    {
        var flow = Options.TakerFlow;
        if (!flow.Active)
        {
            return;
        }

        var lot = market.Spec.LotSize.Units;
        var maxLots = Math.Max(1L, (long)(market.Options.LevelSize.Units * flow.MaxLevelFraction) / lot);
        var orders = _flowDice.Next(flow.MaxTradesPerStep + 1);
        for (var i = 0; i < orders; i++)
        {
            // the dice are drawn in a fixed order (side, then size), so a seed always gives the same flow
            var side = _flowDice.Next(2) == 0 ? Side.Buy : Side.Sell;
            var size = new Quantity(_flowDice.NextInt64(1, maxLots + 1) * lot);
            var request = new OrderRequest(
                new ClientOrderId("flow"), market.Id, side, OrderType.Market, size, null,
                TimeInForce.Ioc, ReduceOnly: false, MarginMode.Cross, Leverage: 1);
            Execute(new OrderRecord(_nextOrderId++, _flowTaker, market, request, _time.GetUtcNow()));
        }
    }
}
