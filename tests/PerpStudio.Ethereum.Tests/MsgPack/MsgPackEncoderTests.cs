using System.Numerics;
using System.Text.Json.Nodes;
using PerpStudio.Ethereum.MsgPack;

namespace PerpStudio.Ethereum.Tests.MsgPack;

public sealed class MsgPackEncoderTests
{
    private static readonly BigInteger[] IntegerBoundaries =
    [
        0, 1, 127, 128, 255, 256, 65535, 65536, uint.MaxValue, (BigInteger)uint.MaxValue + 1, long.MaxValue, ulong.MaxValue,
        -1, -32, -33, -128, -129, -32768, -32769, int.MinValue, (BigInteger)int.MinValue - 1, long.MinValue,
        (BigInteger)1 << 53, ((BigInteger)1 << 53) - 1, -((BigInteger)1 << 53) + 1,
    ];

    private static readonly int[] StringLengths = [0, 1, 31, 32, 255, 256, 65535, 65536];

    [Theory]
    [InlineData(0L, "00")]
    [InlineData(127L, "7f")]
    [InlineData(128L, "cc80")]
    [InlineData(255L, "ccff")]
    [InlineData(256L, "cd0100")]
    [InlineData(65535L, "cdffff")]
    [InlineData(65536L, "ce00010000")]
    [InlineData(4294967295L, "ceffffffff")]
    [InlineData(4294967296L, "cf0000000100000000")]
    [InlineData(-1L, "ff")]
    [InlineData(-32L, "e0")]
    [InlineData(-33L, "d0df")]
    [InlineData(-128L, "d080")]
    [InlineData(-129L, "d1ff7f")]
    [InlineData(-32769L, "d2ffff7fff")]
    [InlineData(-2147483649L, "d3ffffffff7fffffff")]
    public void Integers_take_the_smallest_encoding(long value, string hex)
    {
        Convert.ToHexStringLower(MsgPackEncoder.Encode(value)).ShouldBe(hex);
    }

    [Fact]
    public void Maps_keep_insertion_order_and_strings_pick_their_header_by_byte_length()
    {
        var action = new List<KeyValuePair<string, object?>>
        {
            new("type", "order"),
            new("grouping", "na"),
            new("flag", true),
            new("none", null),
        };
        Convert.ToHexStringLower(MsgPackEncoder.Encode(action))
            .ShouldBe("84a474797065a56f72646572a867726f7570696e67a26e61a4666c6167c3a46e6f6e65c0");
        MsgPackEncoder.Encode(new string('a', 31))[0].ShouldBe((byte)0xBF);
        MsgPackEncoder.Encode(new string('a', 32))[..2].ShouldBe(new byte[] { 0xD9, 32 });
        MsgPackEncoder.Encode(new string('é', 16))[0].ShouldBe((byte)0xD9, "16 chars but 32 UTF-8 bytes");
    }

    [Fact]
    public void Floats_and_integers_beyond_64_bits_are_rejected_with_their_path()
    {
        var tree = new Dictionary<string, object?> { ["orders"] = new List<object?> { new Dictionary<string, object?> { ["p"] = 1.5 } } };
        Should.Throw<MsgPackEncodingException>(() => MsgPackEncoder.Encode(tree)).Message
            .ShouldBe("$.orders[0].p: floating-point value 1.5 is not supported; send numbers as strings");
        Should.Throw<MsgPackEncodingException>(() => MsgPackEncoder.Encode(BigInteger.One << 64)).Reason.ShouldContain("does not fit");
        Should.Throw<MsgPackEncodingException>(() => MsgPackEncoder.Encode(new object())).Reason.ShouldContain("Object cannot be encoded");
    }

    [Fact]
    public async Task Random_trees_encode_byte_for_byte_like_msgpack_javascript()
    {
        var random = new Random(4242);
        var trees = new List<(object? Value, JsonNode Json)>();
        foreach (var boundary in IntegerBoundaries)
        {
            trees.Add(Integer(boundary, random));
        }

        foreach (var length in StringLengths)
        {
            trees.Add(Text(new string('s', length)));
            trees.Add(Text(string.Concat(Enumerable.Repeat("€", length / 3)) + new string('x', length % 3)));
        }

        trees.Add(List(Enumerable.Range(0, 16).Select(i => Integer(i, random)).ToList()));
        trees.Add(List(Enumerable.Range(0, 65536).Select(_ => Integer(1, random)).ToList()));
        trees.Add(Map(Enumerable.Range(0, 16).Select(i => ($"k{i}", Integer(i, random))).ToList()));
        trees.Add(Map(Enumerable.Range(0, 65536).Select(i => ($"k{i}", (Value: (object?)null, Json: (JsonNode)new JsonObject { ["t"] = "nil" }))).ToList()));
        for (var i = 0; i < 300; i++)
        {
            trees.Add(RandomTree(random, 0));
        }

        var hex = await NodeReference.MsgPackAsync(new JsonArray(trees.Select(t => t.Json).ToArray()));

        for (var i = 0; i < trees.Count; i++)
        {
            Convert.ToHexStringLower(MsgPackEncoder.Encode(trees[i].Value)).ShouldBe(hex[i], $"tree {i}");
        }
    }

    private static (object? Value, JsonNode Json) RandomTree(Random random, int depth)
    {
        var roll = depth >= 3 ? random.Next(4) : random.Next(7);
        switch (roll)
        {
            case 0:
                return Integer(RandomInteger(random), random);
            case 1:
                return Text(new string((char)('a' + random.Next(26)), random.Next(0, 300)));
            case 2:
                var flag = random.Next(2) == 0;
                return (flag, new JsonObject { ["t"] = "bool", ["v"] = flag });
            case 3:
                return (null, new JsonObject { ["t"] = "nil" });
            case 4:
            case 5:
                return Map(Enumerable.Range(0, random.Next(0, 20))
                    .Select(i => ($"{(char)('a' + random.Next(26))}{i}", RandomTree(random, depth + 1))).ToList());
            default:
                return List(Enumerable.Range(0, random.Next(0, 20)).Select(_ => RandomTree(random, depth + 1)).ToList());
        }
    }

    private static BigInteger RandomInteger(Random random)
    {
        var boundary = IntegerBoundaries[random.Next(IntegerBoundaries.Length)];
        var nudged = boundary + random.Next(-2, 3);
        return nudged < long.MinValue || nudged > ulong.MaxValue ? boundary : nudged;
    }

    // The .NET value takes varied CLR types (long, ulong, int, BigInteger) so every overload path is exercised.
    private static (object? Value, JsonNode Json) Integer(BigInteger value, Random random)
    {
        object dotnet = value switch
        {
            _ when value >= int.MinValue && value <= int.MaxValue && random.Next(3) == 0 => (int)value,
            _ when value >= long.MinValue && value <= long.MaxValue && random.Next(2) == 0 => (long)value,
            _ when value >= 0 && value <= ulong.MaxValue && random.Next(2) == 0 => (ulong)value,
            _ => value,
        };
        return (dotnet, new JsonObject { ["t"] = "int", ["v"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    private static (object? Value, JsonNode Json) Text(string text) => (text, new JsonObject { ["t"] = "str", ["v"] = text });

    private static (object? Value, JsonNode Json) List(List<(object? Value, JsonNode Json)> items) =>
        (items.Select(i => i.Value).ToList(), new JsonObject { ["t"] = "arr", ["v"] = new JsonArray(items.Select(i => i.Json).ToArray()) });

    private static (object? Value, JsonNode Json) Map(List<(string Key, (object? Value, JsonNode Json) Item)> members) =>
        (members.Select(m => new KeyValuePair<string, object?>(m.Key, m.Item.Value)).ToList(),
         new JsonObject { ["t"] = "map", ["v"] = new JsonArray(members.Select(m => (JsonNode)new JsonArray(m.Key, m.Item.Json)).ToArray()) });
}
