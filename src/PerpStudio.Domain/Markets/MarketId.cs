namespace PerpStudio.Domain.Markets;

/// <summary>A market's symbol on the platform, e.g. "BTC-USD": upper-case base asset, a dash, the quote asset.</summary>
/// <param name="Symbol">The symbol text.</param>
public readonly record struct MarketId(string Symbol)
{
    /// <inheritdoc />
    public override string ToString() => Symbol;
}
