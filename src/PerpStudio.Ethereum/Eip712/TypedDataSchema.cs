using System.Buffers;
using System.Collections;
using System.Text;

namespace PerpStudio.Ethereum.Eip712;

/// <summary>
/// A set of EIP-712 struct types, validated and compiled once: each type's encodeType string and type hash are
/// computed up front, so hashing a value walks the value and nothing else. Build one per set of types and reuse it.
/// </summary>
public sealed class TypedDataSchema
{
    // Structs of up to 15 members hash from a stack buffer; larger ones rent.
    private const int StackBufferBytes = 512;

    private readonly Dictionary<string, TypedDataStruct> _structs;

    private TypedDataSchema(Dictionary<string, TypedDataStruct> structs) => _structs = structs;

    /// <summary>The names of the struct types in this schema.</summary>
    public IEnumerable<string> TypeNames => _structs.Keys;

    /// <summary>Validates and compiles a types dictionary (the <c>types</c> member of eth_signTypedData_v4).</summary>
    /// <exception cref="TypedDataException">An unknown member type, a duplicate member, or an empty name.</exception>
    public static TypedDataSchema Create(IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var structs = new Dictionary<string, TypedDataStruct>(StringComparer.Ordinal);
        foreach (var name in types.Keys)
        {
            if (string.IsNullOrEmpty(name) || name.Contains('[', StringComparison.Ordinal) || name.Contains('(', StringComparison.Ordinal))
            {
                throw new TypedDataException("types", $"'{name}' is not a valid struct type name");
            }

            structs[name] = new TypedDataStruct(name);
        }

        foreach (var (name, fields) in types)
        {
            var target = structs[name];
            var names = new string[fields.Count];
            var fieldTypes = new TypedDataType[fields.Count];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < fields.Count; i++)
            {
                var field = fields[i] ?? throw new TypedDataException($"types.{name}[{i}]", "member is null");
                if (string.IsNullOrEmpty(field.Name) || !seen.Add(field.Name))
                {
                    throw new TypedDataException($"types.{name}[{i}]", $"member name '{field.Name}' is empty or repeated");
                }

                names[i] = field.Name;
                try
                {
                    fieldTypes[i] = TypedDataType.Parse(field.Type ?? "", structs);
                }
                catch (TypedDataException e)
                {
                    throw e.Within($"types.{name}.{field.Name}");
                }
            }

            target.FieldNames = names;
            target.FieldTypes = fieldTypes;
        }

        foreach (var target in structs.Values)
        {
            target.EncodedType = BuildEncodedType(target);
            target.TypeHash = Keccak256.Hash(Encoding.UTF8.GetBytes(target.EncodedType));
        }

        return new TypedDataSchema(structs);
    }

    /// <summary>True when the schema defines the struct type.</summary>
    public bool Contains(string typeName) => _structs.ContainsKey(typeName);

    /// <summary>encodeType: the type's signature followed by every struct it references, sorted by name.</summary>
    /// <exception cref="TypedDataException">The type is not in the schema.</exception>
    public string EncodeType(string typeName) => Get(typeName).EncodedType;

    /// <summary>keccak256(encodeType(type)).</summary>
    public byte[] TypeHash(string typeName) => (byte[])Get(typeName).TypeHash.Clone();

    /// <summary>hashStruct(value) = keccak256(typeHash || encodeData(value)).</summary>
    /// <exception cref="TypedDataException">The value does not match the type; the path says where.</exception>
    public byte[] HashStruct(string typeName, IReadOnlyDictionary<string, object?> value)
    {
        var result = new byte[32];
        HashStruct(typeName, value, result);
        return result;
    }

    /// <summary>hashStruct(value) written into the first 32 bytes of <paramref name="destination"/>.</summary>
    /// <exception cref="TypedDataException">The value does not match the type; the path says where.</exception>
    public void HashStruct(string typeName, IReadOnlyDictionary<string, object?> value, Span<byte> destination) =>
        HashStruct(Get(typeName), value, destination);

    private TypedDataStruct Get(string typeName) =>
        _structs.TryGetValue(typeName, out var found) ? found : throw new TypedDataException($"unknown type '{typeName}'");

    private static void HashStruct(TypedDataStruct type, object? value, Span<byte> destination)
    {
        if (value is not IReadOnlyDictionary<string, object?> members)
        {
            throw new TypedDataException($"expected an object of type {type.Name}, got {Describe(value)}");
        }

        var length = 32 * (1 + type.FieldNames.Length);
        byte[]? rented = null;
        var buffer = length <= StackBufferBytes ? stackalloc byte[StackBufferBytes] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            type.TypeHash.CopyTo(buffer);
            for (var i = 0; i < type.FieldNames.Length; i++)
            {
                var name = type.FieldNames[i];
                if (!members.TryGetValue(name, out var member))
                {
                    throw new TypedDataException(name, $"missing member of {type.Name}");
                }

                try
                {
                    EncodeValue(type.FieldTypes[i], member, buffer.Slice(32 * (i + 1), 32));
                }
                catch (TypedDataException e)
                {
                    throw e.Within(name);
                }
            }

            if (members.Count != type.FieldNames.Length)
            {
                foreach (var key in members.Keys)
                {
                    if (Array.IndexOf(type.FieldNames, key) < 0)
                    {
                        throw new TypedDataException(key, $"is not a member of {type.Name}");
                    }
                }
            }

            Keccak256.Hash(buffer[..length], destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void EncodeValue(TypedDataType type, object? value, Span<byte> slot)
    {
        switch (type.Kind)
        {
            case TypedDataKind.Struct:
                HashStruct(type.Struct!, value, slot);
                break;
            case TypedDataKind.Array:
                EncodeArray(type, value, slot);
                break;
            default:
                TypedDataValues.EncodeAtomic(type, value, slot);
                break;
        }
    }

    private static void EncodeArray(TypedDataType type, object? value, Span<byte> slot)
    {
        if (value is not IList items || value is string)
        {
            throw new TypedDataException($"expected an array for {type.Text}, got {Describe(value)}");
        }

        if (type.FixedLength >= 0 && items.Count != type.FixedLength)
        {
            throw new TypedDataException($"{type.Text} needs exactly {type.FixedLength} elements, got {items.Count}");
        }

        var length = 32 * items.Count;
        byte[]? rented = null;
        var buffer = length <= StackBufferBytes ? stackalloc byte[StackBufferBytes] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            for (var i = 0; i < items.Count; i++)
            {
                try
                {
                    EncodeValue(type.Element!, items[i], buffer.Slice(32 * i, 32));
                }
                catch (TypedDataException e)
                {
                    throw e.Within(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{i}]"));
                }
            }

            Keccak256.Hash(buffer[..length], slot);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static string BuildEncodedType(TypedDataStruct primary)
    {
        var referenced = new SortedSet<string>(StringComparer.Ordinal);
        var byName = new Dictionary<string, TypedDataStruct>(StringComparer.Ordinal);
        var pending = new Stack<TypedDataStruct>();
        pending.Push(primary);
        while (pending.Count > 0)
        {
            foreach (var fieldType in pending.Pop().FieldTypes)
            {
                var dependency = fieldType.BaseStruct;
                if (dependency is not null && dependency != primary && referenced.Add(dependency.Name))
                {
                    byName[dependency.Name] = dependency;
                    pending.Push(dependency);
                }
            }
        }

        var builder = new StringBuilder();
        AppendSignature(builder, primary);
        foreach (var name in referenced)
        {
            AppendSignature(builder, byName[name]);
        }

        return builder.ToString();
    }

    private static void AppendSignature(StringBuilder builder, TypedDataStruct type)
    {
        builder.Append(type.Name).Append('(');
        for (var i = 0; i < type.FieldNames.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(type.FieldTypes[i].Text).Append(' ').Append(type.FieldNames[i]);
        }

        builder.Append(')');
    }

    internal static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"string \"{(s.Length > 24 ? string.Concat(s.AsSpan(0, 24), "...") : s)}\"",
        _ => value.GetType().Name,
    };
}
