using PerpStudio.Contracts.V1;

namespace PerpStudio.Client;

/// <summary>The methods of <c>perpstudio.v1.MarketDataService</c>.</summary>
public sealed partial class PerpStudioClient
{
    private const string MarketDataService = "/perpstudio.v1.MarketDataService/";

    /// <summary>Calls MarketDataService.ListMarkets.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<ListMarketsReply> ListMarketsAsync(ListMarketsRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<ListMarketsRequest, ListMarketsReply>(MarketDataService + "ListMarkets", request, deadline, cancellationToken);

    /// <summary>Calls MarketDataService.GetOrderBook.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<OrderBook> GetOrderBookAsync(GetOrderBookRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<GetOrderBookRequest, OrderBook>(MarketDataService + "GetOrderBook", request, deadline, cancellationToken);

    /// <summary>Calls MarketDataService.ListTrades.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<ListTradesReply> ListTradesAsync(ListTradesRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<ListTradesRequest, ListTradesReply>(MarketDataService + "ListTrades", request, deadline, cancellationToken);

    /// <summary>Calls MarketDataService.GetMarks.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<GetMarksReply> GetMarksAsync(GetMarksRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<GetMarksRequest, GetMarksReply>(MarketDataService + "GetMarks", request, deadline, cancellationToken);

    /// <summary>Calls MarketDataService.GetFundingHistory.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<GetFundingHistoryReply> GetFundingHistoryAsync(GetFundingHistoryRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<GetFundingHistoryRequest, GetFundingHistoryReply>(MarketDataService + "GetFundingHistory", request, deadline, cancellationToken);

    /// <summary>Calls MarketDataService.GetCandles.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<GetCandlesReply> GetCandlesAsync(GetCandlesRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<GetCandlesRequest, GetCandlesReply>(MarketDataService + "GetCandles", request, deadline, cancellationToken);

    /// <summary>A snapshot first, then a new snapshot whenever the book changes (at most every 100 ms). (server streaming: messages arrive as the server sends them.)</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for none (a stream usually runs until cancelled).</param>
    /// <param name="cancellationToken">Ends the stream (CANCELLED).</param>
    public IAsyncEnumerable<OrderBook> SubscribeOrderBook(GetOrderBookRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        ServerStreaming<GetOrderBookRequest, OrderBook>(MarketDataService + "SubscribeOrderBook", request, deadline, cancellationToken);

    /// <summary>Calls MarketDataService.SubscribeTrades. (server streaming: messages arrive as the server sends them.)</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for none (a stream usually runs until cancelled).</param>
    /// <param name="cancellationToken">Ends the stream (CANCELLED).</param>
    public IAsyncEnumerable<Trade> SubscribeTrades(ListTradesRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        ServerStreaming<ListTradesRequest, Trade>(MarketDataService + "SubscribeTrades", request, deadline, cancellationToken);

    /// <summary>Calls MarketDataService.SubscribeMarks. (server streaming: messages arrive as the server sends them.)</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for none (a stream usually runs until cancelled).</param>
    /// <param name="cancellationToken">Ends the stream (CANCELLED).</param>
    public IAsyncEnumerable<Mark> SubscribeMarks(GetMarksRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        ServerStreaming<GetMarksRequest, Mark>(MarketDataService + "SubscribeMarks", request, deadline, cancellationToken);
}
