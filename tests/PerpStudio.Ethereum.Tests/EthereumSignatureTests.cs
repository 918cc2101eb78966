namespace PerpStudio.Ethereum.Tests;

public sealed class EthereumSignatureTests
{
    private const string CowMailSignature =
        "0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b915621c";

    [Fact]
    public void A_65_byte_signature_round_trips_through_hex()
    {
        var signature = EthereumSignature.Parse(CowMailSignature);
        signature.V.ShouldBe(28);
        signature.RecoveryId.ShouldBe(1);
        Hex.Encode(signature.R).ShouldBe("0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d");
        signature.ToHex().ShouldBe(CowMailSignature);
        EthereumSignature.FromBytes(signature.ToBytes()).ShouldBe(signature);
    }

    [Fact]
    public void A_bare_recovery_id_as_v_is_normalized_to_27_or_28()
    {
        var bytes = EthereumSignature.Parse(CowMailSignature).ToBytes();
        bytes[64] = 1;
        EthereumSignature.FromBytes(bytes).V.ShouldBe(28);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(26)]
    [InlineData(29)]
    [InlineData(37)]
    public void An_invalid_v_is_rejected(byte v)
    {
        var bytes = EthereumSignature.Parse(CowMailSignature).ToBytes();
        bytes[64] = v;
        Should.Throw<FormatException>(() => EthereumSignature.FromBytes(bytes)).Message
            .ShouldBe($"signature v must be 27 or 28 (or 0/1), got {v}");
        Should.Throw<ArgumentException>(() => new EthereumSignature(bytes.AsSpan(0, 32), bytes.AsSpan(32, 32), v));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(66)]
    public void A_signature_of_the_wrong_length_is_rejected(int length)
    {
        Should.Throw<FormatException>(() => EthereumSignature.FromBytes(new byte[length])).Message
            .ShouldBe($"a signature is 65 bytes (r, s, v), got {length}");
        Should.Throw<FormatException>(() => EthereumSignature.Parse(Hex.Encode(new byte[length]))).Message
            .ShouldContain($"got {length} bytes");
    }

    [Fact]
    public void R_and_s_must_be_32_bytes()
    {
        Should.Throw<ArgumentException>(() => new EthereumSignature(new byte[31], new byte[32], 27)).Message.ShouldContain("r must be 32 bytes, got 31");
        Should.Throw<ArgumentException>(() => new EthereumSignature(new byte[32], new byte[33], 27)).Message.ShouldContain("s must be 32 bytes, got 33");
    }

    [Fact]
    public void Recovering_a_zero_or_high_s_signature_fails_precisely()
    {
        var hash = Keccak256.Hash("x"u8);
        var zero = new EthereumSignature(new byte[32], new byte[32], 27);
        Should.Throw<FormatException>(() => zero.RecoverAddress(hash)).Message.ShouldContain("signature r must be between 1");

        var good = PrivateKey.Generate().SignHash(hash);
        var n = System.Numerics.BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);
        var highS = (n - good.SInteger).ToByteArray(isUnsigned: true, isBigEndian: true);
        var padded = new byte[32];
        highS.CopyTo(padded, 32 - highS.Length);
        var malleable = new EthereumSignature(good.R, padded, good.V == 27 ? 28 : 27);
        Should.Throw<FormatException>(() => malleable.RecoverAddress(hash)).Message.ShouldContain("upper half");
    }

    [Fact]
    public void An_r_that_is_no_curve_x_coordinate_cannot_be_recovered()
    {
        // x = 5 has no point on secp256k1 (5^3 + 7 = 132 is not a square mod p).
        var r = new byte[32];
        r[31] = 5;
        var s = new byte[32];
        s[31] = 1;
        var signature = new EthereumSignature(r, s, 27);
        Should.Throw<FormatException>(() => signature.RecoverAddress(new byte[32])).Message.ShouldContain("not the x coordinate");
    }
}
