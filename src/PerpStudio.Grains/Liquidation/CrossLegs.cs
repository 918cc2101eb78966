using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Grains.Liquidation;

/// <summary>One cross position of an account as last reported, with the marks of the account's other markets then.</summary>
/// <param name="Size">Signed size.</param>
/// <param name="Liquidation">The Domain's cross liquidation price then (other positions at those marks).</param>
/// <param name="Anchors">The book's marks when it was reported; a market missing here had no mark.</param>
internal sealed record CrossLeg(Quantity Size, Price? Liquidation, IReadOnlyDictionary<MarketId, Price> Anchors);

/// <summary>A cross account's positions in the index.</summary>
internal sealed class CrossLegs
{
    public Dictionary<MarketId, CrossLeg> Legs { get; } = [];

    /// <summary>Markets where the account has a trigger placed.</summary>
    public List<MarketId> TriggerMarkets { get; } = [];

    /// <summary>
    /// True after another market's mark left the band around an anchor: every leg is a candidate until the account's
    /// positions are reported again together (<see cref="LiquidationBook.Refresh"/>).
    /// </summary>
    public bool Stale { get; set; }
}
