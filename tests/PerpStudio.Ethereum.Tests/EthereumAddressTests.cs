using System.Text.Json.Nodes;

namespace PerpStudio.Ethereum.Tests;

public sealed class EthereumAddressTests
{
    // The examples listed in EIP-55.
    public static TheoryData<string> Eip55Examples => new()
    {
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
        "0x52908400098527886E0F7030069857D2E4169EE7",
        "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
        "0xde709f2102306220921060314715629080e2fb77",
        "0x27b1fdb04752bbc536007a920d24acb045561c26",
    };

    [Theory]
    [MemberData(nameof(Eip55Examples))]
    public void The_EIP55_examples_format_and_validate(string checksummed)
    {
        var address = EthereumAddress.Parse(checksummed.ToLowerInvariant());
        address.ToString().ShouldBe(checksummed);
        EthereumAddress.IsValid(checksummed).ShouldBeTrue();
        EthereumAddress.Parse(checksummed).ShouldBe(address);
    }

    [Fact]
    public void A_mixed_case_address_with_a_wrong_checksum_is_rejected()
    {
        // One letter's case flipped in the first EIP-55 example.
        var error = Should.Throw<FormatException>(() => EthereumAddress.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
        error.Message.ShouldContain("wrong EIP-55 checksum");
        error.Message.ShouldContain("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    }

    [Fact]
    public void All_uppercase_digits_are_accepted_without_a_checksum()
    {
        EthereumAddress.Parse("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED").ToString()
            .ShouldBe("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    }

    [Theory]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea", "address must be 20 bytes")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00", "address must be 20 bytes")]
    [InlineData("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "must start with 0x")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg", "'g' at hex digit 39")]
    public void Malformed_addresses_are_rejected_with_the_reason(string text, string expected)
    {
        Should.Throw<FormatException>(() => EthereumAddress.Parse(text)).Message.ShouldContain(expected);
    }

    [Fact]
    public void Bytes_round_trip_and_equality_is_by_value()
    {
        var bytes = Enumerable.Range(1, 20).Select(i => (byte)i).ToArray();
        var address = EthereumAddress.FromBytes(bytes);
        address.ToArray().ShouldBe(bytes);
        address.ToLowerHex().ShouldBe("0x0102030405060708090a0b0c0d0e0f1011121314");
        (address == EthereumAddress.FromBytes(bytes)).ShouldBeTrue();
        (address == EthereumAddress.Zero).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => EthereumAddress.FromBytes(new byte[19]));
    }

    [Fact]
    public async Task Checksums_of_random_addresses_match_ethers()
    {
        var random = new Random(55);
        var addresses = Enumerable.Range(0, 300).Select(_ => EthereumAddress.FromBytes(TestKeys.RandomBytes(random, 20))).ToList();
        var requests = new JsonArray(addresses.Select(a => (JsonNode)new JsonObject { ["op"] = "checksum", ["address"] = a.ToLowerHex() }).ToArray());

        var answers = await NodeReference.EthersAsync(requests);

        for (var i = 0; i < addresses.Count; i++)
        {
            addresses[i].ToString().ShouldBe(NodeReference.Text(answers[i], "address"));
        }
    }
}
