using PerpStudio.Domain.Markets;

namespace PerpStudio.Venues.Contract;

/// <summary>A market as a venue lists it: the platform's spec and the venue's own name for it.</summary>
/// <param name="Spec">Tick, lot, minimum notional and margin tiers, in platform terms.</param>
/// <param name="VenueSymbol">The venue's symbol ("BTC" at Hyperliquid, "BTC-USD" at dYdX); the adapter maps it.</param>
public sealed record VenueMarket(MarketSpec Spec, string VenueSymbol)
{
    /// <summary>The platform's market id.</summary>
    public MarketId Id => Spec.Id;
}
