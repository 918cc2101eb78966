using System.Buffers;
using PerpStudio.Ethereum.MsgPack;

namespace PerpStudio.Venues.Hyperliquid.Common;

/// <summary>
/// The bytes of an action as the reference packer encodes them (smallest integer and string forms), written with the
/// Ethereum library's <see cref="MsgPackWriter"/>; the buffer then takes the raw nonce/vault suffix of the hash.
/// </summary>
public sealed class MsgPackBuffer
{
    private readonly ArrayBufferWriter<byte> _bytes = new(256);
    private readonly MsgPackWriter _writer;

    /// <summary>An empty buffer.</summary>
    public MsgPackBuffer() => _writer = new MsgPackWriter(_bytes);

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _bytes.WrittenSpan;

    /// <summary>A copy of the bytes written so far.</summary>
    public byte[] ToArray() => _bytes.WrittenSpan.ToArray();

    /// <summary>Writes nil.</summary>
    public void WriteNil() => _writer.WriteNil();

    /// <summary>Writes true or false.</summary>
    public void WriteBoolean(bool value) => _writer.WriteBoolean(value);

    /// <summary>Writes an integer in its smallest form.</summary>
    public void WriteInteger(long value) => _writer.WriteInteger(value);

    /// <summary>Writes a UTF-8 string.</summary>
    public void WriteString(string value) => _writer.WriteString(value);

    /// <summary>Writes a map header.</summary>
    public void WriteMapHeader(int count) => _writer.WriteMapHeader(count);

    /// <summary>Writes an array header.</summary>
    public void WriteArrayHeader(int count) => _writer.WriteArrayHeader(count);

    /// <summary>Appends raw bytes (the nonce and vault suffix of an action hash).</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes) => _bytes.Write(bytes);
}
