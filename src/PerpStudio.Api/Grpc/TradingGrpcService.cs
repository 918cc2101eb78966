using PerpStudio.Api.Application;
using PerpStudio.Api.Errors;
using PerpStudio.Contracts.V1;
using PerpStudio.Grpc.Server;

namespace PerpStudio.Api.Grpc;

/// <summary>perpstudio.v1.TradingService over <see cref="TradingService"/>.</summary>
public sealed class TradingGrpcService(Application.TradingService trading, Application.AccountService accounts)
{
    /// <summary>Every method bound.</summary>
    public ServiceDefinition Bind() =>
        ServiceBinder.For(TradingReflection.Descriptor.Services[0])
            .Unary<PlaceOrderRequest, PlaceOrderReply>("PlaceOrder", PlaceOrderAsync)
            .Unary<CancelOrderRequest, CancelOrderReply>("CancelOrder", CancelOrderAsync)
            .Unary<CancelAllOrdersRequest, CancelAllOrdersReply>("CancelAllOrders", CancelAllOrdersAsync)
            .Unary<ModifyOrderRequest, ModifyOrderReply>("ModifyOrder", ModifyOrderAsync)
            .Unary<ClosePositionRequest, ClosePositionReply>("ClosePosition", ClosePositionAsync)
            .Unary<UpdateLeverageRequest, UpdateLeverageReply>("UpdateLeverage", UpdateLeverageAsync)
            .Unary<UpdateIsolatedMarginRequest, UpdateIsolatedMarginReply>("UpdateIsolatedMargin", UpdateIsolatedMarginAsync)
            .Unary<SetTpSlRequest, SetTpSlReply>("SetTpSl", SetTpSlAsync)
            .Build();

    private async Task<PlaceOrderReply> PlaceOrderAsync(PlaceOrderRequest request, ServerCallContext context)
    {
        try
        {
            var parsed = OrderRequests.Parse(request, clientOrderIdRequired: true);
            var placed = await trading.PlaceOrderAsync(context.Caller(), parsed.Order, parsed.TakeProfit, parsed.StopLoss);
            var reply = new PlaceOrderReply { Order = ProtoMapper.Order(placed.Order), Duplicate = placed.Duplicate, AttachRefusal = placed.AttachRefusal?.Detail ?? string.Empty };
            foreach (var attached in placed.Attached)
            {
                reply.Attached.Add(ProtoMapper.Order(attached));
            }

            return reply;
        }
        catch (ApiException refused) when (OrderRequests.NamesDomainPrice(refused))
        {
            throw OrderRequests.NamedForProto(refused);
        }
    }

    private async Task<CancelOrderReply> CancelOrderAsync(CancelOrderRequest request, ServerCallContext context)
    {
        var order = request.TargetCase switch
        {
            CancelOrderRequest.TargetOneofCase.ClientOrderId => await trading.CancelOrderAsync(context.Caller(), FieldParser.ClientOrderId(request.ClientOrderId)),
            CancelOrderRequest.TargetOneofCase.OrderId => await trading.CancelOrderByIdAsync(context.Caller(), FieldParser.IdempotencyKey(request.OrderId, "order_id")),
            _ => throw FieldParser.Required("client_order_id"),
        };
        return new CancelOrderReply { Order = ProtoMapper.Order(order) };
    }

    private async Task<CancelAllOrdersReply> CancelAllOrdersAsync(CancelAllOrdersRequest request, ServerCallContext context)
    {
        var cancelled = await trading.CancelAllOrdersAsync(context.Caller(), FieldParser.OptionalMarket(request.Market));
        var reply = new CancelAllOrdersReply();
        reply.Cancelled.Add(cancelled.Select(ProtoMapper.Order));
        return reply;
    }

    private Task<ModifyOrderReply> ModifyOrderAsync(ModifyOrderRequest request, ServerCallContext context) =>
        OrderRequests.NamingFieldsAsync(async () =>
        {
            var id = FieldParser.ClientOrderId(request.ClientOrderId);
            var size = FieldParser.OptionalSize(request.Size, "size");
            var price = FieldParser.OptionalPrice(request.LimitPrice, "limit_price");
            if (request.TriggerPrice.Length > 0)
            {
                throw new Errors.ApiException(Errors.ApiError.Invalid("trigger_price", "trigger_price_not_modifiable",
                    "a trigger price cannot be modified in place: cancel the order and place it again (or use SetTpSl)"));
            }

            var order = await trading.ModifyOrderAsync(context.Caller(), id, size, price);
            return new ModifyOrderReply { Order = ProtoMapper.Order(order) };
        });

    private async Task<ClosePositionReply> ClosePositionAsync(ClosePositionRequest request, ServerCallContext context)
    {
        var market = FieldParser.Market(request.Market);
        var size = FieldParser.OptionalSize(request.Size, "size");
        var id = FieldParser.OptionalClientOrderId(request.ClientOrderId);
        var order = await trading.ClosePositionAsync(context.Caller(), market, size, id);
        return new ClosePositionReply { Order = ProtoMapper.Order(order) };
    }

    private async Task<UpdateLeverageReply> UpdateLeverageAsync(UpdateLeverageRequest request, ServerCallContext context)
    {
        var market = FieldParser.Market(request.Market);
        var mode = FieldParser.MarginMode(request.MarginMode);
        var leverage = FieldParser.Leverage(request.Leverage);
        if (leverage == 0)
        {
            throw FieldParser.Required("leverage");
        }

        var update = await trading.UpdateLeverageAsync(context.Caller(), market, mode, leverage);
        return new UpdateLeverageReply { Leverage = (uint)update.Setting.Leverage, LiquidationPrice = ProtoMapper.Liquidation(update.LiquidationPrice) };
    }

    private async Task<UpdateIsolatedMarginReply> UpdateIsolatedMarginAsync(UpdateIsolatedMarginRequest request, ServerCallContext context)
    {
        var market = FieldParser.Market(request.Market);
        var amount = FieldParser.SignedMoney(request.Amount, "amount");
        var transferId = FieldParser.IdempotencyKey(request.TransferId, "transfer_id");
        var update = await trading.UpdateIsolatedMarginAsync(context.Caller(), market, amount, transferId);
        var reply = new UpdateIsolatedMarginReply { FreeCollateral = update.FreeCollateral.ToString() };
        if (update.Position is { } position)
        {
            reply.Position = ProtoMapper.Position(new PositionDetail(position, null, null));
        }

        return reply;
    }

    private async Task<SetTpSlReply> SetTpSlAsync(SetTpSlRequest request, ServerCallContext context)
    {
        var market = FieldParser.Market(request.Market);
        var tp = FieldParser.OptionalPrice(request.TakeProfitPrice, "take_profit_price");
        var sl = FieldParser.OptionalPrice(request.StopLossPrice, "stop_loss_price");
        var caller = context.Caller();
        var orders = await trading.SetTpSlAsync(caller, market, tp, sl);
        var reply = new SetTpSlReply();
        reply.Orders.Add(orders.Select(ProtoMapper.Order));
        var position = (await accounts.ListPositionsAsync(caller)).FirstOrDefault(p => p.View.Market == market);
        if (position is not null)
        {
            reply.Position = ProtoMapper.Position(position);
        }

        return reply;
    }
}
