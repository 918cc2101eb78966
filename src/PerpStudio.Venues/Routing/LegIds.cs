using System.Security.Cryptography;
using System.Text;
using PerpStudio.Domain.Orders;

namespace PerpStudio.Venues.Routing;

/// <summary>
/// The client order ids the router sends to venues. Traders of one operator share the operator's venue account,
/// so a trader's own id cannot go to the venue; each leg's id is derived from (operator, trader, client order id,
/// leg index) by SHA-256, written in 26 characters of lowercase base32: unique per operator, valid as a
/// <see cref="ClientOrderId"/>, and the same on every retry, so a venue's idempotency stops a second order.
/// </summary>
public static class LegIds
{
    /// <summary>Characters in a leg id.</summary>
    public const int Length = 26;

    /// <summary>How far apart the indices of one plan leg's successive re-routes are.</summary>
    public const int AttemptStride = 100;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>The leg index of attempt <paramref name="attempt"/> (0: as planned) of plan leg <paramref name="ordinal"/>.</summary>
    public static int IndexOf(int ordinal, int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ordinal, AttemptStride);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        return checked((attempt * AttemptStride) + ordinal);
    }

    /// <summary>Derives the venue client order id of one leg.</summary>
    public static ClientOrderId Derive(OrderOwner owner, ClientOrderId clientOrderId, int legIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(legIndex);

        // each field is length-prefixed so that ("a/b", "c") and ("a", "b/c") cannot collide
        var text = $"{owner.OperatorId.Length}:{owner.OperatorId}|{owner.TraderId.Length}:{owner.TraderId}|{clientOrderId.Value.Length}:{clientOrderId.Value}|{legIndex}";
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        Span<char> id = stackalloc char[Length];
        var bits = 0;
        var buffer = 0;
        var written = 0;
        foreach (var b in hash)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5 && written < Length)
            {
                bits -= 5;
                id[written++] = Alphabet[(buffer >> bits) & 31];
            }

            if (written == Length)
            {
                break;
            }
        }

        return new ClientOrderId(new string(id));
    }
}
