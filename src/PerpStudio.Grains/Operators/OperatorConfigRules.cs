using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Operators;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;

namespace PerpStudio.Grains.Operators;

/// <summary>Turns an operator's configuration into the Domain's policy and refuses configurations that cannot be enforced.</summary>
public static class OperatorConfigRules
{
    /// <summary>The configuration of an operator that has configured nothing: no market, both modes, no markup.</summary>
    public static OperatorConfig Empty(string operatorId) =>
        new(operatorId, 0, [], true, true, OperatorFees.None, OperatorRisk.Default, false);

    // a configuration never changes once made (it is replaced), and accounts ask for its policy on every order
    private static readonly ConditionalWeakTable<OperatorConfig, OperatorPolicy> Policies = [];

    /// <summary>The Domain's policy: margin modes, per-market leverage caps, markup and split (made once per configuration).</summary>
    public static OperatorPolicy PolicyOf(OperatorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Policies.GetValue(config, Build);
    }

    private static OperatorPolicy Build(OperatorConfig config)
    {
        var caps = new Dictionary<MarketId, int>();
        foreach (var m in config.Markets)
        {
            caps[m.Market] = m.MaxLeverage;
        }

        return PolicyOf(config.CrossOffered, config.IsolatedOffered, caps, config.Fees);
    }

    /// <summary>The first reason a change cannot be applied, or null.</summary>
    public static DomainError? Validate(OperatorConfigChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Markets.IsDefault)
        {
            return Refusals.Required("markets");
        }

        if (change.Fees is null)
        {
            return Refusals.Required("fees");
        }

        if (change.Risk is null)
        {
            return Refusals.Required("risk");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in change.Markets)
        {
            if (MarketError(m, seen) is { } error)
            {
                return error;
            }
        }

        if (RiskError(change.Risk) is { } riskError)
        {
            return riskError;
        }

        return PolicyOf(change.CrossOffered, change.IsolatedOffered, change.Markets.ToDictionary(m => m.Market, m => m.MaxLeverage), change.Fees).Validate();
    }

    private static OperatorPolicy PolicyOf(bool cross, bool isolated, Dictionary<MarketId, int> caps, OperatorFees fees) =>
        new(cross, isolated, caps, fees.Schedule(), fees.BuilderRate, fees.PlatformShareOfMarkup) { ReferralRebateShare = fees.ReferralRebateShare };

    private static DomainError? MarketError(MarketOffering m, HashSet<string> seen)
    {
        if (m is null || string.IsNullOrWhiteSpace(m.Market.Symbol))
        {
            return Refusals.Required("markets.market");
        }

        if (!seen.Add(m.Market.Symbol))
        {
            return Refusals.InvalidSpec("market_offered_twice", "markets", $"market {m.Market} is offered twice");
        }

        if (m.MaxLeverage < 1)
        {
            return Refusals.InvalidSpec("leverage_cap_invalid", "markets.max_leverage", $"max leverage {m.MaxLeverage} for {m.Market} is below 1");
        }

        if (m.DefaultLeverage < 1 || m.DefaultLeverage > m.MaxLeverage)
        {
            return Refusals.InvalidSpec("default_leverage_invalid", "markets.default_leverage",
                $"default leverage {m.DefaultLeverage} for {m.Market} must be 1..{m.MaxLeverage}");
        }

        if (m.Venues.IsDefaultOrEmpty || m.Venues.Any(string.IsNullOrWhiteSpace))
        {
            return Refusals.InvalidSpec("venues_required", "markets.venues", $"market {m.Market} needs at least one venue");
        }

        return null;
    }

    private static DomainError? RiskError(OperatorRisk risk)
    {
        if (risk.MaxPositionNotional.IsNegative)
        {
            return Refusals.NotPositive("risk.max_position_notional", risk.MaxPositionNotional.ToString());
        }

        if (!risk.LiquidationStepFraction.IsPositive || risk.LiquidationStepFraction.Units > Rate.Scale)
        {
            return Refusals.RateOutOfRange("risk.liquidation_step_fraction", risk.LiquidationStepFraction.ToString(), "(0, 1]");
        }

        return risk.StaleMarkAfter <= TimeSpan.Zero
            ? Refusals.NotPositive("risk.stale_mark_after", risk.StaleMarkAfter.ToString())
            : null;
    }

    /// <summary>The configuration a valid change produces.</summary>
    public static OperatorConfig Apply(string operatorId, long currentVersion, OperatorConfigChange change) =>
        new(operatorId, currentVersion + 1, change.Markets.ToImmutableArray(), change.CrossOffered, change.IsolatedOffered, change.Fees, change.Risk, change.DemoDeposits);
}
