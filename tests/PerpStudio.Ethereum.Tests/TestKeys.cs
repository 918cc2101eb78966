namespace PerpStudio.Ethereum.Tests;

/// <summary>Random inputs from a seeded generator, so a failing case can be replayed.</summary>
internal static class TestKeys
{
    /// <summary>keccak256("cow"), the key of the EIP-712 example.</summary>
    public const string Cow = "0xc85ef7d79691fe79573b1a7064c19c1a9819ebdbd1faaab1a8ec92344438aaf4";

    public static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A random valid private key as hex (below the curve order: the top byte is kept under 0xff).</summary>
    public static string RandomPrivateKeyHex(Random random)
    {
        var bytes = RandomBytes(random, 32);
        bytes[0] = (byte)(bytes[0] % 0xFF);
        if (bytes.All(b => b == 0))
        {
            bytes[31] = 1;
        }

        return Hex.Encode(bytes);
    }

}
