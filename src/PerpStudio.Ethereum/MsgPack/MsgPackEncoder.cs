using System.Buffers;
using System.Collections;
using System.Numerics;

namespace PerpStudio.Ethereum.MsgPack;

/// <summary>
/// Encodes a tree of plain .NET values with <see cref="MsgPackWriter"/>: null, bool, string, integers (any primitive
/// integer type, or BigInteger within [-2^63, 2^64-1]), byte[] (bin), maps with string keys in enumeration order
/// (use <c>OrderedDictionary&lt;string, object?&gt;</c> or a list of key-value pairs: Hyperliquid hashes keys in order)
/// and lists. Floating-point values are rejected.
/// </summary>
public static class MsgPackEncoder
{
    private const int MaxDepth = 64;

    /// <summary>Encodes <paramref name="value"/> into a new array.</summary>
    /// <exception cref="MsgPackEncodingException">A value of an unsupported type, or an integer out of range; the message gives its path.</exception>
    public static byte[] Encode(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Encode(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes <paramref name="value"/> into <paramref name="output"/>.</summary>
    public static void Encode(object? value, IBufferWriter<byte> output) => Write(new MsgPackWriter(output), value, 0);

    private static void Write(MsgPackWriter writer, object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new MsgPackEncodingException($"nesting deeper than {MaxDepth} levels");
        }

        switch (value)
        {
            case null:
                writer.WriteNil();
                break;
            case bool flag:
                writer.WriteBoolean(flag);
                break;
            case string text:
                writer.WriteString(text);
                break;
            case long or int or short or sbyte:
                writer.WriteInteger(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case ulong or uint or ushort or byte:
                writer.WriteInteger(Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case BigInteger big:
                WriteBigInteger(writer, big);
                break;
            case byte[] bytes:
                writer.WriteBinary(bytes);
                break;
            case double or float or decimal or Half:
                throw new MsgPackEncodingException($"floating-point value {value} is not supported; send numbers as strings");
            case IEnumerable<KeyValuePair<string, object?>> map:
                WriteMap(writer, map, depth);
                break;
            case IDictionary dictionary:
                WriteMap(writer, dictionary, depth);
                break;
            case IList list:
                writer.WriteArrayHeader(list.Count);
                for (var i = 0; i < list.Count; i++)
                {
                    try
                    {
                        Write(writer, list[i], depth + 1);
                    }
                    catch (MsgPackEncodingException e)
                    {
                        throw e.Within("[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]");
                    }
                }

                break;
            default:
                throw new MsgPackEncodingException($"{value.GetType().Name} cannot be encoded (supported: null, bool, string, integers, byte[], maps, lists)");
        }
    }

    private static void WriteBigInteger(MsgPackWriter writer, BigInteger value)
    {
        if (value.Sign >= 0 && value <= ulong.MaxValue)
        {
            writer.WriteInteger((ulong)value);
        }
        else if (value.Sign < 0 && value >= long.MinValue)
        {
            writer.WriteInteger((long)value);
        }
        else
        {
            throw new MsgPackEncodingException($"integer {value} does not fit msgpack's 64 bits");
        }
    }

    private static void WriteMap(MsgPackWriter writer, IEnumerable<KeyValuePair<string, object?>> map, int depth)
    {
        var count = map switch
        {
            IReadOnlyCollection<KeyValuePair<string, object?>> c => c.Count,
            ICollection<KeyValuePair<string, object?>> c => c.Count,
            _ => map.Count(),
        };
        writer.WriteMapHeader(count);
        foreach (var (key, item) in map)
        {
            writer.WriteString(key ?? throw new MsgPackEncodingException("null map key"));
            WriteMember(writer, key, item, depth);
        }
    }

    private static void WriteMap(MsgPackWriter writer, IDictionary map, int depth)
    {
        writer.WriteMapHeader(map.Count);
        foreach (DictionaryEntry entry in map)
        {
            if (entry.Key is not string key)
            {
                throw new MsgPackEncodingException($"map key {entry.Key} is not a string");
            }

            writer.WriteString(key);
            WriteMember(writer, key, entry.Value, depth);
        }
    }

    private static void WriteMember(MsgPackWriter writer, string key, object? value, int depth)
    {
        try
        {
            Write(writer, value, depth + 1);
        }
        catch (MsgPackEncodingException e)
        {
            throw e.Within("." + key);
        }
    }
}
