namespace PerpStudio.Ethereum.Siwe;

/// <summary>A Sign-In with Ethereum message that breaks the EIP-4361 grammar; <see cref="LineNumber"/> says where (1-based, 0 if not tied to a line).</summary>
public sealed class SiweFormatException : FormatException
{
    /// <summary>Creates an error at a line.</summary>
    public SiweFormatException(int lineNumber, string reason)
        : base(lineNumber > 0 ? $"line {lineNumber}: {reason}" : reason)
    {
        LineNumber = lineNumber;
        Reason = reason;
    }

    /// <summary>Creates an error not tied to a line.</summary>
    public SiweFormatException(string reason)
        : this(0, reason)
    {
    }

    /// <summary>Creates an error without detail.</summary>
    public SiweFormatException()
        : this(0, "malformed Sign-In with Ethereum message")
    {
    }

    /// <summary>Creates an error wrapping a cause.</summary>
    public SiweFormatException(string reason, Exception innerException)
        : base(reason, innerException) => Reason = reason;

    /// <summary>The 1-based line of the message, or 0.</summary>
    public int LineNumber { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }
}
