using PerpStudio.Domain.Margin;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Ledger;

namespace PerpStudio.Grains.Isolated;

/// <summary>The isolated position grain's stored state.</summary>
public sealed record IsolatedState
{
    /// <summary>The position and its margin, or null before the first transfer or fill.</summary>
    public IsolatedPosition? Position { get; init; }

    /// <summary>Transfers applied (in and out), by transfer id.</summary>
    public RecentReceipts<IsolatedTransferReceipt> Transfers { get; init; } = new();

    /// <summary>Fills applied, by fill id.</summary>
    public RecentReceipts<IsolatedFillReceipt> Fills { get; init; } = new();

    /// <summary>Funding applied, by funding id.</summary>
    public RecentReceipts<FundingReceipt> Funding { get; init; } = new();

    /// <summary>Liquidation steps applied, by liquidation id.</summary>
    public RecentReceipts<IsolatedLiquidationReceipt> Liquidations { get; init; } = new();
}
