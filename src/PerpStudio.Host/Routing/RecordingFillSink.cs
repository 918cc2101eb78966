using PerpStudio.Venues.Routing.Fills;
using PerpStudio.Venues.Routing.Reconciliation;

namespace PerpStudio.Host.Routing;

/// <summary>
/// The sink the fill feeds write to: each fill goes to its account grain first and, once the account has it, into the
/// process's record of what the platform holds at each venue (what reconciliation compares with the venues).
/// </summary>
public sealed class RecordingFillSink(AccountFillSink accounts, InMemoryFillBook allocated) : IFillSink
{
    /// <inheritdoc />
    public async Task<FillApplication> ApplyAsync(RoutedFill fill, CancellationToken cancellationToken)
    {
        var applied = await accounts.ApplyAsync(fill, cancellationToken);
        await allocated.ApplyAsync(fill, cancellationToken);
        return applied;
    }
}
