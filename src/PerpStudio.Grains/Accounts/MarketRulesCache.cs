using System.Runtime.CompilerServices;
using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;

namespace PerpStudio.Grains.Accounts;

/// <summary>The Domain's validated rules of a market spec, built once per spec instance (market grains hand out the same instance).</summary>
public static class MarketRulesCache
{
    private static readonly ConditionalWeakTable<MarketSpec, MarketRules> Rules = [];
    private static readonly ConditionalWeakTable<MarketRules, MarketCatalog> Catalogs = [];

    /// <summary>A catalog of this one market, made once per rules instance (an order is checked against it).</summary>
    public static MarketCatalog CatalogOf(MarketRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return Catalogs.GetValue(rules, static r => new MarketCatalog([r]));
    }

    /// <summary>The rules of a spec, or why the spec is invalid.</summary>
    public static Result<MarketRules> Of(MarketSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (Rules.TryGetValue(spec, out var cached))
        {
            return cached;
        }

        var created = MarketRules.Create(spec);
        if (created.IsSuccess)
        {
            Rules.AddOrUpdate(spec, created.Value);
        }

        return created;
    }
}
