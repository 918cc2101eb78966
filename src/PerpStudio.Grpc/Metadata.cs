using System.Collections;
using System.Text;

namespace PerpStudio.Grpc;

/// <summary>
/// gRPC custom metadata: ordered key/value entries sent as HTTP/2 headers or trailers.
/// Keys are lower-case; keys ending in <c>-bin</c> carry bytes (base64 on the wire), the others ASCII text.
/// </summary>
public sealed class Metadata : IEnumerable<Metadata.Entry>
{
    /// <summary>The suffix that marks a binary entry.</summary>
    public const string BinarySuffix = "-bin";

    // created on the first Add: most calls carry no trailers, and an empty call should cost one object, not two
    private List<Entry>? _entries;

    /// <summary>How many entries there are.</summary>
    public int Count => _entries?.Count ?? 0;

    /// <summary>Adds an ASCII entry; the key must not end in <c>-bin</c>.</summary>
    public Metadata Add(string key, string value)
    {
        Entries.Add(Entry.Text(key, value));
        return this;
    }

    /// <summary>Adds a binary entry; the key must end in <c>-bin</c>.</summary>
    public Metadata Add(string key, byte[] value)
    {
        Entries.Add(Entry.Binary(key, value));
        return this;
    }

    /// <summary>Adds an entry built elsewhere.</summary>
    public Metadata Add(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Entries.Add(entry);
        return this;
    }

    /// <summary>The last entry with this key, or null.</summary>
    public Entry? Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_entries is not { } entries)
        {
            return null;
        }

        if (!System.Text.Ascii.IsValid(key))
        {
            return LastWithKey(entries, key.ToLowerInvariant());
        }

        // keys are stored lower-case: compare ignoring case instead of lower-casing the key on every lookup
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(entries[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return entries[i];
            }
        }

        return null;
    }

    private static Entry? LastWithKey(List<Entry> entries, string normalized)
    {
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (entries[i].Key == normalized)
            {
                return entries[i];
            }
        }

        return null;
    }

    /// <summary>Every entry with this key, in order.</summary>
    public IEnumerable<Entry> GetAll(string key)
    {
        var normalized = key.ToLowerInvariant();
        return (_entries ?? (IEnumerable<Entry>)[]).Where(e => e.Key == normalized);
    }

    /// <summary>The text value of the last ASCII entry with this key, or null.</summary>
    public string? GetValue(string key) => Get(key) is { IsBinary: false } e ? e.Value : null;

    /// <summary>The bytes of the last binary entry with this key, or null.</summary>
    public byte[]? GetValueBytes(string key) => Get(key) is { IsBinary: true } e ? e.ValueBytes : null;

    /// <inheritdoc/>
    public IEnumerator<Entry> GetEnumerator() => (_entries ?? (IEnumerable<Entry>)[]).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The entry at <paramref name="index"/>, for walking the entries without an enumerator.</summary>
    internal Entry this[int index] => (_entries ?? throw new ArgumentOutOfRangeException(nameof(index)))[index];

    private List<Entry> Entries => _entries ??= new List<Entry>(4);

    /// <summary>One metadata entry.</summary>
    public sealed class Entry
    {
        private readonly string? _text;
        private readonly byte[]? _bytes;

        private Entry(string key, string? text, byte[]? bytes)
        {
            Key = key;
            _text = text;
            _bytes = bytes;
        }

        /// <summary>The lower-case key.</summary>
        public string Key { get; }

        /// <summary>True when the key ends in <c>-bin</c> and the value is bytes.</summary>
        public bool IsBinary => _bytes is not null;

        /// <summary>The ASCII value; for a binary entry, its unpadded base64 form.</summary>
        public string Value => _text ?? Convert.ToBase64String(_bytes!).TrimEnd('=');

        /// <summary>The bytes; for an ASCII entry, its ASCII bytes.</summary>
        public byte[] ValueBytes => _bytes ?? Encoding.ASCII.GetBytes(_text!);

        /// <summary>An ASCII entry. Keys are lower-cased; a key ending in <c>-bin</c> is refused.</summary>
        public static Entry Text(string key, string value)
        {
            ArgumentNullException.ThrowIfNull(value);
            var k = ValidKey(key);
            if (k.EndsWith(BinarySuffix, StringComparison.Ordinal))
            {
                throw new ArgumentException($"metadata key '{k}' ends in -bin and so needs a byte[] value", nameof(key));
            }

            foreach (var c in value)
            {
                if (c < 0x20 || c > 0x7E)
                {
                    throw new ArgumentException($"metadata value for '{k}' must be printable ASCII", nameof(value));
                }
            }

            return new Entry(k, value, null);
        }

        /// <summary>A binary entry; the key must end in <c>-bin</c>.</summary>
        public static Entry Binary(string key, byte[] value)
        {
            ArgumentNullException.ThrowIfNull(value);
            var k = ValidKey(key);
            if (!k.EndsWith(BinarySuffix, StringComparison.Ordinal))
            {
                throw new ArgumentException($"binary metadata key '{k}' must end in -bin", nameof(key));
            }

            return new Entry(k, null, value);
        }

        /// <inheritdoc/>
        public override string ToString() => $"{Key}: {Value}";

        private static string ValidKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var k = key.ToLowerInvariant();
            foreach (var c in k)
            {
                var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.';
                if (!ok)
                {
                    throw new ArgumentException($"metadata key '{key}' has a character outside [a-z0-9-_.]", nameof(key));
                }
            }

            if (k.StartsWith("grpc-", StringComparison.Ordinal))
            {
                throw new ArgumentException($"metadata key '{k}' is reserved: grpc-* keys belong to the protocol", nameof(key));
            }

            return k;
        }
    }
}
