using System.Buffers.Binary;
using PerpStudio.Ethereum;
using PerpStudio.Venues.Hyperliquid.Common;

namespace PerpStudio.Venues.Hyperliquid.Signing;

/// <summary>
/// The connection id of an L1 action: keccak256(msgpack(action) ++ nonce as 8 bytes big-endian ++ vault flag
/// (0x00, or 0x01 and the 20 address bytes) ++ when set, 0x00 and expiresAfter as 8 bytes big-endian).
/// </summary>
public static class ActionHash
{
    /// <summary>Computes the 32-byte connection id.</summary>
    /// <param name="action">The action tree, keys in the order the venue expects.</param>
    /// <param name="nonce">The action's nonce (milliseconds).</param>
    /// <param name="vaultAddress">The vault or sub-account traded for, or null.</param>
    /// <param name="expiresAfter">The time after which the venue must refuse the action, or null.</param>
    public static byte[] Compute(WireValue action, long nonce, EthereumAddress? vaultAddress, long? expiresAfter)
    {
        ArgumentNullException.ThrowIfNull(action);
        var buffer = new MsgPackBuffer();
        action.WriteMsgPack(buffer);
        Span<byte> suffix = stackalloc byte[8 + 1 + EthereumAddress.Length + 1 + 8];
        var length = 0;
        BinaryPrimitives.WriteUInt64BigEndian(suffix, checked((ulong)nonce));
        length += 8;
        if (vaultAddress is { } vault)
        {
            suffix[length++] = 1;
            vault.WriteTo(suffix[length..]);
            length += EthereumAddress.Length;
        }
        else
        {
            suffix[length++] = 0;
        }

        if (expiresAfter is { } expires)
        {
            suffix[length++] = 0;
            BinaryPrimitives.WriteUInt64BigEndian(suffix[length..], checked((ulong)expires));
            length += 8;
        }

        buffer.WriteRaw(suffix[..length]);
        return Keccak256.Hash(buffer.WrittenSpan);
    }
}
