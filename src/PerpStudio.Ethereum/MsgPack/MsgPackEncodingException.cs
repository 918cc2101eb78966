namespace PerpStudio.Ethereum.MsgPack;

/// <summary>A value the msgpack encoder cannot encode; <see cref="Path"/> says where in the tree (e.g. <c>$.orders[0].p</c>).</summary>
public sealed class MsgPackEncodingException : ArgumentException
{
    // Path segments are added while the exception unwinds, so encoding valid trees builds no strings.
    private readonly List<string> _segments = [];

    /// <summary>Creates an error with a reason.</summary>
    public MsgPackEncodingException(string reason)
        : base(reason) => Reason = reason;

    /// <summary>Creates an error without detail.</summary>
    public MsgPackEncodingException()
        : this("value cannot be encoded")
    {
    }

    /// <summary>Creates an error wrapping a cause.</summary>
    public MsgPackEncodingException(string reason, Exception innerException)
        : base(reason, innerException) => Reason = reason;

    /// <summary>What is wrong.</summary>
    public string Reason { get; }

    /// <summary>Where, from the root <c>$</c>.</summary>
    public string Path
    {
        get
        {
            var builder = new System.Text.StringBuilder("$");
            for (var i = _segments.Count - 1; i >= 0; i--)
            {
                builder.Append(_segments[i]);
            }

            return builder.ToString();
        }
    }

    /// <inheritdoc />
    public override string Message => $"{Path}: {Reason}";

    internal MsgPackEncodingException Within(string segment)
    {
        _segments.Add(segment);
        return this;
    }
}
