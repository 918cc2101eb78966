using System.Globalization;

namespace PerpStudio.Venues.Hyperliquid.Nonces;

/// <summary>
/// Keeps the high-water mark in a small text file, replaced atomically (write a temporary file, flush it to disk,
/// rename over the old one) so that a crash leaves either the old or the new mark, never a torn one.
/// </summary>
public sealed class FileNonceStore : INonceStore
{
    private readonly string _path;
    private readonly Lock _lock = new();

    /// <summary>Creates a store at <paramref name="path"/>; its folder is created when missing.</summary>
    public FileNonceStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
    }

    /// <summary>The file's path.</summary>
    public string FilePath => _path;

    /// <inheritdoc />
    /// <exception cref="FormatException">The file holds something other than one integer.</exception>
    public long? Load()
    {
        lock (_lock)
        {
            if (!File.Exists(_path))
            {
                return null;
            }

            var text = File.ReadAllText(_path).Trim();
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new FormatException($"nonce store {_path} holds '{text}', not a nonce");
        }
    }

    /// <inheritdoc />
    public void Save(long highWaterMark)
    {
        lock (_lock)
        {
            var temporary = _path + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(highWaterMark.ToString(CultureInfo.InvariantCulture));
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, _path, overwrite: true);
        }
    }
}
