using PerpStudio.Contracts.V1;

namespace PerpStudio.Client;

/// <summary>The methods of <c>perpstudio.v1.RiskService</c>.</summary>
public sealed partial class PerpStudioClient
{
    private const string RiskService = "/perpstudio.v1.RiskService/";

    /// <summary>Margin, fees, resulting liquidation price and margin ratio of an order before it is placed.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<OrderPreview> PreviewOrderAsync(PlaceOrderRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<PlaceOrderRequest, OrderPreview>(RiskService + "PreviewOrder", request, deadline, cancellationToken);

    /// <summary>The position and liquidation price after adding or removing isolated margin.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<MarginChangePreview> PreviewIsolatedMarginAsync(UpdateIsolatedMarginRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<UpdateIsolatedMarginRequest, MarginChangePreview>(RiskService + "PreviewIsolatedMargin", request, deadline, cancellationToken);

    /// <summary>Applies price shocks per market and a funding shock to the trader's book.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<StressTestReply> StressTestAsync(StressTestRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<StressTestRequest, StressTestReply>(RiskService + "StressTest", request, deadline, cancellationToken);

    /// <summary>The largest size and the leverage that fit a loss the trader accepts.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<SizeByRiskReply> SizeByRiskAsync(SizeByRiskRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<SizeByRiskRequest, SizeByRiskReply>(RiskService + "SizeByRisk", request, deadline, cancellationToken);
}
