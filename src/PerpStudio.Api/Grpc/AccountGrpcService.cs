using PerpStudio.Contracts.V1;
using PerpStudio.Grpc.Server;

namespace PerpStudio.Api.Grpc;

/// <summary>perpstudio.v1.AccountService over <see cref="Application.AccountService"/>.</summary>
public sealed class AccountGrpcService(Application.AccountService accounts)
{
    /// <summary>Every method bound.</summary>
    public ServiceDefinition Bind() =>
        ServiceBinder.For(AccountReflection.Descriptor.Services[0])
            .Unary<GetAccountSummaryRequest, AccountSummary>("GetAccountSummary", GetSummaryAsync)
            .Unary<ListPositionsRequest, ListPositionsReply>("ListPositions", ListPositionsAsync)
            .Unary<ListOpenOrdersRequest, ListOpenOrdersReply>("ListOpenOrders", ListOpenOrdersAsync)
            .Unary<ListFillsRequest, ListFillsReply>("ListFills", ListFillsAsync)
            .Unary<GetLedgerRequest, GetLedgerReply>("GetLedger", GetLedgerAsync)
            .Unary<DepositRequest, DepositReply>("Deposit", DepositAsync)
            .Unary<WithdrawRequest, WithdrawReply>("Withdraw", WithdrawAsync)
            .Build();

    private async Task<AccountSummary> GetSummaryAsync(GetAccountSummaryRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var summary = await accounts.GetSummaryAsync(caller);
        return ProtoMapper.Summary(summary, caller.Trader?.ToString() ?? string.Empty);
    }

    private async Task<ListPositionsReply> ListPositionsAsync(ListPositionsRequest request, ServerCallContext context)
    {
        var reply = new ListPositionsReply();
        reply.Positions.Add((await accounts.ListPositionsAsync(context.Caller())).Select(ProtoMapper.Position));
        return reply;
    }

    private async Task<ListOpenOrdersReply> ListOpenOrdersAsync(ListOpenOrdersRequest request, ServerCallContext context)
    {
        var market = FieldParser.OptionalMarket(request.Market);
        var reply = new ListOpenOrdersReply();
        reply.Orders.Add((await accounts.ListOpenOrdersAsync(context.Caller(), market)).Select(ProtoMapper.Order));
        return reply;
    }

    private async Task<ListFillsReply> ListFillsAsync(ListFillsRequest request, ServerCallContext context)
    {
        var market = FieldParser.OptionalMarket(request.Market);
        var page = FieldParser.Page(request.Page);
        var fills = await accounts.ListFillsAsync(context.Caller(), market, page);
        var reply = new ListFillsReply { NextCursor = ProtoMapper.Cursor(fills.NextBefore) };
        reply.Fills.Add(fills.Items.Select(ProtoMapper.Fill));
        return reply;
    }

    private async Task<GetLedgerReply> GetLedgerAsync(GetLedgerRequest request, ServerCallContext context)
    {
        var page = FieldParser.Page(request.Page);
        var ledger = await accounts.GetLedgerAsync(context.Caller(), page);
        var reply = new GetLedgerReply { NextCursor = ProtoMapper.Cursor(ledger.NextBefore) };
        reply.Entries.Add(ledger.Items.Select(ProtoMapper.Ledger));
        return reply;
    }

    private async Task<DepositReply> DepositAsync(DepositRequest request, ServerCallContext context)
    {
        var amount = FieldParser.PositiveMoney(request.Amount, "amount");
        var id = FieldParser.IdempotencyKey(request.DepositId, "deposit_id");
        var trader = FieldParser.OptionalAddress(request.TraderAddress, "trader_address");
        var receipt = await accounts.DepositAsync(context.Caller(), amount, id, trader);
        return new DepositReply { Collateral = receipt.Collateral.ToString(), Entry = ProtoMapper.Ledger(receipt.Entry) };
    }

    private async Task<WithdrawReply> WithdrawAsync(WithdrawRequest request, ServerCallContext context)
    {
        var amount = FieldParser.PositiveMoney(request.Amount, "amount");
        var id = FieldParser.IdempotencyKey(request.WithdrawalId, "withdrawal_id");
        var receipt = await accounts.WithdrawAsync(context.Caller(), amount, id);
        return new WithdrawReply { Collateral = receipt.Collateral.ToString(), Entry = ProtoMapper.Ledger(receipt.Entry) };
    }
}
