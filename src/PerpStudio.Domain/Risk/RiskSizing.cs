using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Risk;

/// <summary>Where the trader plans to be out of the position.</summary>
public enum PlannedExit
{
    /// <summary>A stop-loss at <see cref="SizingParameters.Exit"/>: the loss is the move to the stop plus taker fees both ways, and the liquidation price must lie beyond the stop.</summary>
    Stop,

    /// <summary>Liquidation no nearer than <see cref="SizingParameters.Exit"/>: the loss is the isolated margin posted.</summary>
    Liquidation,
}

/// <summary>What to size from.</summary>
/// <param name="Market">The market's rules.</param>
/// <param name="Side">Buy to go long, sell to go short.</param>
/// <param name="Entry">The expected entry price.</param>
/// <param name="Exit">The stop price, or the nearest acceptable liquidation price.</param>
/// <param name="Kind">Which of the two <paramref name="Exit"/> is.</param>
/// <param name="MaxLoss">The loss the trader accepts.</param>
/// <param name="MaxLeverage">The trader's or operator's leverage cap (the tiers cap further).</param>
/// <param name="TakerRate">The fee rate the trader pays as taker (venue + markup + builder).</param>
public readonly record struct SizingParameters(MarketRules Market, Side Side, Price Entry, Price Exit, PlannedExit Kind, Money MaxLoss, int MaxLeverage, Rate TakerRate);

/// <summary>The largest position that fits the risk budget.</summary>
/// <param name="Size">Size in base asset, rounded down to the lot.</param>
/// <param name="Leverage">The highest leverage whose liquidation price still lies beyond the exit.</param>
/// <param name="InitialMargin">Isolated margin at that leverage, rounded up.</param>
/// <param name="LossAtExit">What is lost at the exit: stop move plus fees (stop) or the margin (liquidation).</param>
/// <param name="LiquidationPrice">The isolated liquidation price at that size and leverage.</param>
public sealed record SizingResult(Quantity Size, int Leverage, Money InitialMargin, Money LossAtExit, LiquidationPrice LiquidationPrice);

/// <summary>Risk-based position sizing for an isolated position.</summary>
public static class RiskSizing
{
    /// <summary>Finds the largest size and the leverage that fit the accepted loss and the exit.</summary>
    public static Result<SizingResult> Size(SizingParameters parameters)
    {
        var market = parameters.Market;
        if (market is null)
        {
            return Refusals.Required("market");
        }

        if (InputError(parameters) is { } error)
        {
            return error;
        }

        var sign = parameters.Side.Sign();
        var cap = Math.Min(parameters.MaxLeverage, market.Table.MaxLeverage);
        SizingResult? best = null;
        // every leverage is tried: the largest size wins, then the highest leverage (least margin tied up)
        for (var leverage = cap; leverage >= 1; leverage--)
        {
            var size = parameters.Kind == PlannedExit.Stop ? StopSize(parameters) : MarginSize(parameters, leverage);
            size = Quantity.Min(size, LargestSizeAllowing(market, leverage, parameters.Entry));
            if (!size.IsPositive || (best is not null && size <= best.Size) || !market.MeetsMinNotional(size, parameters.Entry))
            {
                continue;
            }

            var margin = MarginModel.InitialMarginOf(Exact.Notional(size, parameters.Entry), leverage);
            var position = Position.Open(parameters.Side, size, parameters.Entry);
            var liquidation = new IsolatedPosition(market.Id, position, margin, leverage).LiquidationPrice(market);
            var beyond = liquidation.Price is not { } p
                || (parameters.Kind == PlannedExit.Stop
                    ? (sign > 0 ? p < parameters.Exit : p > parameters.Exit)
                    : (sign > 0 ? p <= parameters.Exit : p >= parameters.Exit));
            if (beyond)
            {
                var loss = parameters.Kind == PlannedExit.Stop ? StopLoss(parameters, size) : margin;
                best = new SizingResult(size, leverage, margin, loss, liquidation);
            }
        }

        return best is not null ? best : new DomainError(ErrorKind.FailedPrecondition, "no_size_fits", "max_loss",
            $"no size of at least the lot and minimum value fits a loss of {parameters.MaxLoss} with the exit at {parameters.Exit} beyond liquidation at leverage 1..{cap}");
    }

    /// <summary>The loss of a size at the stop: |entry - stop| x size plus taker fees on entry and exit, each rounded up.</summary>
    public static Money StopLoss(in SizingParameters parameters, Quantity size)
    {
        var move = Exact.ToMoney((Int128)size.Units * Math.Abs(parameters.Entry.Units - parameters.Exit.Units), MarginRounding.Requirement);
        var entryFee = FeeModel.TotalFor(Exact.Notional(size, parameters.Entry), parameters.TakerRate);
        var exitFee = FeeModel.TotalFor(Exact.Notional(size, parameters.Exit), parameters.TakerRate);
        return move + entryFee + exitFee;
    }

    /// <summary>The largest size, on lot, whose notional stays below the first tier that caps leverage under <paramref name="leverage"/>.</summary>
    private static Quantity LargestSizeAllowing(MarketRules market, int leverage, Price entry)
    {
        for (var t = 0; t < market.Table.TierCount; t++)
        {
            if (market.Table.MaxLeverageOf(t) < leverage)
            {
                var below = new Quantity(FixedPoint.Divide(Exact.Of(market.Table.LowerBound(t)) - 1, entry.Units, Rounding.Floor));
                return market.RoundSizeToLot(below, Rounding.Floor);
            }
        }

        return new Quantity(long.MaxValue);
    }

    private static Quantity StopSize(in SizingParameters parameters)
    {
        // loss per quantity unit in sub-units x rate scale: |entry - stop| x 1e10 + rate x (entry + stop)
        var perUnit = ((Int128)Math.Abs(parameters.Entry.Units - parameters.Exit.Units) * Rate.Scale)
            + ((Int128)parameters.TakerRate.Units * (parameters.Entry.Units + parameters.Exit.Units));
        var budget = Exact.Of(parameters.MaxLoss) * Rate.Scale;
        var raw = new Quantity(FixedPoint.Divide(budget, perUnit, Rounding.Floor));
        var size = parameters.Market.RoundSizeToLot(raw, Rounding.Floor);
        while (size.IsPositive && StopLoss(parameters, size) > parameters.MaxLoss)
        {
            size -= parameters.Market.LotSize; // per-fee rounding can exceed the budget by a unit or two
        }

        return size;
    }

    private static Quantity MarginSize(in SizingParameters parameters, int leverage)
    {
        var raw = new Quantity(FixedPoint.Divide(Exact.Of(parameters.MaxLoss) * leverage, parameters.Entry.Units, Rounding.Floor));
        var size = parameters.Market.RoundSizeToLot(raw, Rounding.Floor);
        while (size.IsPositive && MarginModel.InitialMarginOf(Exact.Notional(size, parameters.Entry), leverage) > parameters.MaxLoss)
        {
            size -= parameters.Market.LotSize;
        }

        return size;
    }

    private static DomainError? InputError(in SizingParameters parameters)
    {
        if (parameters.Side is not (Side.Buy or Side.Sell))
        {
            return Refusals.Unrecognised("side", parameters.Side.ToString());
        }

        if (!parameters.Entry.IsPositive)
        {
            return Refusals.NotPositive("entry_price", parameters.Entry.ToString());
        }

        if (!parameters.Exit.IsPositive)
        {
            return Refusals.NotPositive("exit_price", parameters.Exit.ToString());
        }

        if (!parameters.MaxLoss.IsPositive)
        {
            return Refusals.NotPositive("max_loss", parameters.MaxLoss.ToString());
        }

        if (parameters.MaxLeverage < 1)
        {
            return Refusals.LeverageOutOfRange(parameters.MaxLeverage, parameters.Market.Table.MaxLeverage);
        }

        if (parameters.TakerRate.IsNegative)
        {
            return Refusals.RateOutOfRange("taker_rate", parameters.TakerRate.ToString(), "0 or more");
        }

        var lossSide = parameters.Side == Side.Buy ? parameters.Exit < parameters.Entry : parameters.Exit > parameters.Entry;
        return lossSide ? null : new DomainError(ErrorKind.InvalidArgument, "exit_price_wrong_side", "exit_price",
            $"a {parameters.Side.ToString().ToLowerInvariant()} exits at a loss {(parameters.Side == Side.Buy ? "below" : "above")} the entry {parameters.Entry}, got {parameters.Exit}");
    }
}
