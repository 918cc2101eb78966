using PerpStudio.Api.Application;
using PerpStudio.Api.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Runtime;
using PerpStudio.Venues.Contract;
using PerpStudio.Web.Sites;

namespace PerpStudio.Web.Models;

/// <summary>
/// Reads what the trading page shows through the API's application services, with the signed-in trader's caller:
/// the page can show nothing the API would not give that trader.
/// </summary>
public sealed class TradeDesk(
    MarketDataService marketData,
    AccountService accounts,
    IGrainFactory grains,
    TimeProvider time)
{
    /// <summary>Order book depth shown.</summary>
    public const int BookDepth = 10;

    /// <summary>Trades shown.</summary>
    public const int TradesShown = 20;

    /// <summary>Candles on the chart.</summary>
    public const int CandlesShown = 60;

    /// <summary>Markets the trader's operator offers.</summary>
    public Task<IReadOnlyList<MarketListing>> MarketsAsync(CallerContext trader) => marketData.ListMarketsAsync(trader);

    /// <summary>The selected market: <paramref name="symbol"/> when offered, else the first.</summary>
    public static MarketListing? Select(IReadOnlyList<MarketListing> markets, string? symbol)
    {
        ArgumentNullException.ThrowIfNull(markets);
        return markets.FirstOrDefault(m => m.Offering.Market.Symbol == symbol) ?? markets.FirstOrDefault();
    }

    /// <summary>A market's book, trades and candles of <paramref name="interval"/> (1m when null), each only when the operator shows it.</summary>
    public async Task<MarketModel> MarketAsync(CallerContext trader, MarketListing listing, OperatorSite site, CancellationToken cancellationToken, CandleInterval? interval = null)
    {
        interval ??= CandleIntervals.OneMinute;
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(site);
        var market = listing.Offering.Market;
        OrderBookSnapshot? book = null;
        if (site.Features.OrderBook)
        {
            try
            {
                book = await marketData.GetOrderBookAsync(trader, market, BookDepth, cancellationToken);
            }
            catch (ApiException)
            {
                book = null; // the panel says the book is unavailable; the rest of the page still works
            }
        }

        var trades = await marketData.ListTradesAsync(trader, market, TradesShown);
        var candles = site.Features.Chart ? await CandlesAsync(trader, market, interval) : [];
        return new MarketModel(listing, book, trades, candles, site.Features, interval);
    }

    /// <summary>The chart's last <see cref="CandlesShown"/> candles of <paramref name="interval"/>, oldest first.</summary>
    public async Task<IReadOnlyList<Api.MarketData.CandleBar>> CandlesAsync(CallerContext trader, MarketId market, CandleInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        var to = time.GetUtcNow();
        return await marketData.GetCandlesAsync(trader, market, interval.Length, to - (interval.Length * CandlesShown), to + interval.Length);
    }

    /// <summary>The account panel.</summary>
    public async Task<AccountModel> AccountAsync(CallerContext trader)
    {
        ArgumentNullException.ThrowIfNull(trader);
        var summary = await accounts.GetSummaryAsync(trader);
        var config = await grains.GetGrain<IOperatorGrain>(trader.OperatorId!).GetConfigAsync();
        return new AccountModel(summary, config.DemoDeposits);
    }

    /// <summary>The positions panel.</summary>
    public async Task<PositionsModel> PositionsAsync(CallerContext trader, Rate? threshold)
    {
        var summary = await accounts.GetSummaryAsync(trader);
        var positions = await accounts.ListPositionsAsync(trader);
        return new PositionsModel(PositionRow.Of(positions, summary, threshold), threshold);
    }

    /// <summary>Open orders, fills and the ledger.</summary>
    public async Task<HistoryModel> HistoryAsync(CallerContext trader)
    {
        var orders = await accounts.ListOpenOrdersAsync(trader, null);
        var fills = await accounts.ListFillsAsync(trader, null, new PageRequest(null, 50));
        var ledger = await accounts.GetLedgerAsync(trader, new PageRequest(null, 50));
        return new HistoryModel(orders, fills.Items, ledger.Items);
    }
}
