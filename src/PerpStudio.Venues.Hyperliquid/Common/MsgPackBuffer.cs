using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace PerpStudio.Venues.Hyperliquid.Common;

/// <summary>
/// The msgpack subset an action hash needs, encoded as the reference packer does (smallest integer form, str8 for
/// strings of 32 to 255 bytes, fixmap/map16, fixarray/array16), because the hash covers these exact bytes.
/// </summary>
public sealed class MsgPackBuffer
{
    private readonly ArrayBufferWriter<byte> _bytes = new(256);

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _bytes.WrittenSpan;

    /// <summary>A copy of the bytes written so far.</summary>
    public byte[] ToArray() => _bytes.WrittenSpan.ToArray();

    /// <summary>Writes nil.</summary>
    public void WriteNil() => WriteByte(0xc0);

    /// <summary>Writes true or false.</summary>
    public void WriteBoolean(bool value) => WriteByte(value ? (byte)0xc3 : (byte)0xc2);

    /// <summary>Writes an integer in its smallest form (unsigned forms for non-negative values).</summary>
    public void WriteInteger(long value)
    {
        if (value >= 0)
        {
            if (value <= 0x7f)
            {
                WriteByte((byte)value);
            }
            else if (value <= byte.MaxValue)
            {
                WriteByte(0xcc);
                WriteByte((byte)value);
            }
            else if (value <= ushort.MaxValue)
            {
                var span = Take(3);
                span[0] = 0xcd;
                BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)value);
            }
            else if (value <= uint.MaxValue)
            {
                var span = Take(5);
                span[0] = 0xce;
                BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)value);
            }
            else
            {
                var span = Take(9);
                span[0] = 0xcf;
                BinaryPrimitives.WriteUInt64BigEndian(span[1..], (ulong)value);
            }
        }
        else if (value >= -32)
        {
            WriteByte((byte)(sbyte)value);
        }
        else if (value >= sbyte.MinValue)
        {
            WriteByte(0xd0);
            WriteByte((byte)(sbyte)value);
        }
        else if (value >= short.MinValue)
        {
            var span = Take(3);
            span[0] = 0xd1;
            BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)value);
        }
        else if (value >= int.MinValue)
        {
            var span = Take(5);
            span[0] = 0xd2;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
        }
        else
        {
            var span = Take(9);
            span[0] = 0xd3;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
        }
    }

    /// <summary>Writes a UTF-8 string.</summary>
    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        if (length < 32)
        {
            WriteByte((byte)(0xa0 | length));
        }
        else if (length <= byte.MaxValue)
        {
            WriteByte(0xd9);
            WriteByte((byte)length);
        }
        else if (length <= ushort.MaxValue)
        {
            var header = Take(3);
            header[0] = 0xda;
            BinaryPrimitives.WriteUInt16BigEndian(header[1..], (ushort)length);
        }
        else
        {
            var header = Take(5);
            header[0] = 0xdb;
            BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)length);
        }

        var body = _bytes.GetSpan(length);
        Encoding.UTF8.GetBytes(value, body);
        _bytes.Advance(length);
    }

    /// <summary>Writes a map header for <paramref name="count"/> key/value pairs.</summary>
    public void WriteMapHeader(int count) => WriteContainerHeader(count, 0x80, 0xde, 0xdf);

    /// <summary>Writes an array header for <paramref name="count"/> items.</summary>
    public void WriteArrayHeader(int count) => WriteContainerHeader(count, 0x90, 0xdc, 0xdd);

    /// <summary>Appends raw bytes (the nonce and vault suffix of an action hash).</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_bytes.GetSpan(bytes.Length));
        _bytes.Advance(bytes.Length);
    }

    private void WriteContainerHeader(int count, byte fix, byte sixteen, byte thirtyTwo)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count < 16)
        {
            WriteByte((byte)(fix | count));
        }
        else if (count <= ushort.MaxValue)
        {
            var span = Take(3);
            span[0] = sixteen;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)count);
        }
        else
        {
            var span = Take(5);
            span[0] = thirtyTwo;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)count);
        }
    }

    private void WriteByte(byte value) => Take(1)[0] = value;

    private Span<byte> Take(int count)
    {
        var span = _bytes.GetSpan(count)[..count];
        _bytes.Advance(count);
        return span;
    }
}
