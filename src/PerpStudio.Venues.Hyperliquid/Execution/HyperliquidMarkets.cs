using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Hyperliquid.Common;
using PerpStudio.Venues.Hyperliquid.Http;

namespace PerpStudio.Venues.Hyperliquid.Execution;

/// <summary>One Hyperliquid perp in platform terms.</summary>
/// <param name="Market">The platform market and spec.</param>
/// <param name="Meta">The venue's asset entry (index, size decimals).</param>
public sealed record HyperliquidMarket(VenueMarket Market, PerpAssetMeta Meta)
{
    /// <summary>The platform id.</summary>
    public MarketId Id => Market.Id;

    /// <summary>The venue's coin.</summary>
    public string Coin => Meta.Name;

    /// <summary>The asset index.</summary>
    public int Asset => Meta.Asset;

    /// <summary>The spec.</summary>
    public MarketSpec Spec => Market.Spec;
}

/// <summary>
/// The venue's perps as platform markets: "BTC" is "BTC-USD"; the tick is Hyperliquid's price step at the current
/// mid (5 significant figures, at most 6 - szDecimals decimals), the lot 10^-szDecimals, the tiers from the margin
/// tables. Delisted assets are left out.
/// </summary>
public sealed class HyperliquidMarkets
{
    private readonly Dictionary<MarketId, HyperliquidMarket> _byId;
    private readonly Dictionary<string, HyperliquidMarket> _byCoin;

    private HyperliquidMarkets(IEnumerable<HyperliquidMarket> markets)
    {
        var list = markets.ToList();
        _byId = list.ToDictionary(m => m.Id);
        _byCoin = list.ToDictionary(m => m.Coin, StringComparer.Ordinal);
        All = list;
    }

    /// <summary>Every market, in asset order.</summary>
    public IReadOnlyList<HyperliquidMarket> All { get; }

    /// <summary>The platform id of a coin.</summary>
    public static MarketId IdOf(string coin) => new(coin.ToUpperInvariant() + "-USD");

    /// <summary>Builds the markets from meta and mid prices.</summary>
    public static HyperliquidMarkets From(PerpMeta meta, IReadOnlyDictionary<string, Price> mids)
    {
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(mids);
        var markets = new List<HyperliquidMarket>();
        var ids = new HashSet<MarketId>();
        foreach (var asset in meta.Universe)
        {
            var id = IdOf(asset.Name);
            if (asset.IsDelisted || !ids.Add(id))
            {
                continue;
            }

            var tick = mids.TryGetValue(asset.Name, out var mid)
                ? HyperliquidPriceRules.TickAt(mid, asset.SzDecimals)
                : HyperliquidPriceRules.FinestTick(asset.SzDecimals);
            var spec = new MarketSpec(
                id,
                asset.Name,
                tick,
                HyperliquidPriceRules.LotSize(asset.SzDecimals),
                HyperliquidPriceRules.MinOrderValue,
                meta.TiersOf(asset),
                asset.OnlyIsolated);
            markets.Add(new HyperliquidMarket(new VenueMarket(spec, asset.Name), asset));
        }

        return new HyperliquidMarkets(markets);
    }

    /// <summary>A market by platform id.</summary>
    public bool TryGet(MarketId id, out HyperliquidMarket market) => _byId.TryGetValue(id, out market!);

    /// <summary>A market by coin.</summary>
    public bool TryGetByCoin(string coin, out HyperliquidMarket market) => _byCoin.TryGetValue(coin, out market!);
}
