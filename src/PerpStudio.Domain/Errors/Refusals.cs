namespace PerpStudio.Domain.Errors;

/// <summary>
/// The refusals the domain gives, one factory per stable code, so that every caller and test names the same
/// code and field. Codes are snake_case and never change once published.
/// </summary>
public static class Refusals
{
    /// <summary>A required value is missing.</summary>
    public static DomainError Required(string field) =>
        new(ErrorKind.InvalidArgument, "required", field, $"{field} is required");

    /// <summary>An amount, size or price had to be greater than zero.</summary>
    public static DomainError NotPositive(string field, string value) =>
        new(ErrorKind.InvalidArgument, $"{field}_not_positive", field, $"{field} must be greater than zero, got {value}");

    /// <summary>An amount that may be zero but not negative.</summary>
    public static DomainError Negative(string field, string value) =>
        new(ErrorKind.InvalidArgument, $"{field}_negative", field, $"{field} must not be negative, got {value}");

    /// <summary>An enum value outside its defined members.</summary>
    public static DomainError Unrecognised(string field, string value) =>
        new(ErrorKind.InvalidArgument, $"{field}_invalid", field, $"'{value}' is not a valid {field}");

    /// <summary>The market is not listed (by the catalog or the operator).</summary>
    public static DomainError UnknownMarket(string symbol) =>
        new(ErrorKind.NotFound, "unknown_market", "market", $"market '{symbol}' is not listed");

    /// <summary>A price is not a multiple of the tick.</summary>
    public static DomainError PriceOffTick(string field, string price, string tick) =>
        new(ErrorKind.InvalidArgument, $"{field}_off_tick", field, $"{field} {price} is not a multiple of the tick size {tick}");

    /// <summary>A size is not a multiple of the lot.</summary>
    public static DomainError SizeOffLot(string size, string lot) =>
        new(ErrorKind.InvalidArgument, "size_off_lot", "size", $"size {size} is not a multiple of the lot size {lot}");

    /// <summary>The order's value is under the market's minimum.</summary>
    public static DomainError BelowMinNotional(string notional, string minimum) =>
        new(ErrorKind.InvalidArgument, "below_min_notional", "size", $"order value {notional} is below the minimum {minimum}");

    /// <summary>Leverage outside 1..max (the tier's and the operator's cap).</summary>
    public static DomainError LeverageOutOfRange(int leverage, int max) =>
        new(ErrorKind.InvalidArgument, "leverage_out_of_range", "leverage", $"leverage {leverage} is outside 1..{max} for the resulting position");

    /// <summary>The operator does not offer this margin mode.</summary>
    public static DomainError MarginModeNotOffered(string mode) =>
        new(ErrorKind.FailedPrecondition, "margin_mode_not_offered", "margin_mode", $"{mode} margin is not offered by this operator");

    /// <summary>The market only allows isolated margin.</summary>
    public static DomainError MarketIsolatedOnly(string symbol) =>
        new(ErrorKind.FailedPrecondition, "market_isolated_only", "margin_mode", $"market '{symbol}' allows isolated margin only");

    /// <summary>A limit order without a limit price.</summary>
    public static DomainError LimitPriceRequired() =>
        new(ErrorKind.InvalidArgument, "price_required", "price", "a limit order needs a limit price");

    /// <summary>Post-only makes sense for limit orders only.</summary>
    public static DomainError PostOnlyNeedsLimit() =>
        new(ErrorKind.InvalidArgument, "post_only_requires_limit", "time_in_force", "post-only applies to limit orders only");

    /// <summary>A trigger order without a trigger price, or a trigger price on a plain order.</summary>
    public static DomainError TriggerPriceRequired() =>
        new(ErrorKind.InvalidArgument, "trigger_price_required", "trigger_price", "a take-profit or stop-loss order needs a trigger price");

    /// <summary>A trigger price on the side of the mark where it would fire at once or never make sense.</summary>
    public static DomainError TriggerWrongSide(string kind, string side, string trigger, string mark, string relation) =>
        new(ErrorKind.InvalidArgument, "trigger_price_wrong_side", "trigger_price",
            $"a {side} {kind} needs a trigger price {relation} the mark {mark}, got {trigger}");

    /// <summary>A reduce-only order with nothing to reduce, on the increasing side, or larger than the position.</summary>
    public static DomainError ReduceOnlyWouldIncrease(string detail) =>
        new(ErrorKind.FailedPrecondition, "reduce_only_would_increase", "reduce_only", detail);

    /// <summary>Not enough margin for what was asked.</summary>
    public static DomainError InsufficientMargin(string required, string available) =>
        new(ErrorKind.FailedPrecondition, "insufficient_margin", "", $"margin required {required}, available {available}");

    /// <summary>A margin removal or withdrawal that would leave less than the transfer floor.</summary>
    public static DomainError TransferBelowFloor(string field, string amount, string maximum, string floor) =>
        new(ErrorKind.FailedPrecondition, "transfer_exceeds_floor", field,
            $"{field} {amount} exceeds the most that can leave, {maximum}, which keeps max(initial margin, 10% of position value) = {floor}");

    /// <summary>Margin cannot be removed from positions in isolated-only markets.</summary>
    public static DomainError MarginRemovalNotAllowed(string symbol) =>
        new(ErrorKind.FailedPrecondition, "margin_removal_not_allowed", "amount", $"margin cannot be removed in isolated-only market '{symbol}'");

    /// <summary>A market spec that the margin rules cannot use.</summary>
    public static DomainError InvalidSpec(string code, string field, string message) =>
        new(ErrorKind.InvalidArgument, code, field, message);

    /// <summary>A mark or reference price that is not usable (zero, negative).</summary>
    public static DomainError MarkNotPositive(string value) =>
        new(ErrorKind.FailedPrecondition, "mark_not_positive", "mark", $"mark price must be greater than zero, got {value}");

    /// <summary>A rate outside what a fee or policy allows.</summary>
    public static DomainError RateOutOfRange(string field, string value, string range) =>
        new(ErrorKind.InvalidArgument, $"{field}_out_of_range", field, $"{field} {value} is outside {range}");

    /// <summary>The mark is stale: only orders that reduce a position are accepted.</summary>
    public static DomainError StaleMark(string symbol, string markTime) =>
        new(ErrorKind.FailedPrecondition, "stale_mark", "market",
            $"the mark of {symbol} was last updated at {markTime}: only orders that reduce a position are accepted");

    /// <summary>The resulting position would exceed the operator's notional limit.</summary>
    public static DomainError PositionLimitExceeded(string notional, string limit) =>
        new(ErrorKind.FailedPrecondition, "position_limit_exceeded", "size",
            $"the resulting position would be worth {notional}, more than the operator's limit of {limit}");

    /// <summary>A position's margin mode cannot change while it is open.</summary>
    public static DomainError MarginModeLocked(string symbol, string openMode) =>
        new(ErrorKind.FailedPrecondition, "margin_mode_locked", "margin_mode",
            $"the {symbol} position is {openMode}: its mode cannot change while it is open");
}
