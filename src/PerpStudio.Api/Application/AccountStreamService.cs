using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Events;
using PerpStudio.Runtime;

namespace PerpStudio.Api.Application;

/// <summary>One item of a trader's event stream; snapshot items carry the sequence the snapshot was taken at.</summary>
/// <param name="Sequence">The account's event sequence.</param>
/// <param name="Time">When.</param>
public abstract record AccountStreamItem(long Sequence, DateTimeOffset Time);

/// <summary>An order's state.</summary>
/// <param name="Sequence">Sequence.</param>
/// <param name="Time">When.</param>
/// <param name="Order">The order.</param>
public sealed record OrderItem(long Sequence, DateTimeOffset Time, OrderView Order) : AccountStreamItem(Sequence, Time);

/// <summary>A fill.</summary>
/// <param name="Sequence">Sequence.</param>
/// <param name="Time">When.</param>
/// <param name="Fill">The fill.</param>
public sealed record FillItem(long Sequence, DateTimeOffset Time, FillView Fill) : AccountStreamItem(Sequence, Time);

/// <summary>A position's state (size zero: closed).</summary>
/// <param name="Sequence">Sequence.</param>
/// <param name="Time">When.</param>
/// <param name="Position">The position.</param>
public sealed record PositionItem(long Sequence, DateTimeOffset Time, PositionDetail Position) : AccountStreamItem(Sequence, Time);

/// <summary>Balances and margins.</summary>
/// <param name="Sequence">Sequence.</param>
/// <param name="Time">When.</param>
/// <param name="Summary">The account summary.</param>
public sealed record MarginItem(long Sequence, DateTimeOffset Time, AccountSummary Summary) : AccountStreamItem(Sequence, Time);

/// <summary>Sent when the stream has been idle for the heartbeat interval.</summary>
/// <param name="Sequence">The last sequence sent.</param>
/// <param name="Time">When.</param>
public sealed record HeartbeatItem(long Sequence, DateTimeOffset Time) : AccountStreamItem(Sequence, Time);

/// <summary>
/// The authenticated trader's events: a snapshot (summary, positions, open orders) first, then each event from the
/// account event hub, with heartbeats while idle. A client resuming after a sequence still retained gets only the
/// missed events; otherwise it gets a fresh snapshot.
/// </summary>
public sealed class AccountStreamService(IGrainFactory grains, IAccountEventHub hub, TimeProvider time, IOptions<PerpStudioApiOptions> options)
{
    /// <summary>The stream; ends when <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<AccountStreamItem> SubscribeAsync(CallerContext caller, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var account = Access.RequireTrader(caller, ApiScopes.Read);
        var grain = grains.GetGrain<IAccountGrain>(account);

        // subscribe before reading the snapshot so that nothing between the two is lost
        using var subscription = hub.Subscribe(account, afterSequence);
        long sent = afterSequence;
        if (afterSequence <= 0 || !subscription.Complete)
        {
            var summary = await grain.GetSummaryAsync();
            var view = await grain.GetRiskViewAsync();
            var orders = await grain.GetOpenOrdersAsync();
            var now = time.GetUtcNow();
            sent = summary.EventSequence;
            yield return new MarginItem(sent, now, summary);
            foreach (var position in view.Positions.Where(p => !p.Size.IsZero))
            {
                yield return new PositionItem(sent, now, AccountService.Detail(position, orders));
            }

            foreach (var order in orders)
            {
                yield return new OrderItem(sent, now, order);
            }
        }

        var reader = subscription.Reader;
        var heartbeat = options.Value.StreamHeartbeat;
        while (!cancellationToken.IsCancellationRequested)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var wait = reader.WaitToReadAsync(idle.Token).AsTask();
            var tick = Task.Delay(heartbeat, time, idle.Token);
            var first = await Task.WhenAny(wait, tick);
            await idle.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            if (first == tick)
            {
                yield return new HeartbeatItem(sent, time.GetUtcNow());
                continue;
            }

            if (!await wait)
            {
                yield break;
            }

            while (reader.TryRead(out var accountEvent))
            {
                if (accountEvent.Sequence <= sent)
                {
                    continue;
                }

                sent = accountEvent.Sequence;
                yield return await ItemOfAsync(grain, accountEvent);
            }
        }
    }

    private static async Task<AccountStreamItem> ItemOfAsync(IAccountGrain grain, AccountEvent accountEvent) => accountEvent switch
    {
        OrderChanged o => new OrderItem(o.Sequence, o.Time, o.Order),
        FillApplied f => new FillItem(f.Sequence, f.Time, f.Fill),
        PositionChanged p => new PositionItem(p.Sequence, p.Time, AccountService.Detail(p.Position, await grain.GetOpenOrdersAsync())),
        _ => new MarginItem(accountEvent.Sequence, accountEvent.Time, await grain.GetSummaryAsync()),
    };
}
