using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Operators;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Margin;

/// <summary>What a pre-trade check needs. For an isolated order, <paramref name="Isolated"/> is the existing isolated
/// position in the order's market (null when none); the cross account supplies the collateral it is funded from.</summary>
/// <param name="Order">The order as sent.</param>
/// <param name="Catalog">Listed markets.</param>
/// <param name="Policy">The operator's policy.</param>
/// <param name="Fees">The venue's fee rates.</param>
/// <param name="Mark">The order's market's mark price.</param>
/// <param name="Account">The trader's cross account.</param>
/// <param name="Isolated">The isolated position in the order's market, for isolated orders.</param>
public readonly record struct PreTradeCheckParameters(
    OrderRequest? Order,
    MarketCatalog Catalog,
    OperatorPolicy Policy,
    FeeSchedule Fees,
    Price Mark,
    CrossAccount Account,
    IsolatedPosition? Isolated = null);

/// <summary>
/// The answer to "may this order be placed?". When refused, <see cref="Refusal"/> says exactly why; the margin
/// figures are filled whenever validation got far enough to compute them.
/// </summary>
/// <param name="Refusal">Null when accepted.</param>
/// <param name="MarginRequired">What the order needs from free collateral: initial margin it adds + fee + any loss at entry.</param>
/// <param name="Available">What it may draw on: cross free collateral (cross) or withdrawable collateral (isolated).</param>
/// <param name="Fee">The fee estimate (taker unless post-only).</param>
/// <param name="InitialMargin">Initial margin of the resulting position (cross) or of the added size (isolated).</param>
public readonly record struct PreTradeDecision(DomainError? Refusal, Money MarginRequired, Money Available, Money Fee, Money InitialMargin)
{
    /// <summary>True when the order may be placed.</summary>
    public bool Accepted => Refusal is null;
}

/// <summary>
/// The pre-trade margin check, on the order path of every account: validation, then one comparison of what the order
/// needs against what the account has. Allocation-free when the order is accepted: the account's sums are cached.
/// </summary>
public static class PreTradeCheck
{
    /// <summary>Checks an order in the mode it asks for.</summary>
    public static PreTradeDecision Check(in PreTradeCheckParameters parameters)
    {
        if (parameters.Account is null)
        {
            return Refused(Refusals.Required("account"));
        }

        if (parameters.Fees is null)
        {
            return Refused(Refusals.Required("fee_schedule"));
        }

        var isolated = parameters.Order?.MarginMode == MarginMode.Isolated;
        var current = Position.Flat;
        var currentInitial = Money.Zero;
        if (!isolated && parameters.Order is { } o && parameters.Account.TryGetPosition(o.Market, out var cross))
        {
            current = cross.Position;
            currentInitial = cross.InitialMargin;
        }
        else if (isolated && parameters.Isolated is { } existing)
        {
            if (existing.Market != parameters.Order!.Market)
            {
                return Refused(new DomainError(ErrorKind.InvalidArgument, "isolated_market_mismatch", "market",
                    $"the isolated position given is in {existing.Market}, the order is for {parameters.Order.Market}"));
            }

            current = existing.Position;
        }

        if (OrderValidator.TryValidate(new OrderValidationParameters(parameters.Order, parameters.Catalog, parameters.Policy, parameters.Mark, current), out var order) is { } refusal)
        {
            return Refused(refusal);
        }

        var requirement = isolated ? IsolatedRequirement(order, parameters) : CrossRequirement(order, parameters, currentInitial);
        if (!order.ReducesOnly && requirement.MarginRequired > requirement.Available)
        {
            return requirement with { Refusal = Refusals.InsufficientMargin(requirement.MarginRequired.ToString(), requirement.Available.ToString()) };
        }

        return requirement;
    }

    /// <summary>The fee a validated order is estimated to pay.</summary>
    public static Money EstimatedFee(in ValidatedOrder order, FeeSchedule fees, OperatorPolicy policy) =>
        FeeModel.TotalFor(Exact.Notional(order.Order.Size, order.ExecutionPrice), FeeModel.TraderRate(fees, policy, order.ExpectedLiquidity));

    /// <summary>A loss taken on entry when the execution price is worse than the mark (never a gain), floored.</summary>
    public static Money EntryLoss(in ValidatedOrder order)
    {
        var pnl = Exact.Value(order.SignedSize, order.Mark) - Exact.Value(order.SignedSize, order.ExecutionPrice);
        return pnl >= 0 ? Money.Zero : Exact.ToMoney(pnl, MarginRounding.Pnl);
    }

    private static PreTradeDecision CrossRequirement(in ValidatedOrder order, in PreTradeCheckParameters parameters, Money currentInitial)
    {
        var account = parameters.Account;
        var resultingInitial = MarginModel.InitialMarginOf(order.ResultingNotional, order.Order.Leverage);
        var fee = EstimatedFee(order, parameters.Fees, parameters.Policy);
        var required = resultingInitial - currentInitial + fee - EntryLoss(order);
        return new PreTradeDecision(null, required, account.FreeCollateral, fee, resultingInitial);
    }

    private static PreTradeDecision IsolatedRequirement(in ValidatedOrder order, in PreTradeCheckParameters parameters)
    {
        var fee = EstimatedFee(order, parameters.Fees, parameters.Policy);
        var opened = order.Current.Sign == order.Order.Side.Sign()
            ? order.Order.Size
            : Quantity.Max(Quantity.Zero, order.Order.Size - order.Current.Size.Abs());
        var addedInitial = MarginModel.InitialMarginOf(Exact.Notional(opened, order.Mark), order.Order.Leverage);
        var required = addedInitial + fee - EntryLoss(order);
        return new PreTradeDecision(null, required, parameters.Account.Withdrawable, fee, addedInitial);
    }

    private static PreTradeDecision Refused(DomainError error) => new(error, Money.Zero, Money.Zero, Money.Zero, Money.Zero);
}
