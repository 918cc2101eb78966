using PerpStudio.Domain.Errors;

namespace PerpStudio.Domain.Markets;

/// <summary>The markets a caller knows, by symbol; looking up an unlisted one is a NotFound refusal, never an exception.</summary>
public sealed class MarketCatalog
{
    private readonly Dictionary<string, MarketRules> _markets;

    /// <summary>Creates a catalog of validated markets (later duplicates replace earlier ones).</summary>
    public MarketCatalog(IEnumerable<MarketRules> markets)
    {
        ArgumentNullException.ThrowIfNull(markets);
        _markets = new Dictionary<string, MarketRules>(StringComparer.Ordinal);
        foreach (var market in markets)
        {
            _markets[market.Id.Symbol] = market;
        }
    }

    /// <summary>How many markets are listed.</summary>
    public int Count => _markets.Count;

    /// <summary>Looks a market up without building a refusal.</summary>
    public bool TryFind(MarketId market, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MarketRules? rules)
    {
        rules = null;
        return market.Symbol is not null && _markets.TryGetValue(market.Symbol, out rules);
    }

    /// <summary>The market's rules, or <c>unknown_market</c> (NotFound).</summary>
    public Result<MarketRules> Find(MarketId market) =>
        market.Symbol is not null && _markets.TryGetValue(market.Symbol, out var rules)
            ? rules
            : Refusals.UnknownMarket(market.Symbol ?? "");
}
