using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace PerpStudio.Grains.Liquidation;

/// <summary>
/// Meter <c>PerpStudio.Grains</c>: liquidation steps, auto-deleveraging events, funding charged, price outliers
/// discarded, and each operator's insurance fund balance as an observable gauge (in micro-USDC, tagged by operator).
/// </summary>
public sealed class RiskInstruments
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "PerpStudio.Grains";

    private readonly ConcurrentDictionary<string, long> _fundBalances = new(StringComparer.Ordinal);

    /// <summary>Creates the instruments on a meter from the factory.</summary>
    public RiskInstruments(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        Liquidations = meter.CreateCounter<long>("perpstudio.liquidations", "{step}", "Liquidation steps executed");
        FalseCandidates = meter.CreateCounter<long>("perpstudio.liquidations.false_candidates", "{candidate}", "Index candidates the holder's re-check cleared");
        AdlEvents = meter.CreateCounter<long>("perpstudio.adl.events", "{position}", "Positions closed by auto-deleveraging");
        FundingCharged = meter.CreateCounter<long>("perpstudio.funding.charged", "{charge}", "Funding charges applied to positions");
        OutliersDiscarded = meter.CreateCounter<long>("perpstudio.prices.outliers", "{reading}", "Price readings discarded as outliers");
        meter.CreateObservableGauge("perpstudio.insurance.balance", ObserveFunds, "uUSDC", "Insurance fund balance per operator");
    }

    /// <summary>Liquidation steps executed (tag: mode).</summary>
    public Counter<long> Liquidations { get; }

    /// <summary>Candidates that were not liquidatable on re-check.</summary>
    public Counter<long> FalseCandidates { get; }

    /// <summary>Positions closed by auto-deleveraging.</summary>
    public Counter<long> AdlEvents { get; }

    /// <summary>Funding charges applied (tag: market).</summary>
    public Counter<long> FundingCharged { get; }

    /// <summary>Price readings discarded as outliers (tag: market).</summary>
    public Counter<long> OutliersDiscarded { get; }

    /// <summary>Records an operator's fund balance for the gauge.</summary>
    public void FundBalance(string operatorId, long units) => _fundBalances[operatorId] = units;

    private IEnumerable<Measurement<long>> ObserveFunds() =>
        _fundBalances.Select(f => new Measurement<long>(f.Value, new KeyValuePair<string, object?>("operator", f.Key)));
}
