using PerpStudio.Contracts.V1;

namespace PerpStudio.Client;

/// <summary>The methods of <c>perpstudio.v1.AccountService</c>.</summary>
public sealed partial class PerpStudioClient
{
    private const string AccountService = "/perpstudio.v1.AccountService/";

    /// <summary>Calls AccountService.GetAccountSummary.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<AccountSummary> GetAccountSummaryAsync(GetAccountSummaryRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<GetAccountSummaryRequest, AccountSummary>(AccountService + "GetAccountSummary", request, deadline, cancellationToken);

    /// <summary>Calls AccountService.ListPositions.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<ListPositionsReply> ListPositionsAsync(ListPositionsRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<ListPositionsRequest, ListPositionsReply>(AccountService + "ListPositions", request, deadline, cancellationToken);

    /// <summary>Calls AccountService.ListOpenOrders.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<ListOpenOrdersReply> ListOpenOrdersAsync(ListOpenOrdersRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<ListOpenOrdersRequest, ListOpenOrdersReply>(AccountService + "ListOpenOrders", request, deadline, cancellationToken);

    /// <summary>Calls AccountService.ListFills.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<ListFillsReply> ListFillsAsync(ListFillsRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<ListFillsRequest, ListFillsReply>(AccountService + "ListFills", request, deadline, cancellationToken);

    /// <summary>The statement: every ledger entry, newest first.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<GetLedgerReply> GetLedgerAsync(GetLedgerRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<GetLedgerRequest, GetLedgerReply>(AccountService + "GetLedger", request, deadline, cancellationToken);

    /// <summary>Credits collateral where the operator allows it (demo mode, or an operator-side deposit).</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<DepositReply> DepositAsync(DepositRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<DepositRequest, DepositReply>(AccountService + "Deposit", request, deadline, cancellationToken);

    /// <summary>Calls AccountService.Withdraw.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<WithdrawReply> WithdrawAsync(WithdrawRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<WithdrawRequest, WithdrawReply>(AccountService + "Withdraw", request, deadline, cancellationToken);
}
