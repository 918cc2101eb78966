using PerpStudio.Venues.Routing.Fills;
using PerpStudio.Venues.Routing.Reconciliation;

namespace PerpStudio.Host.Routing;

/// <summary>
/// The sink the fill feeds write to: each fill goes to its account grain first and, once the account has it, into the
/// record of what the platform holds at each venue (what reconciliation compares with the venues): the durable,
/// cluster-wide book when one is given, and this process's <see cref="InMemoryFillBook"/> of the fills it handled.
/// </summary>
/// <param name="accounts">The account grains.</param>
/// <param name="handled">The fills this process handed over (the whole record when there is no durable book).</param>
/// <param name="durable">The durable book (with Redis), or null.</param>
public sealed class RecordingFillSink(AccountFillSink accounts, InMemoryFillBook handled, IFillSink? durable = null) : IFillSink
{
    /// <inheritdoc />
    public async Task<FillApplication> ApplyAsync(RoutedFill fill, CancellationToken cancellationToken)
    {
        var applied = await accounts.ApplyAsync(fill, cancellationToken);
        if (durable is not null)
        {
            await durable.ApplyAsync(fill, cancellationToken);
        }

        await handled.ApplyAsync(fill, cancellationToken);
        return applied;
    }
}
