using PerpStudio.Domain.Markets;

namespace PerpStudio.Grains.Abstractions;

/// <summary>
/// The string keys of the grains: an operator is <c>operatorId</c>, an account <c>operatorId/traderId</c>, an isolated
/// position <c>operatorId/traderId/market</c>. Ids may not contain '/', so a key names exactly one owner.
/// </summary>
public static class GrainKeys
{
    /// <summary>The separator between key segments.</summary>
    public const char Separator = '/';

    /// <summary>The name of the grain storage every PerpStudio grain writes to.</summary>
    public const string Storage = "store";

    /// <summary>The key of a trader's account.</summary>
    public static string Account(string operatorId, string traderId) =>
        $"{Segment(operatorId, nameof(operatorId))}{Separator}{Segment(traderId, nameof(traderId))}";

    /// <summary>The key of a trader's isolated position in a market.</summary>
    public static string Isolated(string operatorId, string traderId, MarketId market) =>
        $"{Account(operatorId, traderId)}{Separator}{Segment(market.Symbol, nameof(market))}";

    /// <summary>The key of the isolated position of an account (given by its key) in a market.</summary>
    public static string Isolated(string accountKey, MarketId market) =>
        $"{accountKey}{Separator}{Segment(market.Symbol, nameof(market))}";

    /// <summary>Splits an account key into operator and trader.</summary>
    public static (string OperatorId, string TraderId) ParseAccount(string accountKey)
    {
        ArgumentNullException.ThrowIfNull(accountKey);
        var parts = accountKey.Split(Separator);
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0
            ? (parts[0], parts[1])
            : throw new ArgumentException($"'{accountKey}' is not an account key operatorId/traderId", nameof(accountKey));
    }

    /// <summary>Splits an isolated position key into its account key and market.</summary>
    public static (string AccountKey, MarketId Market) ParseIsolated(string isolatedKey)
    {
        ArgumentNullException.ThrowIfNull(isolatedKey);
        var parts = isolatedKey.Split(Separator);
        return parts.Length == 3 && parts.All(p => p.Length > 0)
            ? ($"{parts[0]}{Separator}{parts[1]}", new MarketId(parts[2]))
            : throw new ArgumentException($"'{isolatedKey}' is not an isolated position key operatorId/traderId/market", nameof(isolatedKey));
    }

    private static string Segment(string? value, string name)
    {
        if (string.IsNullOrEmpty(value) || value.Contains(Separator, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{name} must be non-empty and contain no '{Separator}'", name);
        }

        return value;
    }
}
