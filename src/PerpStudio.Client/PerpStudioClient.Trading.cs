using PerpStudio.Contracts.V1;

namespace PerpStudio.Client;

/// <summary>The methods of <c>perpstudio.v1.TradingService</c>.</summary>
public sealed partial class PerpStudioClient
{
    private const string TradingService = "/perpstudio.v1.TradingService/";

    /// <summary>Places an order. Idempotent on client_order_id: a retry returns the first order's state.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<PlaceOrderReply> PlaceOrderAsync(PlaceOrderRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<PlaceOrderRequest, PlaceOrderReply>(TradingService + "PlaceOrder", request, deadline, cancellationToken);

    /// <summary>Calls TradingService.CancelOrder.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<CancelOrderReply> CancelOrderAsync(CancelOrderRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<CancelOrderRequest, CancelOrderReply>(TradingService + "CancelOrder", request, deadline, cancellationToken);

    /// <summary>Calls TradingService.CancelAllOrders.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<CancelAllOrdersReply> CancelAllOrdersAsync(CancelAllOrdersRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<CancelAllOrdersRequest, CancelAllOrdersReply>(TradingService + "CancelAllOrders", request, deadline, cancellationToken);

    /// <summary>Calls TradingService.ModifyOrder.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<ModifyOrderReply> ModifyOrderAsync(ModifyOrderRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<ModifyOrderRequest, ModifyOrderReply>(TradingService + "ModifyOrder", request, deadline, cancellationToken);

    /// <summary>Closes a position (all or part) at market with a reduce-only order.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<ClosePositionReply> ClosePositionAsync(ClosePositionRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<ClosePositionRequest, ClosePositionReply>(TradingService + "ClosePosition", request, deadline, cancellationToken);

    /// <summary>Calls TradingService.UpdateLeverage.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<UpdateLeverageReply> UpdateLeverageAsync(UpdateLeverageRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<UpdateLeverageRequest, UpdateLeverageReply>(TradingService + "UpdateLeverage", request, deadline, cancellationToken);

    /// <summary>Moves collateral into an isolated position (amount positive) or out of it (negative).</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<UpdateIsolatedMarginReply> UpdateIsolatedMarginAsync(UpdateIsolatedMarginRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<UpdateIsolatedMarginRequest, UpdateIsolatedMarginReply>(TradingService + "UpdateIsolatedMargin", request, deadline, cancellationToken);

    /// <summary>Sets or clears take-profit / stop-loss for a position.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<SetTpSlReply> SetTpSlAsync(SetTpSlRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<SetTpSlRequest, SetTpSlReply>(TradingService + "SetTpSl", request, deadline, cancellationToken);
}
