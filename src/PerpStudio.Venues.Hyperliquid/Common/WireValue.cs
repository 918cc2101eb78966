using System.Collections;
using System.Text.Json;

namespace PerpStudio.Venues.Hyperliquid.Common;

/// <summary>
/// An action as Hyperliquid sees it: a tree of maps (whose key order is part of the signed hash), lists, strings,
/// integers, booleans and null. One tree is written both as the JSON body and as the msgpack bytes that are hashed,
/// so the two can never disagree.
/// </summary>
public abstract class WireValue
{
    /// <summary>The JSON/msgpack null.</summary>
    public static readonly WireValue Null = new WireNull();

    private protected WireValue()
    {
    }

    /// <summary>A string.</summary>
    public static WireValue Of(string value) => new WireString(value);

    /// <summary>An integer.</summary>
    public static WireValue Of(long value) => new WireInteger(value);

    /// <summary>A boolean.</summary>
    public static WireValue Of(bool value) => value ? WireBoolean.True : WireBoolean.False;

    /// <summary>Writes this value as JSON.</summary>
    public abstract void WriteJson(Utf8JsonWriter writer);

    /// <summary>Writes this value as msgpack (the SDK's encoding: smallest integer and string forms).</summary>
    public abstract void WriteMsgPack(MsgPackBuffer buffer);

    /// <summary>The JSON text.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteJson(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The msgpack bytes.</summary>
    public byte[] ToMsgPack()
    {
        var buffer = new MsgPackBuffer();
        WriteMsgPack(buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// Reads JSON as an action tree, keeping key order (what a receiver must do to recompute the signed hash).
    /// Numbers must be integers: Hyperliquid actions carry decimals as strings.
    /// </summary>
    /// <exception cref="FormatException">A non-integer number.</exception>
    public static WireValue FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => WireMap.ReadJson(element),
        JsonValueKind.Array => new WireList(element.EnumerateArray().Select(FromJson)),
        JsonValueKind.String => Of(element.GetString()!),
        JsonValueKind.Number => element.TryGetInt64(out var n) ? Of(n) : throw new FormatException($"action number {element.GetRawText()} is not an integer"),
        JsonValueKind.True => Of(true),
        JsonValueKind.False => Of(false),
        JsonValueKind.Null => Null,
        _ => throw new FormatException($"unexpected JSON {element.ValueKind} in an action"),
    };

    private sealed class WireNull : WireValue
    {
        public override void WriteJson(Utf8JsonWriter writer) => writer.WriteNullValue();

        public override void WriteMsgPack(MsgPackBuffer buffer) => buffer.WriteNil();
    }
}

/// <summary>A string value.</summary>
/// <param name="value">The text.</param>
public sealed class WireString(string value) : WireValue
{
    /// <summary>The text.</summary>
    public string Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    /// <inheritdoc />
    public override void WriteJson(Utf8JsonWriter writer) => writer.WriteStringValue(Value);

    /// <inheritdoc />
    public override void WriteMsgPack(MsgPackBuffer buffer) => buffer.WriteString(Value);
}

/// <summary>An integer value.</summary>
/// <param name="value">The integer.</param>
public sealed class WireInteger(long value) : WireValue
{
    /// <summary>The integer.</summary>
    public long Value { get; } = value;

    /// <inheritdoc />
    public override void WriteJson(Utf8JsonWriter writer) => writer.WriteNumberValue(Value);

    /// <inheritdoc />
    public override void WriteMsgPack(MsgPackBuffer buffer) => buffer.WriteInteger(Value);
}

/// <summary>A boolean value.</summary>
public sealed class WireBoolean : WireValue
{
    /// <summary>true.</summary>
    public static readonly WireBoolean True = new(true);

    /// <summary>false.</summary>
    public static readonly WireBoolean False = new(false);

    private WireBoolean(bool value) => Value = value;

    /// <summary>The value.</summary>
    public bool Value { get; }

    /// <inheritdoc />
    public override void WriteJson(Utf8JsonWriter writer) => writer.WriteBooleanValue(Value);

    /// <inheritdoc />
    public override void WriteMsgPack(MsgPackBuffer buffer) => buffer.WriteBoolean(Value);
}

/// <summary>A list value.</summary>
public sealed class WireList : WireValue, IReadOnlyList<WireValue>
{
    private readonly List<WireValue> _items;

    /// <summary>A list of the given items.</summary>
    public WireList(IEnumerable<WireValue> items) => _items = [.. items];

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public WireValue this[int index] => _items[index];

    /// <inheritdoc />
    public IEnumerator<WireValue> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var item in _items)
        {
            item.WriteJson(writer);
        }

        writer.WriteEndArray();
    }

    /// <inheritdoc />
    public override void WriteMsgPack(MsgPackBuffer buffer)
    {
        buffer.WriteArrayHeader(_items.Count);
        foreach (var item in _items)
        {
            item.WriteMsgPack(buffer);
        }
    }
}

/// <summary>A map whose keys keep the order they were added in: that order is hashed.</summary>
public sealed class WireMap : WireValue, IEnumerable<KeyValuePair<string, WireValue>>
{
    private readonly List<KeyValuePair<string, WireValue>> _entries = [];

    /// <summary>How many keys.</summary>
    public int Count => _entries.Count;

    /// <summary>The value of a key, or null when absent.</summary>
    public WireValue? this[string key]
    {
        get
        {
            foreach (var (k, v) in _entries)
            {
                if (k == key)
                {
                    return v;
                }
            }

            return null;
        }
    }

    /// <summary>Appends a key (collection initializer form); a repeated key is a programming error.</summary>
    public void Add(string key, WireValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (this[key] is not null)
        {
            throw new ArgumentException($"key '{key}' is already in the map", nameof(key));
        }

        _entries.Add(new(key, value));
    }

    /// <summary>A copy without one key (the SDK drops some keys from what it sends after signing).</summary>
    public WireMap Without(string key)
    {
        var copy = new WireMap();
        foreach (var (k, v) in _entries)
        {
            if (k != key)
            {
                copy.Add(k, v);
            }
        }

        return copy;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, WireValue>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var (k, v) in _entries)
        {
            writer.WritePropertyName(k);
            v.WriteJson(writer);
        }

        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override void WriteMsgPack(MsgPackBuffer buffer)
    {
        buffer.WriteMapHeader(_entries.Count);
        foreach (var (k, v) in _entries)
        {
            buffer.WriteString(k);
            v.WriteMsgPack(buffer);
        }
    }

    internal static WireMap ReadJson(JsonElement element)
    {
        var map = new WireMap();
        foreach (var property in element.EnumerateObject())
        {
            map.Add(property.Name, WireValue.FromJson(property.Value));
        }

        return map;
    }
}
