using System.Diagnostics;
using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Ethereum;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Hyperliquid.Common;
using PerpStudio.Venues.Hyperliquid.Config;
using PerpStudio.Venues.Hyperliquid.Http;
using PerpStudio.Venues.Hyperliquid.Nonces;
using PerpStudio.Venues.Hyperliquid.RateLimits;
using PerpStudio.Venues.Hyperliquid.WebSocket;

namespace PerpStudio.Venues.Hyperliquid.Execution;

/// <summary>
/// Hyperliquid as a platform venue: the operator's account there, traded through an agent wallet. Orders carry a
/// cloid derived from the client order id, so a retried placement is recognised by the venue; fills stream over the
/// websocket and are recovered from history after a reconnect, each fill id delivered once.
/// </summary>
public sealed partial class HyperliquidVenue : IVenue, IAsyncDisposable
{
    private readonly HyperliquidVenueOptions _options;
    private readonly HyperliquidCredentials _credentials;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly OrderRegistry _orders = new();
    private readonly BuilderFee? _builder;
    private HyperliquidMarkets _markets;
    private int _disposed;

    private HyperliquidVenue(
        HyperliquidVenueOptions options,
        HyperliquidCredentials credentials,
        HttpClient http,
        bool ownsHttp,
        TimeProvider time,
        INonceStore nonceStore,
        HyperliquidMarkets markets,
        HyperliquidInfoClient info,
        WeightedRateLimiter limiter)
    {
        _options = options;
        _credentials = credentials;
        _http = http;
        _ownsHttp = ownsHttp;
        _time = time;
        _markets = markets;
        Info = info;
        Id = new VenueId(options.VenueId);
        AddressBudget = new AddressRequestBudget(time);
        EthereumAddress? vault = options.VaultAddress is { Length: > 0 } v ? EthereumAddress.Parse(v) : null;
        Exchange = new HyperliquidExchangeClient(http, options.EffectiveApiUrl, options.Network, credentials.AgentKey, new NonceSource(time, nonceStore), limiter, AddressBudget, vault);
        _builder = options.BuilderAddress is { Length: > 0 } b ? new BuilderFee(EthereumAddress.Parse(b), options.BuilderFeeTenthsOfBasisPoint) : null;
        _socket = new HyperliquidWebSocketClient(options.EffectiveWebSocketUrl, time, options.ReconnectDelay, options.MaxReconnectDelay, options.HeartbeatInterval)
        {
            OnMessage = OnSocketMessageAsync,
            OnReconnected = RecoverAfterReconnectAsync,
        };
        Capabilities = BuildCapabilities();
    }

    /// <inheritdoc />
    public VenueId Id { get; }

    /// <inheritdoc />
    public VenueCapabilities Capabilities { get; private set; }

    /// <summary>The /info client (shares the rate limiter).</summary>
    public HyperliquidInfoClient Info { get; }

    /// <summary>The /exchange client.</summary>
    public HyperliquidExchangeClient Exchange { get; }

    /// <summary>The account's address-based request budget.</summary>
    public AddressRequestBudget AddressBudget { get; }

    /// <summary>The account traded.</summary>
    public EthereumAddress Account => _credentials.Account;

    /// <summary>
    /// Connects the adapter: reads the markets (so capabilities and specs are known) and the account's request budget.
    /// Credentials come from the options or the environment; the nonce store from <see cref="HyperliquidVenueOptions.NonceStorePath"/>
    /// unless one is given.
    /// </summary>
    public static async Task<HyperliquidVenue> CreateAsync(
        HyperliquidVenueOptions options,
        HttpClient? http = null,
        TimeProvider? time = null,
        INonceStore? nonceStore = null,
        HyperliquidCredentials? credentials = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        time ??= TimeProvider.System;
        credentials ??= HyperliquidCredentials.Resolve(options.AgentPrivateKey, options.AccountAddress);
        nonceStore ??= options.NonceStorePath is { Length: > 0 } path ? new FileNonceStore(path) : new InMemoryNonceStore();
        var ownsHttp = http is null;
        http ??= new HttpClient { Timeout = options.RequestTimeout };
        var limiter = new WeightedRateLimiter(options.RestWeightPerMinute, TimeSpan.FromMinutes(1), time, options.MaxRateLimitWait);
        var info = new HyperliquidInfoClient(http, options.EffectiveApiUrl, limiter);
        var markets = await LoadMarketsAsync(info, cancellationToken).ConfigureAwait(false);
        var venue = new HyperliquidVenue(options, credentials, http, ownsHttp, time, nonceStore, markets, info, limiter);
        venue.AddressBudget.Update(await info.UserRateLimitAsync(credentials.Account, cancellationToken).ConfigureAwait(false));
        return venue;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VenueMarket>> GetMarketsAsync(CancellationToken cancellationToken)
    {
        _markets = await LoadMarketsAsync(Info, cancellationToken).ConfigureAwait(false);
        Capabilities = BuildCapabilities();
        return _markets.All.Select(m => m.Market).ToList();
    }

    /// <inheritdoc />
    public async Task<Result<OrderBookSnapshot>> GetOrderBookAsync(MarketId market, int depth, CancellationToken cancellationToken)
    {
        if (!_markets.TryGet(market, out var m))
        {
            return VenueRejectCodes.UnknownMarketError(market);
        }

        var book = await Info.L2BookAsync(m.Coin, cancellationToken).ConfigureAwait(false);
        return Snapshot(m, book, depth);
    }

    /// <inheritdoc />
    public async Task<Result<MarketPrices>> GetMarketPricesAsync(MarketId market, CancellationToken cancellationToken)
    {
        if (!_markets.TryGet(market, out var m))
        {
            return VenueRejectCodes.UnknownMarketError(market);
        }

        var (_, contexts) = await Info.MetaAndAssetContextsAsync(cancellationToken).ConfigureAwait(false);
        var context = contexts.FirstOrDefault(c => c.Coin == m.Coin);
        if (context is null)
        {
            return VenueRejectCodes.UnknownMarketError(market);
        }

        var now = _time.GetUtcNow();
        // funding settles on every hour
        var nextHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        return new MarketPrices(market, context.MarkPrice, context.OraclePrice, context.Funding, nextHour, now);
    }

    /// <inheritdoc />
    public async Task<VenueAccountState> GetAccountAsync(CancellationToken cancellationToken)
    {
        var state = await Info.ClearinghouseStateAsync(_credentials.Account, cancellationToken).ConfigureAwait(false);
        var positions = new List<VenuePosition>();
        var unrealized = Money.Zero;
        foreach (var p in state.Positions)
        {
            unrealized += p.UnrealizedPnl;
            if (p.Size.IsZero)
            {
                continue;
            }

            var entry = p.EntryPrice is { } px ? Notional.Of(p.Size, px, Rounding.HalfEven) : Money.Zero;
            positions.Add(new VenuePosition(HyperliquidMarkets.IdOf(p.Coin), p.Size, entry, p.UnrealizedPnl));
        }

        // account value = cash + unrealized PnL over all positions, cross and isolated
        var collateral = state.MarginSummary.AccountValue - unrealized;
        var time = state.Time is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : _time.GetUtcNow();
        return new VenueAccountState(new VenueBalance(collateral, unrealized), positions, time);
    }

    /// <inheritdoc />
    public async Task<VenueHealth> GetHealthAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await Info.AllMidsAsync(cancellationToken).ConfigureAwait(false);
            return new VenueHealth(VenueHealthStatus.Up, Stopwatch.GetElapsedTime(started), _time.GetUtcNow(), "");
        }
        catch (Exception e) when (e is VenueUnavailableException or RateLimitExceededException or FormatException)
        {
            var status = e is RateLimitExceededException ? VenueHealthStatus.Degraded : VenueHealthStatus.Down;
            return new VenueHealth(status, Stopwatch.GetElapsedTime(started), _time.GetUtcNow(), e.Message);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _socket.DisposeAsync().ConfigureAwait(false);
        foreach (var feed in _eventFeeds.Keys)
        {
            feed.Complete();
        }

        foreach (var feed in _bookFeeds.Keys)
        {
            feed.Complete();
        }

        foreach (var feed in _tradeFeeds.Keys)
        {
            feed.Complete();
        }

        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <summary>Adapter settings without secrets.</summary>
    public override string ToString() => $"HyperliquidVenue({_options}, {_credentials})";

    private static async Task<HyperliquidMarkets> LoadMarketsAsync(HyperliquidInfoClient info, CancellationToken cancellationToken)
    {
        var meta = await info.MetaAsync(cancellationToken).ConfigureAwait(false);
        var mids = await info.AllMidsAsync(cancellationToken).ConfigureAwait(false);
        return HyperliquidMarkets.From(meta, mids);
    }

    private static OrderBookSnapshot Snapshot(HyperliquidMarket market, L2Book book, int depth)
    {
        depth = Math.Max(depth, 0);
        return new OrderBookSnapshot(
            market.Id,
            book.Time,
            DateTimeOffset.FromUnixTimeMilliseconds(book.Time),
            book.Bids.Take(depth).Select(l => new BookLevel(l.Price, l.Size)).ToList(),
            book.Asks.Take(depth).Select(l => new BookLevel(l.Price, l.Size)).ToList());
    }

    private VenueCapabilities BuildCapabilities() => new(
        new HashSet<MarginMode> { MarginMode.Cross, MarginMode.Isolated },
        new HashSet<OrderType> { OrderType.Market, OrderType.Limit },
        new HashSet<TimeInForce> { TimeInForce.Gtc, TimeInForce.Ioc, TimeInForce.PostOnly },
        Triggers: true,
        ReduceOnly: true,
        Modify: true,
        CancelByClientOrderId: true,
        _markets.All.ToDictionary(m => m.Id, m => m.Spec.MaxLeverage),
        TimeSpan.FromHours(1),
        new VenueFeeSchedule(_options.MakerFee, _options.TakerFee))
    {
        PublicTrades = true,
    };
}
