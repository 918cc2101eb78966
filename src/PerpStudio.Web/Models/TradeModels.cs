using PerpStudio.Api.Application;
using PerpStudio.Api.Errors;
using PerpStudio.Api.MarketData;
using PerpStudio.Domain.Primitives;
using PerpStudio.Domain.Risk;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Venues.Contract;
using PerpStudio.Web.Sites;

namespace PerpStudio.Web.Models;

/// <summary>Who is at the page: the operator's site, the trader (if signed in) and the demo wallet offer.</summary>
/// <param name="Site">The operator.</param>
/// <param name="Trader">The signed-in trader's address (EIP-55), or null.</param>
/// <param name="DemoWalletOffered">True when the demo wallet may be used.</param>
/// <param name="DemoWalletAddress">The browser's demo wallet address, when it has one.</param>
/// <param name="ChainId">The chain id asked of wallets.</param>
public sealed record Visitor(OperatorSite Site, string? Trader, bool DemoWalletOffered, string? DemoWalletAddress, long ChainId);

/// <summary>A market's live data.</summary>
/// <param name="Listing">The market as offered.</param>
/// <param name="Book">The book, or null when it could not be read.</param>
/// <param name="Trades">Recent trades, newest first.</param>
/// <param name="Candles">Candles, oldest first.</param>
/// <param name="Features">Which panels the operator shows.</param>
/// <param name="Interval">The candles' interval (1m when not given).</param>
public sealed record MarketModel(
    MarketListing Listing,
    OrderBookSnapshot? Book,
    IReadOnlyList<MarketTrade> Trades,
    IReadOnlyList<CandleBar> Candles,
    Api.Operators.FeatureFlags Features,
    CandleInterval? Interval = null)
{
    /// <summary>The candles' interval.</summary>
    public CandleInterval CandleInterval => Interval ?? CandleIntervals.OneMinute;
}

/// <summary>The account summary panel.</summary>
/// <param name="Summary">Balances and margins.</param>
/// <param name="DemoDeposits">True when the operator allows demo deposits.</param>
public sealed record AccountModel(AccountSummary Summary, bool DemoDeposits);

/// <summary>What the last action did, or why it was refused (a live region beside the panels).</summary>
/// <param name="Refusal">The refusal, or null.</param>
/// <param name="Notice">What was done, or null.</param>
public sealed record NoticeModel(ApiError? Refusal, string? Notice)
{
    /// <summary>Nothing to say.</summary>
    public static readonly NoticeModel None = new(null, null);
}

/// <summary>The positions panel.</summary>
/// <param name="Rows">Positions.</param>
/// <param name="AlertThreshold">The trader's margin-ratio alert threshold, or null.</param>
public sealed record PositionsModel(IReadOnlyList<PositionRow> Rows, Rate? AlertThreshold);

/// <summary>An isolated-margin change awaiting confirmation, or why it cannot be made.</summary>
/// <param name="Market">The market of the isolated position.</param>
/// <param name="Amount">The amount typed (positive adds, negative removes), when it parsed.</param>
/// <param name="Preview">What the domain says it would do, or null.</param>
/// <param name="Refusal">Why it cannot be made, or null.</param>
public sealed record MarginChangeModel(string Market, Money? Amount, IsolatedMarginPreview? Preview, ApiError? Refusal)
{
    /// <summary>Nothing pending.</summary>
    public static readonly MarginChangeModel None = new(string.Empty, null, null, null);
}

/// <summary>Open orders, fills, funding and the ledger.</summary>
/// <param name="OpenOrders">Open orders.</param>
/// <param name="Fills">Fills, newest first.</param>
/// <param name="Ledger">Ledger entries, newest first.</param>
public sealed record HistoryModel(IReadOnlyList<OrderView> OpenOrders, IReadOnlyList<FillView> Fills, IReadOnlyList<LedgerEntry> Ledger)
{
    /// <summary>Funding payments (ledger entries of kind funding).</summary>
    public IEnumerable<LedgerEntry> Funding => Ledger.Where(e => e.Kind == LedgerEntryKind.Funding);
}

/// <summary>The order ticket panel.</summary>
/// <param name="Listing">The market.</param>
/// <param name="LeverageSelector">True when the operator lets traders choose leverage.</param>
/// <param name="OneClick">True when orders go without a confirmation step.</param>
/// <param name="Preview">The preview panel.</param>
public sealed record TicketModel(MarketListing Listing, bool LeverageSelector, bool OneClick, PreviewModel Preview);

/// <summary>The figures before submitting, or why the order would be refused.</summary>
/// <param name="Outcome">The risk service's preview, or null before the form is filled.</param>
/// <param name="Refusal">A refusal (form parsing or domain), or null.</param>
/// <param name="Placed">What the last submission did, or null.</param>
public sealed record PreviewModel(OrderPreviewOutcome? Outcome, ApiError? Refusal, string? Placed = null)
{
    /// <summary>Nothing typed yet.</summary>
    public static readonly PreviewModel Empty = new(null, null);
}

/// <summary>The risk panel: stress test, sizing and the alert threshold.</summary>
/// <param name="Markets">Markets offered (for shocks and sizing).</param>
/// <param name="Stress">The last stress result, or null.</param>
/// <param name="Sizing">The last sizing result, or null.</param>
/// <param name="AlertThreshold">The alert threshold, or null.</param>
/// <param name="Refusal">Why the last request was refused, or null.</param>
public sealed record RiskModel(IReadOnlyList<string> Markets, StressResult? Stress, SizingResult? Sizing, Rate? AlertThreshold, ApiError? Refusal = null);

/// <summary>The whole trading page.</summary>
/// <param name="Visitor">Who is here.</param>
/// <param name="Markets">Markets offered.</param>
/// <param name="Market">The selected market's data, or null when none is offered.</param>
/// <param name="Ticket">The ticket, or null.</param>
/// <param name="Account">The account panel, or null when signed out.</param>
/// <param name="Positions">The positions panel, or null when signed out.</param>
/// <param name="History">Orders and history, or null when signed out.</param>
/// <param name="Risk">The risk panel, or null when signed out.</param>
public sealed record TradePageModel(
    Visitor Visitor,
    IReadOnlyList<MarketListing> Markets,
    MarketModel? Market,
    TicketModel? Ticket,
    AccountModel? Account,
    PositionsModel? Positions,
    HistoryModel? History,
    RiskModel? Risk);
