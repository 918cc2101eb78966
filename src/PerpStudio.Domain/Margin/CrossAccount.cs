using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Margin;

/// <summary>
/// A trader's cross-margin account: collateral, the margin reserved for open orders and the cross positions keyed by
/// market (kept sorted by symbol). Immutable: every change returns a new account. The sums the checks need are
/// computed once per change, so reading them is free. Isolated positions are separate <see cref="IsolatedPosition"/> values.
/// </summary>
public sealed partial class CrossAccount
{
    private readonly CrossPosition[] _positions;
    private readonly MarketRules[] _markets;

    private CrossAccount(Money collateral, Money reserved, CrossPosition[] positions, MarketRules[] markets)
    {
        Collateral = collateral;
        Reserved = reserved;
        _positions = positions;
        _markets = markets;
        var pnl = 0L;
        var value = 0L;
        var initial = 0L;
        var maintenance = 0L;
        foreach (ref readonly var p in positions.AsSpan())
        {
            pnl = checked(pnl + p.UnrealizedPnl.Units);
            value = checked(value + p.PositionValue.Units);
            initial = checked(initial + p.InitialMargin.Units);
            maintenance = checked(maintenance + p.MaintenanceMargin.Units);
        }

        UnrealizedPnl = new Money(pnl);
        TotalPositionValue = new Money(value);
        InitialMarginUsed = new Money(initial);
        MaintenanceMarginUsed = new Money(maintenance);
    }

    /// <summary>Deposited collateral plus realized PnL, funding and fees so far.</summary>
    public Money Collateral { get; }

    /// <summary>Margin held for open orders.</summary>
    public Money Reserved { get; }

    /// <summary>Sum of the cross positions' unrealized PnL at their marks.</summary>
    public Money UnrealizedPnl { get; }

    /// <summary>Sum of |size| x mark over cross positions.</summary>
    public Money TotalPositionValue { get; }

    /// <summary>Sum of the cross positions' initial margin.</summary>
    public Money InitialMarginUsed { get; }

    /// <summary>Sum of the cross positions' maintenance margin.</summary>
    public Money MaintenanceMarginUsed { get; }

    /// <summary>Account value: collateral + unrealized PnL of cross positions.</summary>
    public Money AccountValue => Collateral + UnrealizedPnl;

    /// <summary>What new orders (and transfers to isolated positions) may use: account value - initial margin used - reserved. May be negative.</summary>
    public Money FreeCollateral => AccountValue - InitialMarginUsed - Reserved;

    /// <summary>max(initial margin used, 10% of total position value) plus reservations: what a withdrawal must leave.</summary>
    public Money TransferFloor => Money.Max(InitialMarginUsed, new Money(FixedPoint.Divide(TotalPositionValue.Units, MarginModel.TransferFloorDivisor, MarginRounding.Requirement))) + Reserved;

    /// <summary>The most that can be withdrawn or moved to an isolated position now.</summary>
    public Money Withdrawable => Money.Max(Money.Zero, AccountValue - TransferFloor);

    /// <summary>True when account value is below the cross maintenance margin.</summary>
    public bool IsLiquidatable => AccountValue < MaintenanceMarginUsed;

    /// <summary>Maintenance / account value, rounded up; null when account value is not positive.</summary>
    public Rate? MarginRatio => MarginModel.Ratio(MaintenanceMarginUsed, AccountValue);

    /// <summary>The cross positions, sorted by market symbol.</summary>
    public ReadOnlySpan<CrossPosition> Positions => _positions;

    /// <summary>How many cross positions.</summary>
    public int PositionCount => _positions.Length;

    /// <summary>An account with collateral and nothing else.</summary>
    public static Result<CrossAccount> Open(Money collateral) =>
        collateral.IsNegative ? Refusals.Negative("collateral", collateral.ToString()) : new CrossAccount(collateral, Money.Zero, [], []);

    /// <summary>The position in a market, if any.</summary>
    public bool TryGetPosition(MarketId market, out CrossPosition position)
    {
        var index = IndexOf(market);
        position = index >= 0 ? _positions[index] : default;
        return index >= 0;
    }

    /// <summary>The market rules held for a position's market, if any.</summary>
    public MarketRules? RulesFor(MarketId market)
    {
        var index = IndexOf(market);
        return index >= 0 ? _markets[index] : null;
    }

    /// <summary>Index of the market's position in <see cref="Positions"/>, or the bitwise complement of its insertion point.</summary>
    public int IndexOf(MarketId market)
    {
        var symbol = market.Symbol;
        int lo = 0, hi = _positions.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var c = string.CompareOrdinal(_positions[mid].Market.Symbol, symbol);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }

    /// <summary>The cross liquidation price of one position, holding the other positions' marks fixed.</summary>
    public LiquidationPrice LiquidationPrice(MarketId market)
    {
        var index = IndexOf(market);
        if (index < 0)
        {
            return Margin.LiquidationPrice.None;
        }

        ref readonly var p = ref _positions[index];
        var othersValue = Collateral + (UnrealizedPnl - p.UnrealizedPnl);
        var equityAtZero = Exact.Of(othersValue) - p.Position.Cost + p.Position.PnlCarry;
        var others = MaintenanceMarginUsed - p.MaintenanceMargin;
        var rules = _markets[index];
        return LiquidationPriceModel.Solve(new LiquidationPriceParameters(rules.Table, rules.TickSize, p.Position.Size, equityAtZero, others));
    }

    private CrossAccount With(Money collateral, Money reserved) => new(collateral, reserved, _positions, _markets);

    private CrossAccount WithPosition(Money collateral, int index, MarketRules market, CrossPosition? position)
    {
        CrossPosition[] positions;
        MarketRules[] markets;
        if (index >= 0 && position is null)
        {
            positions = [.. _positions.AsSpan(0, index), .. _positions.AsSpan(index + 1)];
            markets = [.. _markets.AsSpan(0, index), .. _markets.AsSpan(index + 1)];
        }
        else if (index >= 0)
        {
            positions = (CrossPosition[])_positions.Clone();
            markets = (MarketRules[])_markets.Clone();
            positions[index] = position!.Value;
            markets[index] = market;
        }
        else if (position is null)
        {
            return With(collateral, Reserved);
        }
        else
        {
            var at = ~index;
            positions = [.. _positions.AsSpan(0, at), position.Value, .. _positions.AsSpan(at)];
            markets = [.. _markets.AsSpan(0, at), market, .. _markets.AsSpan(at)];
        }

        return new CrossAccount(collateral, Reserved, positions, markets);
    }
}
