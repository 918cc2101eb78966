using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace PerpStudio.Ethereum.MsgPack;

/// <summary>
/// Writes MessagePack into an <see cref="IBufferWriter{T}"/>, always choosing the smallest encoding the way
/// msgpack-javascript and Python's msgpack do (the bytes Hyperliquid hashes). Floats are deliberately absent: Hyperliquid
/// actions carry prices and sizes as strings. The writer holds no state besides its output, so copies are harmless.
/// </summary>
public readonly struct MsgPackWriter
{
    private readonly IBufferWriter<byte> _output;

    /// <summary>Creates a writer over <paramref name="output"/>.</summary>
    public MsgPackWriter(IBufferWriter<byte> output) => _output = output ?? throw new ArgumentNullException(nameof(output));

    /// <summary>nil (0xc0).</summary>
    public void WriteNil() => WriteByte(0xC0);

    /// <summary>true (0xc3) or false (0xc2).</summary>
    public void WriteBoolean(bool value) => WriteByte(value ? (byte)0xC3 : (byte)0xC2);

    /// <summary>A signed integer: positive values as fixint/uint8/16/32/64, negative as fixint/int8/16/32/64.</summary>
    public void WriteInteger(long value)
    {
        if (value >= 0)
        {
            WriteInteger((ulong)value);
            return;
        }

        if (value >= -32)
        {
            WriteByte((byte)value);
        }
        else if (value >= sbyte.MinValue)
        {
            var span = _output.GetSpan(2);
            span[0] = 0xD0;
            span[1] = (byte)value;
            _output.Advance(2);
        }
        else if (value >= short.MinValue)
        {
            var span = _output.GetSpan(3);
            span[0] = 0xD1;
            BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)value);
            _output.Advance(3);
        }
        else if (value >= int.MinValue)
        {
            var span = _output.GetSpan(5);
            span[0] = 0xD2;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
            _output.Advance(5);
        }
        else
        {
            var span = _output.GetSpan(9);
            span[0] = 0xD3;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
            _output.Advance(9);
        }
    }

    /// <summary>A non-negative integer: positive fixint, uint8, uint16, uint32 or uint64, whichever is smallest.</summary>
    public void WriteInteger(ulong value)
    {
        if (value < 0x80)
        {
            WriteByte((byte)value);
        }
        else if (value <= byte.MaxValue)
        {
            var span = _output.GetSpan(2);
            span[0] = 0xCC;
            span[1] = (byte)value;
            _output.Advance(2);
        }
        else if (value <= ushort.MaxValue)
        {
            var span = _output.GetSpan(3);
            span[0] = 0xCD;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)value);
            _output.Advance(3);
        }
        else if (value <= uint.MaxValue)
        {
            var span = _output.GetSpan(5);
            span[0] = 0xCE;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)value);
            _output.Advance(5);
        }
        else
        {
            var span = _output.GetSpan(9);
            span[0] = 0xCF;
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
            _output.Advance(9);
        }
    }

    /// <summary>A UTF-8 string: fixstr (under 32 bytes), str8, str16 or str32.</summary>
    public void WriteString(ReadOnlySpan<char> value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteLengthHeader(length, 0xA0, 32, 0xD9, 0xDA, 0xDB);
        var span = _output.GetSpan(length);
        Encoding.UTF8.GetBytes(value, span);
        _output.Advance(length);
    }

    /// <summary>A string already encoded as UTF-8 bytes (no validation of the encoding).</summary>
    public void WriteStringUtf8(ReadOnlySpan<byte> utf8)
    {
        WriteLengthHeader(utf8.Length, 0xA0, 32, 0xD9, 0xDA, 0xDB);
        _output.Write(utf8);
    }

    /// <summary>Binary data: bin8, bin16 or bin32.</summary>
    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteLengthHeader(value.Length, 0, 0, 0xC4, 0xC5, 0xC6);
        _output.Write(value);
    }

    /// <summary>An array header (fixarray, array16, array32); the caller writes <paramref name="count"/> values next.</summary>
    public void WriteArrayHeader(int count) => WriteLengthHeader(count, 0x90, 16, 0, 0xDC, 0xDD);

    /// <summary>A map header (fixmap, map16, map32); the caller writes <paramref name="count"/> key-value pairs next, in order.</summary>
    public void WriteMapHeader(int count) => WriteLengthHeader(count, 0x80, 16, 0, 0xDE, 0xDF);

    private void WriteByte(byte value)
    {
        var span = _output.GetSpan(1);
        span[0] = value;
        _output.Advance(1);
    }

    // fixLimit 0 means the family has no fix form; code8 0 means it has no 8-bit length form (arrays, maps).
    private void WriteLengthHeader(int length, byte fixPrefix, int fixLimit, byte code8, byte code16, byte code32)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length < fixLimit)
        {
            WriteByte((byte)(fixPrefix | length));
        }
        else if (code8 != 0 && length <= byte.MaxValue)
        {
            var span = _output.GetSpan(2);
            span[0] = code8;
            span[1] = (byte)length;
            _output.Advance(2);
        }
        else if (length <= ushort.MaxValue)
        {
            var span = _output.GetSpan(3);
            span[0] = code16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)length);
            _output.Advance(3);
        }
        else
        {
            var span = _output.GetSpan(5);
            span[0] = code32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
            _output.Advance(5);
        }
    }
}
