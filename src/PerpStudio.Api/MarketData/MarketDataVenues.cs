using PerpStudio.Domain.Markets;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Api.MarketData;

/// <summary>The venues order books are read from: the host registers each venue as an <see cref="IVenue"/> service.</summary>
public sealed class MarketDataVenues(IEnumerable<IVenue> venues)
{
    private readonly IReadOnlyList<IVenue> _venues = [.. venues];

    /// <summary>The first of <paramref name="preferred"/> (venue names in the operator's routing order) that is registered, else any registered venue; null when none is.</summary>
    public IVenue? For(MarketId market, IReadOnlyList<string> preferred)
    {
        ArgumentNullException.ThrowIfNull(preferred);
        foreach (var name in preferred)
        {
            var venue = _venues.FirstOrDefault(v => string.Equals(v.Id.Value, name, StringComparison.Ordinal));
            if (venue is not null)
            {
                return venue;
            }
        }

        return _venues.Count > 0 ? _venues[0] : null;
    }
}
