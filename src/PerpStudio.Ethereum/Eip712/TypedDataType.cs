namespace PerpStudio.Ethereum.Eip712;

/// <summary>The kinds of EIP-712 member types.</summary>
internal enum TypedDataKind
{
    Uint,
    Int,
    Bool,
    Address,
    FixedBytes,
    String,
    Bytes,
    Struct,
    Array,
}

/// <summary>A parsed member type. Size is the bit width of (u)intN or N of bytesN; arrays carry their element type.</summary>
internal sealed class TypedDataType
{
    private TypedDataType(TypedDataKind kind, string text, int size = 0, TypedDataStruct? structType = null, TypedDataType? element = null, int fixedLength = -1)
    {
        Kind = kind;
        Text = text;
        Size = size;
        Struct = structType;
        Element = element;
        FixedLength = fixedLength;
    }

    public TypedDataKind Kind { get; }

    public string Text { get; }

    public int Size { get; }

    public TypedDataStruct? Struct { get; }

    public TypedDataType? Element { get; }

    /// <summary>The length of a fixed-size array, -1 for a dynamic one.</summary>
    public int FixedLength { get; }

    /// <summary>The struct this type is built from, looking through array dimensions.</summary>
    public TypedDataStruct? BaseStruct => Kind == TypedDataKind.Array ? Element!.BaseStruct : Struct;

    public static TypedDataType Parse(string text, IReadOnlyDictionary<string, TypedDataStruct> structs)
    {
        if (text.EndsWith(']'))
        {
            var open = text.LastIndexOf('[');
            if (open <= 0)
            {
                throw new TypedDataException($"malformed array type '{text}'");
            }

            var inner = text.AsSpan(open + 1, text.Length - open - 2);
            var length = -1;
            if (!inner.IsEmpty)
            {
                if (!int.TryParse(inner, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out length) || length <= 0)
                {
                    throw new TypedDataException($"malformed array length in type '{text}'");
                }
            }

            var element = Parse(text[..open], structs);
            return new TypedDataType(TypedDataKind.Array, text, element: element, fixedLength: length);
        }

        switch (text)
        {
            case "address":
                return new TypedDataType(TypedDataKind.Address, text);
            case "bool":
                return new TypedDataType(TypedDataKind.Bool, text);
            case "string":
                return new TypedDataType(TypedDataKind.String, text);
            case "bytes":
                return new TypedDataType(TypedDataKind.Bytes, text);
        }

        if (structs.TryGetValue(text, out var structType))
        {
            return new TypedDataType(TypedDataKind.Struct, text, structType: structType);
        }

        if (TryWidth(text, "uint", out var bits) && bits % 8 == 0 && bits is >= 8 and <= 256)
        {
            return new TypedDataType(TypedDataKind.Uint, text, bits);
        }

        if (TryWidth(text, "int", out bits) && bits % 8 == 0 && bits is >= 8 and <= 256)
        {
            return new TypedDataType(TypedDataKind.Int, text, bits);
        }

        if (TryWidth(text, "bytes", out var n) && n is >= 1 and <= 32)
        {
            return new TypedDataType(TypedDataKind.FixedBytes, text, n);
        }

        throw new TypedDataException($"unknown type '{text}'");
    }

    private static bool TryWidth(string text, string prefix, out int width)
    {
        width = 0;
        return text.StartsWith(prefix, StringComparison.Ordinal)
            && text.Length > prefix.Length
            && text[prefix.Length] != '0'
            && int.TryParse(text.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out width);
    }
}

/// <summary>A struct type with its members resolved and its type hash computed once.</summary>
internal sealed class TypedDataStruct(string name)
{
    public string Name { get; } = name;

    public string[] FieldNames { get; set; } = [];

    public TypedDataType[] FieldTypes { get; set; } = [];

    public string EncodedType { get; set; } = "";

    public byte[] TypeHash { get; set; } = [];
}
