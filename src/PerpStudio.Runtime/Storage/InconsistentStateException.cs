namespace PerpStudio.Runtime.Storage;

/// <summary>
/// A conditional write found a different ETag in the store than the writer expected: someone else wrote first
/// (Orleans: <c>InconsistentStateException</c>). Nothing was changed.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    /// <summary>Creates the exception with the two ETags.</summary>
    /// <param name="message">What was attempted.</param>
    /// <param name="storedEtag">The ETag in the store (null when no record exists).</param>
    /// <param name="currentEtag">The ETag the writer expected (null when it expected no record).</param>
    public InconsistentStateException(string message, string? storedEtag, string? currentEtag)
        : base($"{message} (stored ETag {storedEtag ?? "none"}, expected {currentEtag ?? "none"})")
    {
        StoredEtag = storedEtag;
        CurrentEtag = currentEtag;
    }

    /// <summary>Creates the exception.</summary>
    public InconsistentStateException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public InconsistentStateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InconsistentStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The ETag in the store; null when no record exists.</summary>
    public string? StoredEtag { get; }

    /// <summary>The ETag the writer expected; null when it expected no record.</summary>
    public string? CurrentEtag { get; }
}
