using System.Text;
using PerpStudio.Domain.Orders;
using PerpStudio.Ethereum;

namespace PerpStudio.Venues.Hyperliquid.Common;

/// <summary>
/// Hyperliquid's client order id: 16 bytes, written 0x + 32 lower-case hex digits. The platform's client order id maps
/// to it deterministically (the first 16 bytes of its keccak-256), so a retried placement carries the same cloid and
/// the venue refuses the duplicate instead of opening a second order.
/// </summary>
public readonly record struct Cloid
{
    private readonly string _hex;

    private Cloid(string hex) => _hex = hex;

    /// <summary>The wire text, 0x + 32 hex digits.</summary>
    public string Hex => _hex ?? "0x00000000000000000000000000000000";

    /// <summary>The cloid of a platform client order id.</summary>
    public static Cloid For(ClientOrderId clientOrderId)
    {
        if (!ClientOrderId.IsValid(clientOrderId.Value))
        {
            throw new ArgumentException($"'{clientOrderId.Value}' is not a valid client order id", nameof(clientOrderId));
        }

        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(Encoding.UTF8.GetBytes(clientOrderId.Value), hash);
        return new Cloid(Ethereum.Hex.Encode(hash[..16]));
    }

    /// <summary>Parses 0x + 32 hex digits (any case; kept lower-case).</summary>
    /// <exception cref="FormatException">Anything else.</exception>
    public static Cloid Parse(string? text)
    {
        var bytes = Ethereum.Hex.Decode(text, 16, "cloid");
        return new Cloid(Ethereum.Hex.Encode(bytes));
    }

    /// <inheritdoc />
    public override string ToString() => Hex;
}
