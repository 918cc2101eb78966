using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Margin;

/// <summary>
/// A market's margin tiers in exact integer form. The maintenance rate of tier i is 1 / (2 x maxLeverage_i), which is not
/// a finite decimal for every leverage (1/6 at 3x), so rates are kept as numerators over one common denominator
/// <c>D = 2 x lcm(maxLeverage)</c>: rate_i = R_i / D. The deduction that keeps maintenance continuous across tiers,
/// deduction_i = deduction_(i-1) + lowerBound_i x (rate_i - rate_(i-1)), is kept in money units x D, also exact.
/// Maintenance margin = notional x rate_i - deduction_i, divided by D once and rounded up.
/// </summary>
public sealed class MarginTable
{
    private readonly long[] _lowerBounds; // money units
    private readonly Int128[] _lowerBoundsSubUnits; // the same in sub-units, for tier lookups without multiplying
    private readonly int[] _maxLeverage;
    private readonly long[] _rateNumerators; // R_i, rate_i = R_i / D
    private readonly Int128[] _deductions; // money units x D
    private readonly long _maintenanceDivisor; // D x 1e10 when it fits 64 bits, else 0

    private MarginTable(long[] lowerBounds, int[] maxLeverage, long denominator)
    {
        _lowerBounds = lowerBounds;
        _maxLeverage = maxLeverage;
        Denominator = denominator;
        _maintenanceDivisor = denominator <= long.MaxValue / Exact.SubUnitsPerMoney ? denominator * Exact.SubUnitsPerMoney : 0;
        _lowerBoundsSubUnits = Array.ConvertAll(lowerBounds, b => (Int128)b * Exact.SubUnitsPerMoney);
        _rateNumerators = new long[lowerBounds.Length];
        _deductions = new Int128[lowerBounds.Length];
        for (var i = 0; i < lowerBounds.Length; i++)
        {
            _rateNumerators[i] = denominator / (2L * maxLeverage[i]);
            _deductions[i] = i == 0
                ? 0
                : _deductions[i - 1] + ((Int128)lowerBounds[i] * (_rateNumerators[i] - _rateNumerators[i - 1]));
        }
    }

    /// <summary>The common denominator of the maintenance rates: 2 x lcm of the tiers' max leverage.</summary>
    public long Denominator { get; }

    /// <summary>How many tiers.</summary>
    public int TierCount => _lowerBounds.Length;

    /// <summary>The highest leverage any position can use (tier 0's).</summary>
    public int MaxLeverage => _maxLeverage[0];

    /// <summary>Builds the table from validated tiers (see <see cref="MarketRules.Create"/>).</summary>
    internal static MarginTable FromTiers(IReadOnlyList<MarginTier> tiers)
    {
        var bounds = new long[tiers.Count];
        var leverage = new int[tiers.Count];
        long lcm = 1;
        for (var i = 0; i < tiers.Count; i++)
        {
            bounds[i] = tiers[i].LowerBound.Units;
            leverage[i] = tiers[i].MaxLeverage;
            lcm = checked(lcm / Gcd(lcm, leverage[i]) * leverage[i]);
        }

        return new MarginTable(bounds, leverage, checked(2 * lcm));
    }

    /// <summary>The tier's lower bound of position notional.</summary>
    public Money LowerBound(int tier) => new(_lowerBounds[tier]);

    /// <summary>The tier's max leverage.</summary>
    public int MaxLeverageOf(int tier) => _maxLeverage[tier];

    /// <summary>The tier's maintenance rate 1/(2L), rounded up to the rate scale (display only; the math uses the exact fraction).</summary>
    public Rate MaintenanceRate(int tier) => new(FixedPoint.MulDiv(_rateNumerators[tier], Rate.Scale, Denominator, MarginRounding.Requirement));

    /// <summary>The tier's deduction in money, rounded down (display only).</summary>
    public Money Deduction(int tier) => new(FixedPoint.Divide(_deductions[tier], Denominator, Rounding.Floor));

    /// <summary>The rate numerator R_i over <see cref="Denominator"/>.</summary>
    public long RateNumerator(int tier) => _rateNumerators[tier];

    /// <summary>The deduction in money units x <see cref="Denominator"/>, exact.</summary>
    public Int128 DeductionScaled(int tier) => _deductions[tier];

    /// <summary>The tier a position notional (in sub-units, see <see cref="Exact"/>) falls in: the highest whose lower bound it reaches.</summary>
    public int TierAt(Int128 notionalSubUnits)
    {
        var tier = 0;
        var bounds = _lowerBoundsSubUnits;
        for (var i = 1; i < bounds.Length; i++)
        {
            if (notionalSubUnits >= bounds[i])
            {
                tier = i;
            }
            else
            {
                break;
            }
        }

        return tier;
    }

    /// <summary>The tier a position notional in money falls in.</summary>
    public int TierAt(Money notional) => TierAt(Exact.Of(notional.Abs()));

    /// <summary>The max leverage for a position of this notional (sub-units).</summary>
    public int MaxLeverageAt(Int128 notionalSubUnits) => _maxLeverage[TierAt(notionalSubUnits)];

    /// <summary>
    /// Maintenance margin in money x D x 1e10 (exact): notional x R_i - deduction_i x 1e10 for the tier the notional is in.
    /// </summary>
    public Int128 MaintenanceScaled(Int128 notionalSubUnits)
    {
        var tier = TierAt(notionalSubUnits);
        return MaintenanceScaled(notionalSubUnits, tier);
    }

    /// <summary>Maintenance margin in money x D x 1e10 at a given tier's formula (continuous at the boundaries).</summary>
    public Int128 MaintenanceScaled(Int128 notionalSubUnits, int tier) =>
        (notionalSubUnits * _rateNumerators[tier]) - (_deductions[tier] * Exact.SubUnitsPerMoney);

    /// <summary>Maintenance margin for a position notional in sub-units, rounded up to money.</summary>
    public Money MaintenanceMargin(Int128 notionalSubUnits) =>
        _maintenanceDivisor > 0
            ? new(WideDivision.DivideToInt64(MaintenanceScaled(notionalSubUnits), _maintenanceDivisor, MarginRounding.Requirement))
            : new(FixedPoint.Divide(MaintenanceScaled(notionalSubUnits), (Int128)Denominator * Exact.SubUnitsPerMoney, MarginRounding.Requirement));

    /// <summary>Maintenance margin of a size at a price, rounded up.</summary>
    public Money MaintenanceMargin(Quantity size, Price price) => MaintenanceMargin(Exact.Notional(size, price));

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
