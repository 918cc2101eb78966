using System.Buffers;
using System.Globalization;
using System.Text;

namespace PerpStudio.Ethereum;

/// <summary>
/// EIP-191 version 0x45 "personal" messages (<c>personal_sign</c>): keccak256("\u0019Ethereum Signed Message:\n" +
/// decimal byte length + message).
/// </summary>
public static class PersonalMessage
{
    private static readonly byte[] Prefix = Encoding.ASCII.GetBytes("\u0019Ethereum Signed Message:\n");

    /// <summary>The hash a wallet signs for the UTF-8 bytes of <paramref name="message"/>.</summary>
    public static byte[] Hash(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Hash(Encoding.UTF8.GetBytes(message));
    }

    /// <summary>The hash a wallet signs for raw message bytes.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> message)
    {
        Span<byte> length = stackalloc byte[11];
        message.Length.TryFormat(length, out var lengthDigits, default, CultureInfo.InvariantCulture);
        var total = Prefix.Length + lengthDigits + message.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            Prefix.CopyTo(buffer, 0);
            length[..lengthDigits].CopyTo(buffer.AsSpan(Prefix.Length));
            message.CopyTo(buffer.AsSpan(Prefix.Length + lengthDigits));
            return Keccak256.Hash(buffer.AsSpan(0, total));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Signs a text message as <c>personal_sign</c> does.</summary>
    public static EthereumSignature Sign(PrivateKey key, string message)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.SignHash(Hash(message));
    }

    /// <summary>Signs raw message bytes as <c>personal_sign</c> does.</summary>
    public static EthereumSignature Sign(PrivateKey key, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.SignHash(Hash(message));
    }

    /// <summary>The address that signed a text message.</summary>
    /// <exception cref="FormatException">The signature does not recover to any key.</exception>
    public static EthereumAddress RecoverAddress(string message, EthereumSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return signature.RecoverAddress(Hash(message));
    }

    /// <summary>True when the signature over the text message recovers to <paramref name="expected"/>.</summary>
    public static bool Verify(string message, EthereumSignature signature, EthereumAddress expected)
    {
        try
        {
            return RecoverAddress(message, signature) == expected;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
