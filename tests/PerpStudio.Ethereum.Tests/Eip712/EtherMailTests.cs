using System.Numerics;
using PerpStudio.Ethereum.Eip712;

namespace PerpStudio.Ethereum.Tests.Eip712;

/// <summary>The "Ether Mail" example of the EIP-712 specification, with its published intermediate values.</summary>
public sealed class EtherMailTests
{
    internal const string Json = """
        {
          "types": {
            "EIP712Domain": [
              { "name": "name", "type": "string" },
              { "name": "version", "type": "string" },
              { "name": "chainId", "type": "uint256" },
              { "name": "verifyingContract", "type": "address" }
            ],
            "Person": [
              { "name": "name", "type": "string" },
              { "name": "wallet", "type": "address" }
            ],
            "Mail": [
              { "name": "from", "type": "Person" },
              { "name": "to", "type": "Person" },
              { "name": "contents", "type": "string" }
            ]
          },
          "primaryType": "Mail",
          "domain": {
            "name": "Ether Mail",
            "version": "1",
            "chainId": 1,
            "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"
          },
          "message": {
            "from": { "name": "Cow", "wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826" },
            "to": { "name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB" },
            "contents": "Hello, Bob!"
          }
        }
        """;

    internal static TypedData FromObjects() => new(
        new Dictionary<string, IReadOnlyList<TypedDataField>>
        {
            ["Person"] = [new("name", "string"), new("wallet", "address")],
            ["Mail"] = [new("from", "Person"), new("to", "Person"), new("contents", "string")],
        },
        "Mail",
        new Dictionary<string, object?>
        {
            ["name"] = "Ether Mail",
            ["version"] = "1",
            ["chainId"] = BigInteger.One,
            ["verifyingContract"] = EthereumAddress.Parse("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"),
        },
        new Dictionary<string, object?>
        {
            ["from"] = new Dictionary<string, object?> { ["name"] = "Cow", ["wallet"] = "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826" },
            ["to"] = new Dictionary<string, object?> { ["name"] = "Bob", ["wallet"] = "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB" },
            ["contents"] = "Hello, Bob!",
        });

    [Fact]
    public void EncodeType_lists_the_primary_type_then_referenced_types()
    {
        var data = TypedData.FromJson(Json);
        data.Schema.EncodeType("Mail").ShouldBe("Mail(Person from,Person to,string contents)Person(string name,address wallet)");
        Hex.Encode(data.Schema.TypeHash("Mail")).ShouldBe("0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2");
    }

    [Fact]
    public void Domain_separator_struct_hash_and_digest_match_the_specification()
    {
        foreach (var data in new[] { TypedData.FromJson(Json), FromObjects() })
        {
            Hex.Encode(data.DomainSeparator()).ShouldBe("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f");
            Hex.Encode(data.StructHash()).ShouldBe("0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e");
            Hex.Encode(data.Hash()).ShouldBe("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");
        }
    }

    [Fact]
    public void The_cow_key_produces_the_published_signature()
    {
        var signature = TypedData.FromJson(Json).Sign(PrivateKey.FromHex(TestKeys.Cow));
        signature.V.ShouldBe(28);
        Hex.Encode(signature.R).ShouldBe("0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d");
        Hex.Encode(signature.S).ShouldBe("0x07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562");
        FromObjects().RecoverSigner(signature).ToString().ShouldBe("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826");
    }
}
