using System.Text.Json.Nodes;
using PerpStudio.Domain.Primitives;
using PerpStudio.Ethereum;
using PerpStudio.Venues.Hyperliquid.Common;
using PerpStudio.Venues.Hyperliquid.Http;

namespace PerpStudio.Venues.Hyperliquid.Tests.Fake;

/// <summary>The fake's matching engine: price-time priority per asset, fills at the resting price, exact fees and positions.</summary>
public sealed partial class FakeExchange
{
    private static readonly Rate TakerFee = Rate.Of(0.00045m);
    private static readonly Rate MakerFee = Rate.Of(0.00015m);

    /// <summary>Places an order; returns its status entry for the response.</summary>
    private JsonNode PlaceLocked(FakeAccount account, FakeAsset asset, JsonObject wire, string hash, List<Action> pushes)
    {
        var isBuy = wire["b"]!.GetValue<bool>();
        var price = Price.Parse(wire["p"]!.GetValue<string>());
        var size = Quantity.Parse(wire["s"]!.GetValue<string>());
        var reduceOnly = wire["r"]!.GetValue<bool>();
        var cloid = wire["c"]?.GetValue<string>();
        var type = wire["t"]!.AsObject();
        var now = Now;
        if (!HyperliquidPriceRules.IsValidPrice(price, asset.SzDecimals))
        {
            return Error($"Price must be divisible by tick size. asset={asset.Index}");
        }

        if (size.Units % HyperliquidPriceRules.LotSize(asset.SzDecimals).Units != 0 || !size.IsPositive)
        {
            return Error($"Order has invalid size. asset={asset.Index}");
        }

        if (!reduceOnly && Notional.Of(size, price, Rounding.Floor) < HyperliquidPriceRules.MinOrderValue)
        {
            return Error($"Order must have minimum value of $10. asset={asset.Index}");
        }

        if (cloid is not null && _orders.Values.Any(o => o.Account == account.Address && o.Cloid == cloid))
        {
            return Error("Duplicate cloid");
        }

        var order = new FakeOrder
        {
            Oid = ++_nextOid,
            Account = account.Address,
            Asset = asset,
            IsBuy = isBuy,
            LimitPrice = price,
            Remaining = size,
            OriginalSize = size,
            ReduceOnly = reduceOnly,
            Tif = type["limit"]?["tif"]?.GetValue<string>(),
            Cloid = cloid,
            TriggerPrice = type["trigger"]?["triggerPx"] is { } t ? Price.Parse(t.GetValue<string>()) : null,
            IsMarketTrigger = type["trigger"]?["isMarket"]?.GetValue<bool>() ?? false,
            Tpsl = type["trigger"]?["tpsl"]?.GetValue<string>(),
            Timestamp = now,
            StatusTimestamp = now,
        };
        _orders[order.Oid] = order;
        if (order.IsTrigger)
        {
            pushes.Add(OrderUpdatePush(order));
            return Resting(order);
        }

        if (reduceOnly)
        {
            var position = account.PositionIn(asset.Coin).Size;
            if (position.IsZero || (position.IsPositive == isBuy))
            {
                return Finish(order, "reduceOnlyRejected", pushes, Error($"Reduce only order would increase position. asset={asset.Index}"));
            }

            if (order.Remaining > position.Abs())
            {
                order.Remaining = position.Abs();
            }
        }

        var opposite = Book(asset, !isBuy);
        if (order.Tif == "Alo" && opposite.Count > 0 && Crosses(order, opposite[0].LimitPrice))
        {
            return Finish(order, "badAloPxRejected", pushes, Error($"Post only order would have immediately matched, bbo was {opposite[0].LimitPrice}. asset={asset.Index}"));
        }

        var filled = Quantity.Zero;
        Int128 filledCost = 0;
        while (order.Remaining.IsPositive && opposite.Count > 0 && Crosses(order, opposite[0].LimitPrice))
        {
            var maker = opposite[0];
            var qty = Quantity.Min(order.Remaining, maker.Remaining);
            Trade(account, order, maker, qty, hash, pushes);
            filled += qty;
            filledCost += (Int128)qty.Units * maker.LimitPrice.Units;
            if (maker.Remaining.IsZero)
            {
                opposite.RemoveAt(0);
            }
        }

        if (order.Remaining.IsZero)
        {
            return Finish(order, "filled", pushes, FilledStatus(order, filled, filledCost));
        }

        if (order.Tif == "Ioc")
        {
            return filled.IsZero
                ? Finish(order, "iocCancelRejected", pushes, Error($"Order could not immediately match against any resting orders. asset={asset.Index}"))
                : Finish(order, "canceled", pushes, FilledStatus(order, filled, filledCost));
        }

        Insert(order);
        pushes.Add(OrderUpdatePush(order));
        return Resting(order);
    }

    private JsonNode Finish(FakeOrder order, string status, List<Action> pushes, JsonNode answer)
    {
        order.Status = status;
        order.StatusTimestamp = Now;
        pushes.Add(OrderUpdatePush(order));
        return answer;
    }

    private static JsonNode FilledStatus(FakeOrder order, Quantity filled, Int128 cost)
    {
        var filledJson = new JsonObject
        {
            ["totalSz"] = ExchangeActions.Number(filled),
            ["avgPx"] = ExchangeActions.Number(new Price((long)(cost / filled.Units))),
            ["oid"] = order.Oid,
        };
        if (order.Cloid is not null)
        {
            filledJson["cloid"] = order.Cloid;
        }

        return new JsonObject { ["filled"] = filledJson };
    }

    private static JsonNode Resting(FakeOrder order)
    {
        var resting = new JsonObject { ["oid"] = order.Oid };
        if (order.Cloid is not null)
        {
            resting["cloid"] = order.Cloid;
        }

        return new JsonObject { ["resting"] = resting };
    }

    private static JsonNode Error(string message) => new JsonObject { ["error"] = message };

    private static bool Crosses(FakeOrder taker, Price resting) => taker.IsBuy ? resting <= taker.LimitPrice : resting >= taker.LimitPrice;

    private void Trade(FakeAccount taker, FakeOrder takerOrder, FakeOrder makerOrder, Quantity qty, string hash, List<Action> pushes)
    {
        var price = makerOrder.LimitPrice;
        makerOrder.Remaining -= qty;
        takerOrder.Remaining -= qty;
        var maker = _accounts[makerOrder.Account];
        var takerFill = Apply(taker, takerOrder, price, qty, crossed: true, hash);
        pushes.Add(FillPush(takerFill));
        pushes.Add(FillPush(Apply(maker, makerOrder, price, qty, crossed: false, hash)));
        pushes.Add(TradePush(takerOrder, makerOrder, price, qty, hash, takerFill.Item2));
        if (makerOrder.Remaining.IsZero)
        {
            makerOrder.Status = "filled";
            makerOrder.StatusTimestamp = Now;
        }

        pushes.Add(OrderUpdatePush(makerOrder));
    }

    private (EthereumAddress, JsonObject) Apply(FakeAccount account, FakeOrder order, Price price, Quantity qty, bool crossed, string hash)
    {
        var position = account.PositionIn(order.Asset.Coin);
        var start = position.Size;
        var signed = order.IsBuy ? qty : -qty;
        var notional = Notional.Of(qty, price, Rounding.HalfEven);
        var fee = notional.Times(crossed ? TakerFee : MakerFee, Rounding.Ceiling);
        var closedPnl = Money.Zero;
        if (start.IsZero || start.IsPositive == order.IsBuy)
        {
            position.Cost += (Int128)qty.Units * price.Units;
        }
        else
        {
            var closing = Quantity.Min(qty, start.Abs());
            var entry = position.EntryPrice!.Value;
            var pnlUnits = (Int128)closing.Units * (price.Units - entry.Units) * (start.IsPositive ? 1 : -1);
            closedPnl = new Money(FixedPointDivide(pnlUnits));
            position.Cost -= (Int128)closing.Units * entry.Units;
            var opening = qty - closing;
            if (opening.IsPositive)
            {
                position.Cost = (Int128)opening.Units * price.Units;
            }
        }

        position.Size = start + signed;
        if (position.Size.IsZero)
        {
            position.Cost = 0;
        }

        account.Collateral = account.Collateral + closedPnl - fee;
        var fill = new JsonObject
        {
            ["coin"] = order.Asset.Coin,
            ["px"] = ExchangeActions.Number(price),
            ["sz"] = ExchangeActions.Number(qty),
            ["side"] = order.IsBuy ? "B" : "A",
            ["time"] = Now,
            ["startPosition"] = ExchangeActions.Number(start),
            ["dir"] = (order.IsBuy ? "Open Long" : "Open Short"),
            ["closedPnl"] = closedPnl.ToString(),
            ["hash"] = hash,
            ["oid"] = order.Oid,
            ["crossed"] = crossed,
            ["fee"] = fee.ToString(),
            ["tid"] = ++_nextTid,
            ["feeToken"] = "USDC",
        };
        if (order.Cloid is not null)
        {
            fill["cloid"] = order.Cloid;
        }

        account.Fills.Add(fill);
        return (account.Address, fill);
    }

    private static long FixedPointDivide(Int128 priceTimesQuantityUnits) =>
        FixedPoint.Divide(priceTimesQuantityUnits, FixedPoint.NotionalDivisor, Rounding.HalfEven);

    private List<FakeOrder> Book(FakeAsset asset, bool bids)
    {
        var key = (asset.Coin, bids);
        if (!_books.TryGetValue(key, out var list))
        {
            list = [];
            _books[key] = list;
        }

        return list;
    }

    private void Insert(FakeOrder order)
    {
        var side = Book(order.Asset, order.IsBuy);
        var index = side.FindIndex(o => order.IsBuy ? o.LimitPrice < order.LimitPrice : o.LimitPrice > order.LimitPrice);
        side.Insert(index < 0 ? side.Count : index, order);
    }

    private void RemoveFromBook(FakeOrder order) => Book(order.Asset, order.IsBuy).Remove(order);
}
