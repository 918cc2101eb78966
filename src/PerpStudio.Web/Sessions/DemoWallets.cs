using System.Collections.Concurrent;
using System.Security.Cryptography;
using PerpStudio.Ethereum;

namespace PerpStudio.Web.Sessions;

/// <summary>
/// Demo wallets: one private key per browser, generated and kept on the server (never sent to the browser), so the
/// sign-in challenge can be signed without a wallet extension. Keys live in memory only: a demo wallet is a test key.
/// </summary>
public sealed class DemoWallets
{
    private readonly ConcurrentDictionary<string, PrivateKey> _keys = new(StringComparer.Ordinal);

    /// <summary>The wallet of the browser holding <paramref name="walletId"/>; a new wallet (and id) when unknown.</summary>
    public (string WalletId, PrivateKey Key) Open(string? walletId)
    {
        if (walletId is not null && _keys.TryGetValue(walletId, out var known))
        {
            return (walletId, known);
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var key = _keys.GetOrAdd(id, _ => PrivateKey.Generate());
        return (id, key);
    }

    /// <summary>The address of a known wallet, or null.</summary>
    public EthereumAddress? AddressOf(string? walletId) =>
        walletId is not null && _keys.TryGetValue(walletId, out var key) ? key.Address : null;

    /// <summary>Signs <paramref name="message"/> as <c>personal_sign</c> (EIP-191) would in a wallet.</summary>
    public static string PersonalSign(PrivateKey key, string message) => PersonalMessage.Sign(key, message).ToHex();
}
