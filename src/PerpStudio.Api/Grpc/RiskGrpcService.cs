using PerpStudio.Api.Errors;
using PerpStudio.Contracts.V1;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Domain.Risk;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grpc.Server;

namespace PerpStudio.Api.Grpc;

/// <summary>perpstudio.v1.RiskService over <see cref="Application.RiskService"/>.</summary>
public sealed class RiskGrpcService(Application.RiskService risk)
{
    /// <summary>Every method bound.</summary>
    public ServiceDefinition Bind() =>
        ServiceBinder.For(RiskReflection.Descriptor.Services[0])
            .Unary<PlaceOrderRequest, OrderPreview>("PreviewOrder", PreviewOrderAsync)
            .Unary<UpdateIsolatedMarginRequest, MarginChangePreview>("PreviewIsolatedMargin", PreviewIsolatedMarginAsync)
            .Unary<StressTestRequest, StressTestReply>("StressTest", StressTestAsync)
            .Unary<SizeByRiskRequest, SizeByRiskReply>("SizeByRisk", SizeByRiskAsync)
            .Build();

    private async Task<OrderPreview> PreviewOrderAsync(PlaceOrderRequest request, ServerCallContext context)
    {
        var parsed = OrderRequests.Parse(request, clientOrderIdRequired: false);
        var outcome = await risk.PreviewOrderAsync(context.Caller(), parsed.Order);
        var reply = new OrderPreview { Accepted = outcome.Refusal is null };
        if (outcome.Refusal is { } refusal)
        {
            reply.RefusalCode = refusal.Code;
            reply.RefusalField = refusal.Field == "price" ? "limit_price" : refusal.Field;
            reply.RefusalMessage = refusal.Message;
        }

        if (outcome.Preview is { } preview)
        {
            var decision = preview.Decision;
            reply.MarginRequired = decision.MarginRequired.ToString();
            reply.EstimatedFee = decision.Fee.ToString();
            reply.EstimatedPrice = outcome.EstimatedPrice?.ToString() ?? string.Empty;
            reply.ResultingSize = preview.ResultingSize.ToString();
            reply.ResultingEntryPrice = preview.ResultingEntryPrice.ToString();
            reply.ResultingLiquidationPrice = ProtoMapper.Liquidation(preview.LiquidationPrice);
            reply.ResultingMarginRatio = preview.MarginRatio?.ToString() ?? string.Empty;
            reply.FreeCollateralAfter = (decision.Available - decision.MarginRequired).ToString();
        }

        return reply;
    }

    private async Task<MarginChangePreview> PreviewIsolatedMarginAsync(UpdateIsolatedMarginRequest request, ServerCallContext context)
    {
        var market = FieldParser.Market(request.Market);
        var amount = FieldParser.SignedMoney(request.Amount, "amount");
        var preview = await risk.PreviewIsolatedMarginAsync(context.Caller(), market, amount);
        return new MarginChangePreview
        {
            Accepted = preview.Refusal is null,
            RefusalCode = preview.Refusal?.Code ?? string.Empty,
            RefusalMessage = preview.Refusal?.Message ?? string.Empty,
            LiquidationPriceBefore = ProtoMapper.Liquidation(preview.LiquidationBefore),
            LiquidationPriceAfter = ProtoMapper.Liquidation(preview.LiquidationAfter),
            MarginAfter = preview.MarginAfter.ToString(),
            MaxRemovable = preview.MaxRemovable.ToString(),
        };
    }

    private async Task<StressTestReply> StressTestAsync(StressTestRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var shocks = new Dictionary<MarketId, Rate>();
        for (var i = 0; i < request.Shocks.Count; i++)
        {
            var market = FieldParser.Market(request.Shocks[i].Market, $"shocks[{i}].market");
            shocks[market] = Shock(request.Shocks[i].Change, $"shocks[{i}].change");
        }

        var defaultChange = string.IsNullOrEmpty(request.DefaultChange) ? (Rate?)null : Shock(request.DefaultChange, "default_change");
        var fundingShock = FieldParser.OptionalRate(request.FundingRateShock, "funding_rate_shock");
        if (request.FundingHours > 24 * 365)
        {
            throw new ApiException(ApiError.Invalid("funding_hours", "funding_hours_out_of_range", $"funding_hours {request.FundingHours} is above one year"));
        }

        var markets = await risk.PositionMarketsAsync(caller);
        foreach (var market in markets)
        {
            if (defaultChange is { } change && !shocks.ContainsKey(market))
            {
                shocks[market] = change;
            }
        }

        var funding = fundingShock.IsZero ? new Dictionary<MarketId, Rate>() : markets.Concat(shocks.Keys).Distinct().ToDictionary(m => m, _ => fundingShock);
        var result = await risk.StressTestAsync(caller, new StressScenario(shocks, funding, (int)request.FundingHours));
        var reply = new StressTestReply
        {
            CrossAccountValue = result.CrossAccountValue.ToString(),
            CrossMaintenanceMargin = result.CrossMaintenance.ToString(),
            CrossLiquidated = result.CrossLiquidates,
            CrossMarginNeeded = result.CrossShortfall.ToString(),
            EquityAfter = (result.CrossAccountValue + Sum(result.Positions.Where(p => p.Mode == Domain.Orders.MarginMode.Isolated).Select(p => p.Equity))).ToString(),
        };
        reply.Positions.Add(result.Positions.Select(p => new Contracts.V1.StressedPosition
        {
            Market = p.Market.Symbol,
            MarginMode = ProtoMapper.Mode(p.Mode),
            ShockedMark = p.ShockedMark.ToString(),
            UnrealizedPnl = p.UnrealizedPnl.ToString(),
            Liquidated = p.Liquidates,
            MarginNeeded = p.Shortfall.ToString(),
        }));
        return reply;
    }

    private async Task<SizeByRiskReply> SizeByRiskAsync(SizeByRiskRequest request, ServerCallContext context)
    {
        var market = FieldParser.Market(request.Market);
        var side = FieldParser.Side(request.Side);
        var entry = FieldParser.Price(request.EntryPrice, "entry_price");
        var stop = FieldParser.Price(request.StopPrice, "stop_price");
        var maxLoss = FieldParser.PositiveMoney(request.MaxLoss, "max_loss");
        if (request.MarginMode != Contracts.V1.MarginMode.Unspecified)
        {
            FieldParser.MarginMode(request.MarginMode);
        }

        var maxLeverage = FieldParser.Leverage(request.MaxLeverage, "max_leverage");
        try
        {
            var sizing = await risk.SizeByRiskAsync(context.Caller(), new TradeSizingRequest(market, side, entry, stop, PlannedExit.Stop, maxLoss), maxLeverage);
            return new SizeByRiskReply
            {
                Feasible = true,
                Size = sizing.Size.ToString(),
                Leverage = (uint)sizing.Leverage,
                MarginRequired = sizing.InitialMargin.ToString(),
                LiquidationPrice = ProtoMapper.Liquidation(sizing.LiquidationPrice),
                LossAtStop = sizing.LossAtExit.ToString(),
            };
        }
        catch (ApiException refused) when (refused.Error.Kind == ApiErrorKind.FailedPrecondition)
        {
            return new SizeByRiskReply { Feasible = false, Reason = refused.Error.Detail };
        }
    }

    private static Rate Shock(string text, string field)
    {
        var change = FieldParser.Rate(text, field);
        return change.Units > -Rate.Scale
            ? change
            : throw new ApiException(ApiError.Invalid(field, "change_out_of_range", $"{field} {change} must be above -1 (a price cannot fall 100% or more)"));
    }

    private static Money Sum(IEnumerable<Money> values) => values.Aggregate(Money.Zero, (a, b) => a + b);
}
