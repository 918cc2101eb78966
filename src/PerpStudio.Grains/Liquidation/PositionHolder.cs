using PerpStudio.Domain.Orders;

namespace PerpStudio.Grains.Liquidation;

/// <summary>
/// Who holds a position in one market: the trader's cross account (<see cref="MarginMode.Cross"/>) or the trader's
/// isolated position in that market (<see cref="MarginMode.Isolated"/>). The market is the index's own.
/// </summary>
/// <param name="AccountKey">The owning account (operatorId/traderId).</param>
/// <param name="Mode">Cross account or isolated position.</param>
public readonly record struct PositionHolder(string AccountKey, MarginMode Mode)
{
    /// <inheritdoc />
    public override string ToString() => $"{AccountKey}:{Mode}";
}
