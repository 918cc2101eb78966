using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Orders;

/// <summary>
/// Checks an order before any margin is looked at: fields present and well formed, market listed, prices on tick,
/// size on lot, minimum value, triggers on the right side of the mark, reduce-only, margin mode and leverage.
/// Returns the first refusal with its field and code; allocation-free when the order is accepted.
/// </summary>
public static class OrderValidator
{
    /// <summary>The largest order or position value accepted, 1e12 USD: far above any real order, and far enough below
    /// the 64-bit money range (about 9.2e12 USD) that no margin figure can overflow.</summary>
    public static readonly Money MaxNotional = new(1_000_000_000_000L * Money.Scale);

    private static readonly System.Buffers.SearchValues<char> ClientOrderIdCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:");

    /// <summary>Validates an order.</summary>
    public static Result<ValidatedOrder> Validate(in OrderValidationParameters parameters) =>
        TryValidate(parameters, out var order) is { } error ? error : order;

    /// <summary>Validates an order without copying the result through a wrapper: null when valid, else the refusal.</summary>
    public static DomainError? TryValidate(in OrderValidationParameters parameters, out ValidatedOrder validated)
    {
        validated = default;
        var order = parameters.Order;
        if (order is null)
        {
            return Refusals.Required("order");
        }

        if (!IsValidClientOrderId(order.ClientOrderId.Value))
        {
            return new DomainError(ErrorKind.InvalidArgument, "client_order_id_invalid", "client_order_id",
                $"client order id must be 1..{ClientOrderId.MaxLength} letters, digits, '-', '_' or ':'");
        }

        if (string.IsNullOrEmpty(order.Market.Symbol))
        {
            return Refusals.Required("market");
        }

        if (parameters.Catalog is null)
        {
            return Refusals.Required("catalog");
        }

        if (parameters.Policy is null)
        {
            return Refusals.Required("policy");
        }

        if (!parameters.Catalog.TryFind(order.Market, out var market))
        {
            return Refusals.UnknownMarket(order.Market.Symbol);
        }

        if (EnumError(order) is { } enumError)
        {
            return enumError;
        }

        if (!order.Size.IsPositive)
        {
            return Refusals.NotPositive("size", order.Size.ToString());
        }

        if (!market.IsOnLot(order.Size))
        {
            return Refusals.SizeOffLot(order.Size.ToString(), market.LotSize.ToString());
        }

        if (PriceError(order, market) is { } priceError)
        {
            return priceError;
        }

        var mark = parameters.Mark;
        if (!mark.IsPositive)
        {
            return Refusals.MarkNotPositive(mark.ToString());
        }

        if (TriggerError(order, market, mark) is { } triggerError)
        {
            return triggerError;
        }

        if (!parameters.Policy.Offers(order.MarginMode))
        {
            return Refusals.MarginModeNotOffered(order.MarginMode.ToString());
        }

        if (order.MarginMode == MarginMode.Cross && market.Spec.IsolatedOnly)
        {
            return Refusals.MarketIsolatedOnly(market.Id.Symbol);
        }

        var current = parameters.Current.Size;
        var signed = order.Side.Signed(order.Size);
        var resultingUnits = (Int128)current.Units + signed.Units;
        if (resultingUnits > long.MaxValue || resultingUnits < -long.MaxValue)
        {
            return new DomainError(ErrorKind.InvalidArgument, "size_too_large", "size", $"order or resulting position value exceeds {MaxNotional}");
        }

        var resulting = new Quantity((long)resultingUnits);
        var reducesOnly = current.Sign == -signed.Sign && order.Size <= current.Abs();
        if (order.ReduceOnly && !reducesOnly)
        {
            return Refusals.ReduceOnlyWouldIncrease(current.IsZero
                ? "a reduce-only order needs a position to reduce, and there is none"
                : $"a reduce-only {order.Side} of {order.Size} would increase or flip the position of {current}");
        }

        var executionPrice = order.LimitPrice ?? mark;
        var maxNotional = Exact.Of(MaxNotional);
        if (Exact.Notional(order.Size, Price.Max(executionPrice, mark)) > maxNotional || Exact.Notional(resulting, mark) > maxNotional)
        {
            return new DomainError(ErrorKind.InvalidArgument, "size_too_large", "size", $"order or resulting position value exceeds {MaxNotional}");
        }

        // reduce-only orders may close a remainder smaller than the minimum
        if (!order.ReduceOnly && !market.MeetsMinNotional(order.Size, executionPrice))
        {
            return Refusals.BelowMinNotional(Notional.Of(order.Size, executionPrice, Rounding.Floor).ToString(), market.Spec.MinNotional.ToString());
        }

        var resultingNotional = Exact.Notional(resulting, mark);
        var maxLeverage = parameters.Policy.MaxLeverageFor(market, resultingNotional);
        if (order.Leverage < 1 || order.Leverage > maxLeverage)
        {
            return Refusals.LeverageOutOfRange(order.Leverage, maxLeverage);
        }

        validated = new ValidatedOrder(order, market, executionPrice, mark, parameters.Current, resulting, resultingNotional, reducesOnly, maxLeverage);
        return null;
    }

    // the same rule as ClientOrderId.IsValid, vectorised: this runs on every order
    private static bool IsValidClientOrderId(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= ClientOrderId.MaxLength && !value.AsSpan().ContainsAnyExcept(ClientOrderIdCharacters);

    private static DomainError? EnumError(OrderRequest order)
    {
        if (order.Side is not (Side.Buy or Side.Sell))
        {
            return Refusals.Unrecognised("side", order.Side.ToString());
        }

        if ((uint)order.Type > (uint)OrderType.Limit)
        {
            return Refusals.Unrecognised("type", order.Type.ToString());
        }

        if ((uint)order.TimeInForce > (uint)TimeInForce.PostOnly)
        {
            return Refusals.Unrecognised("time_in_force", order.TimeInForce.ToString());
        }

        if ((uint)order.Trigger > (uint)TriggerKind.StopLoss)
        {
            return Refusals.Unrecognised("trigger", order.Trigger.ToString());
        }

        return (uint)order.MarginMode <= (uint)MarginMode.Isolated ? null : Refusals.Unrecognised("margin_mode", order.MarginMode.ToString());
    }

    private static DomainError? PriceError(OrderRequest order, MarketRules market)
    {
        if (order.Type == OrderType.Limit && order.LimitPrice is null)
        {
            return Refusals.LimitPriceRequired();
        }

        if (order.Type == OrderType.Market && order.TimeInForce == TimeInForce.PostOnly)
        {
            return Refusals.PostOnlyNeedsLimit();
        }

        if (order.LimitPrice is { } price)
        {
            if (!price.IsPositive)
            {
                return Refusals.NotPositive("price", price.ToString());
            }

            if (!market.IsOnTick(price))
            {
                return Refusals.PriceOffTick("price", price.ToString(), market.TickSize.ToString());
            }
        }

        return null;
    }

    private static DomainError? TriggerError(OrderRequest order, MarketRules market, Price mark)
    {
        if (order.Trigger == TriggerKind.None)
        {
            return order.TriggerPrice is null ? null : new DomainError(ErrorKind.InvalidArgument, "trigger_price_without_trigger", "trigger_price",
                "a trigger price was given for an order without a take-profit or stop-loss trigger");
        }

        if (order.TriggerPrice is not { } trigger)
        {
            return Refusals.TriggerPriceRequired();
        }

        if (!trigger.IsPositive)
        {
            return Refusals.NotPositive("trigger_price", trigger.ToString());
        }

        if (!market.IsOnTick(trigger))
        {
            return Refusals.PriceOffTick("trigger_price", trigger.ToString(), market.TickSize.ToString());
        }

        // a sell closes a long: its take-profit fires above the mark, its stop-loss below; a buy mirrors that
        var mustBeAbove = (order.Side == Side.Sell) == (order.Trigger == TriggerKind.TakeProfit);
        if (mustBeAbove ? trigger <= mark : trigger >= mark)
        {
            var kind = order.Trigger == TriggerKind.TakeProfit ? "take-profit" : "stop-loss";
            return Refusals.TriggerWrongSide(kind, order.Side.ToString().ToLowerInvariant(), trigger.ToString(), mark.ToString(), mustBeAbove ? "above" : "below");
        }

        return null;
    }
}
