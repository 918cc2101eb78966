using System.Numerics;
using PerpStudio.Ethereum.Eip712;

namespace PerpStudio.Ethereum.Tests.Eip712;

public sealed class TypedDataErrorTests
{
    private static TypedDataException HashError(string fieldType, object? value)
    {
        var schema = TypedDataSchema.Create(new Dictionary<string, IReadOnlyList<TypedDataField>>
        {
            ["Order"] = [new("value", fieldType)],
        });
        return Should.Throw<TypedDataException>(() => schema.HashStruct("Order", new Dictionary<string, object?> { ["value"] = value }));
    }

    [Theory]
    [InlineData("uint8", 256, "256 is out of range for uint8 (0 to 2^8-1)")]
    [InlineData("uint256", -1, "-1 is negative, uint256 is unsigned")]
    [InlineData("int8", 128, "128 is out of range for int8 (-2^7 to 2^7-1)")]
    [InlineData("int8", -129, "-129 is out of range for int8 (-2^7 to 2^7-1)")]
    [InlineData("uint16", "65536", "65536 is out of range for uint16 (0 to 2^16-1)")]
    [InlineData("uint64", "1.5", "\"1.5\" is not an integer for uint64")]
    [InlineData("uint64", 1.5, "uint64 needs an integer")]
    public void Integers_out_of_range_or_not_integral_are_rejected(string type, object value, string expected)
    {
        var error = HashError(type, value);
        error.Path.ShouldBe("value");
        error.Reason.ShouldStartWith(expected);
    }

    [Fact]
    public void A_uint256_above_2_to_the_256_is_rejected()
    {
        HashError("uint256", BigInteger.One << 256).Reason.ShouldContain("out of range for uint256");
    }

    [Theory]
    [InlineData("0x1234", "address must be 20 bytes")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "wrong EIP-55 checksum")]
    public void Addresses_of_wrong_length_or_checksum_are_rejected(string value, string expected)
    {
        HashError("address", value).Reason.ShouldContain(expected);
        HashError("address", new byte[19]).Reason.ShouldBe("an address is 20 bytes, got 19");
    }

    [Fact]
    public void BytesN_needs_exactly_N_bytes()
    {
        HashError("bytes4", new byte[3]).Reason.ShouldBe("bytes4 needs exactly 4 bytes, got 3");
        HashError("bytes32", "0x12").Reason.ShouldBe("bytes32 needs exactly 32 bytes, got 1");
    }

    [Theory]
    [InlineData("uint7")]
    [InlineData("uint264")]
    [InlineData("bytes33")]
    [InlineData("bytes0")]
    [InlineData("Unknown")]
    [InlineData("uint")]
    [InlineData("string[0]")]
    public void Unknown_types_are_rejected_when_the_schema_is_built(string type)
    {
        var error = Should.Throw<TypedDataException>(() => TypedDataSchema.Create(new Dictionary<string, IReadOnlyList<TypedDataField>>
        {
            ["Order"] = [new("value", type)],
        }));
        error.Path.ShouldBe("types.Order.value");
    }

    [Fact]
    public void Missing_and_extra_members_are_rejected_with_their_path()
    {
        var data = EtherMailTests.FromObjects();
        var missing = new TypedData(data.Types, "Mail", data.Domain, new Dictionary<string, object?>
        {
            ["from"] = new Dictionary<string, object?> { ["name"] = "Cow" },
            ["to"] = data.Message["to"],
            ["contents"] = "x",
        });
        var error = Should.Throw<TypedDataException>(() => missing.Hash());
        error.Message.ShouldBe("message.from.wallet: missing member of Person");

        var extra = new TypedData(data.Types, "Mail", data.Domain, new Dictionary<string, object?>(data.Message) { ["cc"] = "x" });
        Should.Throw<TypedDataException>(() => extra.Hash()).Message.ShouldBe("message.cc: is not a member of Mail");
    }

    [Fact]
    public void Array_errors_name_the_element_and_fixed_arrays_need_their_length()
    {
        var schema = TypedDataSchema.Create(new Dictionary<string, IReadOnlyList<TypedDataField>>
        {
            ["Batch"] = [new("sizes", "uint8[]"), new("pair", "bool[2]")],
        });
        var bad = Should.Throw<TypedDataException>(() => schema.HashStruct("Batch", new Dictionary<string, object?>
        {
            ["sizes"] = new object[] { 1, 2, 300 },
            ["pair"] = new object[] { true, false },
        }));
        bad.Path.ShouldBe("sizes[2]");

        var shortPair = Should.Throw<TypedDataException>(() => schema.HashStruct("Batch", new Dictionary<string, object?>
        {
            ["sizes"] = Array.Empty<object>(),
            ["pair"] = new object[] { true },
        }));
        shortPair.Message.ShouldBe("pair: bool[2] needs exactly 2 elements, got 1");
    }

    [Fact]
    public void Malformed_json_and_unknown_primary_types_are_rejected()
    {
        Should.Throw<TypedDataException>(() => TypedData.FromJson("{")).Reason.ShouldStartWith("not valid JSON");
        Should.Throw<TypedDataException>(() => TypedData.FromJson("""{"types":{},"domain":{},"message":{}}""")).Message
            .ShouldBe("primaryType: is missing");
        Should.Throw<TypedDataException>(() => TypedData.FromJson(EtherMailTests.Json.Replace("\"primaryType\": \"Mail\"", "\"primaryType\": \"Letter\"", StringComparison.Ordinal)))
            .Message.ShouldBe("primaryType: 'Letter' is not one of the declared types");
        Should.Throw<TypedDataException>(() => TypedData.FromJson(EtherMailTests.Json.Replace("\"chainId\": 1", "\"chainId\": 1.5", StringComparison.Ordinal)))
            .Message.ShouldBe("domain.chainId: 1.5 is not an integer (EIP-712 has no fractional numbers)");
    }

    [Fact]
    public void A_domain_member_that_EIP712_does_not_define_is_rejected_when_no_domain_type_is_given()
    {
        var error = Should.Throw<TypedDataException>(() => new TypedData(
            new Dictionary<string, IReadOnlyList<TypedDataField>> { ["A"] = [new("x", "bool")] },
            "A",
            new Dictionary<string, object?> { ["chain"] = 1 },
            new Dictionary<string, object?> { ["x"] = true }));
        error.Path.ShouldBe("domain.chain");
    }
}
