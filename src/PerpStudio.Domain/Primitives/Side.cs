namespace PerpStudio.Domain.Primitives;

/// <summary>The side of an order or a fill.</summary>
public enum Side
{
    /// <summary>Buy: increases a long or reduces a short.</summary>
    Buy = 1,

    /// <summary>Sell: increases a short or reduces a long.</summary>
    Sell = -1,
}

/// <summary>Side arithmetic used by position math.</summary>
public static class SideExtensions
{
    /// <summary>+1 for buy, -1 for sell.</summary>
    public static int Sign(this Side side) => (int)side;

    /// <summary>The other side.</summary>
    public static Side Opposite(this Side side) => side == Side.Buy ? Side.Sell : Side.Buy;

    /// <summary>A signed size: positive for buy, negative for sell.</summary>
    public static Quantity Signed(this Side side, Quantity size) => side == Side.Buy ? size.Abs() : -size.Abs();
}
