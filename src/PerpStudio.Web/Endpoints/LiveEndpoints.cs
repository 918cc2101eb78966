using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PerpStudio.Api.Application;
using PerpStudio.Api.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Web.Components;
using PerpStudio.Web.Models;
using PerpStudio.Web.Rendering;
using PerpStudio.Web.Sessions;
using PerpStudio.Web.Sites;

namespace PerpStudio.Web.Endpoints;

/// <summary>
/// Live updates of an open page as server-sent events: the trader's account event stream, the market's book, trades
/// and marks, and the operator's branding. Each event carries the re-rendered panels; every subscription ends with
/// the connection (the request's abort token cancels them all).
/// </summary>
internal static class LiveEndpoints
{
    [Flags]
    private enum Dirty
    {
        None = 0,
        Account = 1,
        Mark = 2,
        Book = 4,
        Trades = 8,
        Brand = 16,
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/_ps/live", async (HttpContext context, WebRequestReader reader, ComponentHtml html, TradeDesk desk,
            AccountStreamService streams, MarketDataService marketData, SiteResolver sites, IOptions<PerpStudioWebOptions> options, TimeProvider time) =>
        {
            var request = await reader.ReadAsync(context);
            if (request is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.WriteAsync(": live\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            var dirty = Channel.CreateUnbounded<Dirty>(new UnboundedChannelOptions { SingleReader = true });
            var feeds = new List<Task> { WatchBrandAsync(sites, request.Site, options.Value.BrandPollInterval, time, dirty.Writer, stop.Token) };
            MarketListing? listing = null;
            var interval = CandleIntervals.Parse(context.Request.Query["interval"].ToString());
            if (request.Trader is { } trader)
            {
                var markets = await desk.MarketsAsync(trader);
                listing = TradeDesk.Select(markets, context.Request.Query["market"].ToString());
                feeds.Add(FeedAsync(streams.SubscribeAsync(trader, 0, stop.Token), i => i is HeartbeatItem ? Dirty.None : Dirty.Account, dirty.Writer));
                if (listing is not null)
                {
                    var market = listing.Offering.Market;
                    feeds.Add(FeedAsync(marketData.SubscribeMarksAsync(trader, market, stop.Token), _ => Dirty.Mark, dirty.Writer));
                    feeds.Add(FeedAsync(marketData.SubscribeTradesAsync(trader, market, stop.Token), _ => Dirty.Trades, dirty.Writer));
                    if (request.Site.Features.OrderBook)
                    {
                        feeds.Add(FeedAsync(marketData.SubscribeOrderBookAsync(trader, market, TradeDesk.BookDepth, stop.Token), _ => Dirty.Book, dirty.Writer));
                    }
                }
            }

            try
            {
                var site = request.Site;
                while (await dirty.Reader.WaitToReadAsync(stop.Token))
                {
                    var changed = Dirty.None;
                    while (dirty.Reader.TryRead(out var flag))
                    {
                        changed |= flag; // a burst of events renders once
                    }

                    if (changed.HasFlag(Dirty.Brand))
                    {
                        site = await sites.ReadAsync(site.OperatorId) ?? site;
                    }

                    var panels = await RenderAsync(changed, site, request, listing, interval, desk, html, context, stop.Token);
                    if (panels.Length > 0)
                    {
                        await WriteEventAsync(context.Response, panels, stop.Token);
                    }
                }
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // the page went away
            }
            finally
            {
                await stop.CancelAsync();
                try
                {
                    await Task.WhenAll(feeds);
                }
                catch (OperationCanceledException)
                {
                    // subscriptions end by cancellation
                }
            }
        });
    }

    private static async Task<string> RenderAsync(
        Dirty changed, OperatorSite site, WebRequest request, MarketListing? listing, CandleInterval interval, TradeDesk desk, ComponentHtml html, HttpContext context,
        CancellationToken cancellationToken)
    {
        var panels = string.Empty;
        if (changed.HasFlag(Dirty.Brand))
        {
            panels += $"<style data-panel=\"brand-style\">{BrandStyle.Css(site.Branding)}</style>";
            panels += await html.RenderAsync<BrandHeader>(new Dictionary<string, object?> { ["Site"] = site, ["Trader"] = request.Trader?.Trader?.ToString() });
        }

        if (request.Trader is not { } trader)
        {
            return panels;
        }

        if (changed.HasFlag(Dirty.Account) || changed.HasFlag(Dirty.Mark))
        {
            panels += await html.RenderAsync<AccountPanel>(await desk.AccountAsync(trader));
            panels += await html.RenderAsync<PositionsPanel>(await desk.PositionsAsync(trader, PageEndpoints.AlertThreshold(context)));
        }

        if (changed.HasFlag(Dirty.Account))
        {
            panels += await html.RenderAsync<HistoryPanel>(await desk.HistoryAsync(trader));
        }

        if (listing is not null && (changed & (Dirty.Mark | Dirty.Book | Dirty.Trades)) != 0)
        {
            var markets = await desk.MarketsAsync(trader);
            var fresh = TradeDesk.Select(markets, listing.Offering.Market.Symbol) ?? listing;
            var market = await desk.MarketAsync(trader, fresh, site, cancellationToken, interval);
            panels += changed.HasFlag(Dirty.Mark) ? await html.RenderAsync<MarkPanel>(market) : string.Empty;
            panels += changed.HasFlag(Dirty.Book) && site.Features.OrderBook ? await html.RenderAsync<BookPanel>(market) : string.Empty;
            panels += changed.HasFlag(Dirty.Trades) ? await html.RenderAsync<TradesPanel>(market) : string.Empty;
            panels += changed.HasFlag(Dirty.Trades) && site.Features.Chart ? await html.RenderAsync<ChartPanel>(market) : string.Empty;
        }

        return panels;
    }

    private static async Task WriteEventAsync(HttpResponse response, string panels, CancellationToken cancellationToken)
    {
        // one "data:" line per line of HTML: the browser joins them with newlines
        var lines = panels.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n').Select(l => "data: " + l);
        await response.WriteAsync(string.Join('\n', lines) + "\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static async Task FeedAsync<T>(IAsyncEnumerable<T> source, Func<T, Dirty> classify, ChannelWriter<Dirty> dirty)
    {
        try
        {
            await foreach (var item in source)
            {
                var flag = classify(item);
                if (flag != Dirty.None)
                {
                    dirty.TryWrite(flag);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the page went away
        }
        catch (ApiException)
        {
            // a feed the caller may not read (e.g. no book venue): the other panels stay live
        }
    }

    private static async Task WatchBrandAsync(SiteResolver sites, OperatorSite site, TimeSpan interval, TimeProvider time, ChannelWriter<Dirty> dirty, CancellationToken cancellationToken)
    {
        var version = site.Version;
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = await sites.ReadAsync(site.OperatorId);
                if (now is not null && now.Version != version)
                {
                    version = now.Version;
                    dirty.TryWrite(Dirty.Brand);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the page went away
        }
    }
}
