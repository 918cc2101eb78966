using PerpStudio.Api.MarketData;
using PerpStudio.Grains.Funding;

namespace PerpStudio.Host.Markets;

/// <summary>Prints funding settlements on the <see cref="MarketTape"/>, each settled hour once however often it is read.</summary>
/// <param name="tape">The tape.</param>
public sealed class FundingTape(MarketTape tape)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _recorded = new(StringComparer.Ordinal);

    /// <summary>Records the settlements not recorded before; returns how many were new.</summary>
    public int Record(IEnumerable<FundingSettlement> settlements)
    {
        ArgumentNullException.ThrowIfNull(settlements);
        var added = 0;
        lock (_gate)
        {
            foreach (var s in settlements.OrderBy(s => s.Hour))
            {
                if (_recorded.Add(s.FundingId))
                {
                    tape.RecordFunding(new FundingObservation(s.Market, s.Rate, s.OraclePrice, s.Hour));
                    added++;
                }
            }
        }

        return added;
    }
}
