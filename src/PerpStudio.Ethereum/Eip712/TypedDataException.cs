namespace PerpStudio.Ethereum.Eip712;

/// <summary>
/// Typed data that cannot be encoded: an unknown type, a missing or extra field, or a value that does not fit its type.
/// <see cref="Path"/> says where (e.g. <c>message.to.wallets[1]</c>).
/// </summary>
public sealed class TypedDataException : Exception
{
    // Segments are prepended while the exception unwinds, so the happy path never builds path strings.
    private readonly List<string> _segments = [];

    /// <summary>Creates an error with a reason and no path yet.</summary>
    public TypedDataException(string reason)
        : base(reason) => Reason = reason;

    /// <summary>Creates an error with a reason and an initial path.</summary>
    public TypedDataException(string path, string reason)
        : base(reason)
    {
        Reason = reason;
        _segments.Add(path);
    }

    /// <summary>Creates an error without detail (prefer the other constructors).</summary>
    public TypedDataException()
        : this("invalid typed data")
    {
    }

    /// <summary>Creates an error wrapping a cause.</summary>
    public TypedDataException(string reason, Exception innerException)
        : base(reason, innerException) => Reason = reason;

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>Where the value sits, from the root (<c>domain</c>, <c>message</c>, <c>types</c>).</summary>
    public string Path
    {
        get
        {
            var builder = new System.Text.StringBuilder();
            for (var i = _segments.Count - 1; i >= 0; i--)
            {
                var segment = _segments[i];
                if (builder.Length > 0 && !segment.StartsWith('['))
                {
                    builder.Append('.');
                }

                builder.Append(segment);
            }

            return builder.ToString();
        }
    }

    /// <inheritdoc />
    public override string Message => _segments.Count == 0 ? Reason : $"{Path}: {Reason}";

    internal TypedDataException Within(string segment)
    {
        _segments.Add(segment);
        return this;
    }
}
