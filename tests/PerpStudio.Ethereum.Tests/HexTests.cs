namespace PerpStudio.Ethereum.Tests;

public sealed class HexTests
{
    [Fact]
    public void Bytes_round_trip_through_lowercase_prefixed_hex()
    {
        var bytes = new byte[] { 0x00, 0x01, 0xab, 0xff };
        Hex.Encode(bytes).ShouldBe("0x0001abff");
        Hex.Decode("0x0001ABff").ShouldBe(bytes);
        Hex.Decode("0x").ShouldBeEmpty();
        Hex.Encode([]).ShouldBe("0x");
    }

    [Theory]
    [InlineData("0001", "must start with 0x")]
    [InlineData("", "must start with 0x")]
    [InlineData("0x123", "odd number of digits (3)")]
    [InlineData("0x12zz", "'z' at hex digit 2")]
    [InlineData("0x 1", "' ' at hex digit 0")]
    public void Malformed_hex_is_rejected_with_the_reason(string text, string expected)
    {
        var error = Should.Throw<FormatException>(() => Hex.Decode(text));
        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void Null_hex_is_rejected()
    {
        Should.Throw<FormatException>(() => Hex.Decode(null)).Message.ShouldContain("null");
        Hex.TryDecode(null, out _).ShouldBeFalse();
    }

    [Fact]
    public void Hex_of_the_wrong_length_for_a_fixed_size_value_names_the_value()
    {
        var error = Should.Throw<FormatException>(() => Hex.Decode("0x1234", 32, "private key"));
        error.Message.ShouldBe("private key must be 32 bytes (64 hex digits after 0x), got 4 hex digits");
    }
}
