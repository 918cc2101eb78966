using System.Security.Cryptography;
using System.Text;
using PerpStudio.Domain.Orders;

namespace PerpStudio.Grains.Orders;

/// <summary>
/// The platform's order id for a trader's client order id: a hash of account and client order id, so the same order
/// retried anywhere gets the same id (the venue's idempotency key) and two traders' ids never collide at the venue.
/// </summary>
public static class PlatformOrderIds
{
    /// <summary>"ps-" and 40 hex digits: a valid venue client order id.</summary>
    public static string For(string accountKey, ClientOrderId clientOrderId)
    {
        ArgumentNullException.ThrowIfNull(accountKey);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{accountKey}\n{clientOrderId.Value}"));
        return "ps-" + Convert.ToHexStringLower(hash.AsSpan(0, 20));
    }
}
