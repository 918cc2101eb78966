using System.Text;

namespace PerpStudio.Ethereum.Tests;

public sealed class Keccak256Tests
{
    [Fact]
    public void Keccak_of_empty_input_is_the_published_value_not_sha3()
    {
        Hex.Encode(Keccak256.Hash([])).ShouldBe("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    }

    [Fact]
    public void Keccak_of_abc_is_the_published_value()
    {
        Hex.Encode(Keccak256.Hash("abc"u8)).ShouldBe("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
        Hex.Encode(Keccak256.HashUtf8("abc")).ShouldBe("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    }

    [Fact]
    public void Input_longer_than_the_internal_buffer_hashes_the_same_as_one_block()
    {
        // 3000 bytes are fed in chunks; the digest must not depend on chunking.
        var data = Encoding.ASCII.GetBytes(new string('a', 3000));
        var expected = Keccak256.Hash(data);
        var digest = new Org.BouncyCastle.Crypto.Digests.KeccakDigest(256);
        digest.BlockUpdate(data, 0, data.Length);
        var reference = new byte[32];
        digest.DoFinal(reference, 0);
        expected.ShouldBe(reference);
    }

    [Fact]
    public void A_destination_shorter_than_32_bytes_is_rejected()
    {
        Should.Throw<ArgumentException>(() => Keccak256.Hash("x"u8, new byte[31]));
    }
}
