using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using PerpStudio.Ethereum.Eip712;

namespace PerpStudio.Ethereum.Tests.Eip712;

/// <summary>
/// Generates typed data with nested structs, arrays of every kind and every atomic type, as .NET values and, side by side,
/// as the JSON a wallet receives. Struct Ti may only reference Tj with j &gt; i, so values stay finite; every Ti after the
/// first is referenced, so the primary type is the only root (ethers requires that).
/// </summary>
internal sealed class RandomTypedData(Random random)
{
    private static readonly string[] StructNames = ["Order", "Alpha", "Zeta", "Leg", "Fill", "Beta", "Mid", "Cancel"];

    private readonly Dictionary<string, List<TypedDataField>> _types = new(StringComparer.Ordinal);

    public (TypedData Data, JsonObject Json) Next()
    {
        _types.Clear();
        var names = StructNames.OrderBy(_ => random.Next()).Take(random.Next(1, 5)).ToArray();
        for (var i = 0; i < names.Length; i++)
        {
            var fields = new List<TypedDataField>();
            var count = random.Next(1, 7);
            for (var f = 0; f < count; f++)
            {
                fields.Add(new TypedDataField($"{(char)('a' + random.Next(26))}{f}", RandomFieldType(names, i)));
            }

            _types[names[i]] = fields;
        }

        for (var i = 1; i < names.Length; i++)
        {
            var parent = names[random.Next(i)];
            _types[parent].Insert(random.Next(_types[parent].Count + 1), new TypedDataField($"ref{i}", names[i] + RandomArraySuffix()));
        }

        var (domain, domainJson, domainFields) = RandomDomain();
        var (message, messageJson) = StructValue(names[0]);

        var types = _types.ToDictionary(p => p.Key, p => (IReadOnlyList<TypedDataField>)p.Value);
        var typesJson = new JsonObject();
        foreach (var (name, fields) in _types.Append(new("EIP712Domain", domainFields)))
        {
            typesJson[name] = new JsonArray(fields.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["type"] = f.Type }).ToArray());
        }

        var json = new JsonObject
        {
            ["types"] = typesJson,
            ["primaryType"] = names[0],
            ["domain"] = domainJson,
            ["message"] = messageJson,
        };
        return (new TypedData(types, names[0], domain, message), json);
    }

    private string RandomFieldType(string[] names, int index)
    {
        var roll = random.Next(10);
        if (roll < 2 && index + 1 < names.Length)
        {
            return names[random.Next(index + 1, names.Length)] + RandomArraySuffix();
        }

        return roll < 4 ? RandomAtomicType() + RandomArraySuffix() : RandomAtomicType();
    }

    private string RandomArraySuffix() => random.Next(6) switch
    {
        0 => "",
        1 => "[]",
        2 => $"[{random.Next(1, 4)}]",
        3 => $"[{random.Next(1, 3)}][]",
        4 => "[][2]",
        _ => "[]",
    };

    private string RandomAtomicType() => random.Next(9) switch
    {
        0 => $"uint{8 * random.Next(1, 33)}",
        1 => $"int{8 * random.Next(1, 33)}",
        2 => random.Next(2) == 0 ? "uint256" : "int256",
        3 => "bool",
        4 => "address",
        5 => "string",
        6 => "bytes",
        7 => $"bytes{random.Next(1, 33)}",
        _ => random.Next(2) == 0 ? "uint8" : "int64",
    };

    private (Dictionary<string, object?> Value, JsonObject Json, List<TypedDataField> Fields) RandomDomain()
    {
        var value = new Dictionary<string, object?>();
        var json = new JsonObject();
        var fields = new List<TypedDataField>();
        while (fields.Count == 0)
        {
            foreach (var field in Eip712Digest.StandardDomainFields)
            {
                if (random.Next(3) == 0)
                {
                    continue;
                }

                var (v, j) = Value(field.Type);
                value[field.Name] = v;
                json[field.Name] = j;
                fields.Add(field);
            }
        }

        return (value, json, fields);
    }

    private (Dictionary<string, object?> Value, JsonObject Json) StructValue(string name)
    {
        var value = new Dictionary<string, object?>();
        var json = new JsonObject();
        foreach (var field in _types[name])
        {
            var (v, j) = Value(field.Type);
            value[field.Name] = v;
            json[field.Name] = j;
        }

        return (value, json);
    }

    private (object? Value, JsonNode? Json) Value(string type)
    {
        if (type.EndsWith(']'))
        {
            var open = type.LastIndexOf('[');
            var inner = type[(open + 1)..^1];
            var count = inner.Length == 0 ? random.Next(0, 4) : int.Parse(inner, System.Globalization.CultureInfo.InvariantCulture);
            var items = new List<object?>();
            var jsonItems = new JsonArray();
            for (var i = 0; i < count; i++)
            {
                var (v, j) = Value(type[..open]);
                items.Add(v);
                jsonItems.Add(j);
            }

            return (items, jsonItems);
        }

        if (_types.ContainsKey(type))
        {
            return StructValue(type);
        }

        if (type.StartsWith("uint", StringComparison.Ordinal))
        {
            var bits = int.Parse(type.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture);
            var max = (BigInteger.One << bits) - 1;
            return Integer(random.Next(5) switch { 0 => BigInteger.Zero, 1 => max, 2 => BigInteger.One << (bits - 1), _ => RandomBelow(bits) });
        }

        if (type.StartsWith("int", StringComparison.Ordinal))
        {
            var bits = int.Parse(type.AsSpan(3), System.Globalization.CultureInfo.InvariantCulture);
            var limit = BigInteger.One << (bits - 1);
            return Integer(random.Next(6) switch
            {
                0 => -limit,
                1 => limit - 1,
                2 => BigInteger.MinusOne,
                3 => RandomBelow(bits - 1),
                _ => -RandomBelow(bits - 1),
            });
        }

        switch (type)
        {
            case "bool":
                var flag = random.Next(2) == 0;
                return (flag, JsonValue.Create(flag));
            case "string":
                var text = RandomText();
                return (text, JsonValue.Create(text));
            case "bytes":
                var bytes = TestKeys.RandomBytes(random, random.Next(0, 70));
                return (random.Next(2) == 0 ? bytes : Hex.Encode(bytes), JsonValue.Create(Hex.Encode(bytes)));
            case "address":
                var address = EthereumAddress.FromBytes(TestKeys.RandomBytes(random, 20));
                object dotnet = random.Next(3) switch { 0 => address, 1 => address.ToString(), _ => address.ToLowerHex() };
                return (dotnet, JsonValue.Create(address.ToString()));
        }

        var n = int.Parse(type.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture);
        var fixedBytes = TestKeys.RandomBytes(random, n);
        return (fixedBytes, JsonValue.Create(Hex.Encode(fixedBytes)));
    }

    private (object? Value, JsonNode? Json) Integer(BigInteger value)
    {
        var text = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        object dotnet = random.Next(3) switch
        {
            0 when value >= long.MinValue && value <= long.MaxValue => (long)value,
            1 => text,
            _ => value,
        };
        return (dotnet, JsonValue.Create(text));
    }

    private BigInteger RandomBelow(int bits)
    {
        if (bits == 0)
        {
            return BigInteger.Zero;
        }

        var bytes = TestKeys.RandomBytes(random, (bits + 7) / 8);
        var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        return value & ((BigInteger.One << random.Next(1, bits + 1)) - 1);
    }

    private string RandomText()
    {
        const string alphabet = "abcXYZ 0-9_,()[]€漢\"\\";
        var builder = new StringBuilder();
        var length = random.Next(0, 40);
        for (var i = 0; i < length; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        if (random.Next(5) == 0)
        {
            builder.Append("🙂");
        }

        return builder.ToString();
    }
}
