using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace PerpStudio.Ethereum.Eip712;

/// <summary>Reads eth_signTypedData_v4 JSON into <see cref="TypedData"/>: numbers become BigInteger, objects ordered dictionaries.</summary>
internal static class TypedDataJson
{
    public static TypedData Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new TypedDataException($"not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new TypedDataException($"typed data must be a JSON object, got {root.ValueKind}");
            }

            var types = ReadTypes(Member(root, "types", JsonValueKind.Object));
            var primaryType = Member(root, "primaryType", JsonValueKind.String).GetString()!;
            var domain = (IReadOnlyDictionary<string, object?>)ToValue(Member(root, "domain", JsonValueKind.Object), "domain")!;
            var message = (IReadOnlyDictionary<string, object?>)ToValue(Member(root, "message", JsonValueKind.Object), "message")!;
            return new TypedData(types, primaryType, domain, message);
        }
    }

    private static JsonElement Member(JsonElement parent, string name, JsonValueKind kind)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            throw new TypedDataException(name, "is missing");
        }

        if (value.ValueKind != kind)
        {
            throw new TypedDataException(name, $"must be a JSON {kind}, got {value.ValueKind}");
        }

        return value;
    }

    private static Dictionary<string, IReadOnlyList<TypedDataField>> ReadTypes(JsonElement types)
    {
        var result = new Dictionary<string, IReadOnlyList<TypedDataField>>(StringComparer.Ordinal);
        foreach (var type in types.EnumerateObject())
        {
            if (type.Value.ValueKind != JsonValueKind.Array)
            {
                throw new TypedDataException($"types.{type.Name}", "must be an array of {name, type}");
            }

            var fields = new List<TypedDataField>();
            var index = 0;
            foreach (var field in type.Value.EnumerateArray())
            {
                var at = $"types.{type.Name}[{index.ToString(CultureInfo.InvariantCulture)}]";
                if (field.ValueKind != JsonValueKind.Object
                    || !field.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                    || !field.TryGetProperty("type", out var fieldType) || fieldType.ValueKind != JsonValueKind.String)
                {
                    throw new TypedDataException(at, "must be an object with string members name and type");
                }

                fields.Add(new TypedDataField(name.GetString()!, fieldType.GetString()!));
                index++;
            }

            result[type.Name] = fields;
        }

        return result;
    }

    private static object? ToValue(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    members[property.Name] = ToValue(property.Value, $"{path}.{property.Name}");
                }

                return members;
            case JsonValueKind.Array:
                var items = new List<object?>();
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(ToValue(item, $"{path}[{items.Count.ToString(CultureInfo.InvariantCulture)}]"));
                }

                return items;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                if (!BigInteger.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    throw new TypedDataException(path, $"{raw} is not an integer (EIP-712 has no fractional numbers)");
                }

                return integer;
            default:
                throw new TypedDataException(path, $"unsupported JSON value {element.ValueKind}");
        }
    }
}
