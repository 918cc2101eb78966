using PerpStudio.Domain.Margin;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Runtime;
using PerpStudio.Venues.Contract;
using VenueLiquidity = PerpStudio.Venues.Contract.Liquidity;

namespace PerpStudio.Grains.Orders;

/// <summary>
/// Reads one venue's account events and hands each fill and terminal order update to the account it belongs to
/// (through <see cref="DirectVenueOrderGateway"/>'s owners). The account deduplicates by fill id, so a repeated
/// delivery changes nothing.
/// </summary>
public sealed class DirectVenueFillFeed : IAsyncDisposable
{
    private readonly DirectVenueOrderGateway _gateway;
    private readonly IGrainFactory _grains;
    private readonly CancellationTokenSource _stop = new();
    private IVenueSubscription<VenueEvent>? _subscription;
    private Task? _loop;

    /// <summary>Creates a feed; call <see cref="StartAsync"/>.</summary>
    public DirectVenueFillFeed(DirectVenueOrderGateway gateway, IGrainFactory grains)
    {
        _gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
        _grains = grains ?? throw new ArgumentNullException(nameof(grains));
    }

    /// <summary>Fills that named no order this gateway sent (kept for reconciliation).</summary>
    public IReadOnlyCollection<VenueFill> Unattributed => _unattributed;

    private readonly List<VenueFill> _unattributed = [];

    private readonly List<Exception> _failures = [];

    /// <summary>Deliveries that failed (their fills can be recovered from the venue's history).</summary>
    public IReadOnlyCollection<Exception> Failures => _failures;

    /// <summary>Subscribes and starts delivering.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = await _gateway.Venue.SubscribeEventsAsync(cancellationToken);
        _loop = Task.Run(() => RunAsync(_subscription, _stop.Token), CancellationToken.None);
    }

    /// <summary>Delivers one venue fill to its account (also used to replay fills recovered with <see cref="IVenue.GetFillsAsync"/>).</summary>
    public async Task<FillOutcome?> DeliverAsync(VenueFill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (!_gateway.TryGetOwner(fill.ClientOrderId.Value, out var owner))
        {
            lock (_unattributed)
            {
                _unattributed.Add(fill);
            }

            return null;
        }

        var liquidity = fill.Liquidity == VenueLiquidity.Maker ? Domain.Margin.Liquidity.Maker : Domain.Margin.Liquidity.Taker;
        var accountFill = new AccountFill(fill.FillId.Value, owner.ClientOrderId, fill.Market, fill.Side, fill.Price, fill.Size, liquidity,
            DirectVenueOrderGateway.ScheduleOf(_gateway.Venue.Capabilities.Fees), _gateway.Venue.Id.Value, fill.Time);
        return await _grains.GetGrain<IAccountGrain>(owner.AccountKey).ApplyFillAsync(accountFill);
    }

    private async Task RunAsync(IVenueSubscription<VenueEvent> subscription, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in subscription.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await DispatchAsync(e);
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    // the fill stays recoverable from the venue's history (GetFillsAsync + DeliverAsync); keep reading
                    lock (_failures)
                    {
                        _failures.Add(failure);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    private async Task DispatchAsync(VenueEvent e)
    {
        switch (e)
        {
            case FillReceived received:
                await DeliverAsync(received.Fill);
                break;
            case OrderUpdated { Order.IsTerminal: true } updated when _gateway.TryGetOwner(updated.Order.ClientOrderId.Value, out var owner):
                var result = DirectVenueOrderGateway.FromOrder(updated.Order);
                await _grains.GetGrain<IAccountGrain>(owner.AccountKey).ApplyOrderUpdateAsync(new AccountOrderUpdate(
                    updated.Order.ClientOrderId.Value, result.Status, updated.Order.FilledSize, result.VenueOrderId, updated.Order.Reject, updated.Time));
                break;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }

        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
    }
}
