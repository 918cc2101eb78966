namespace PerpStudio.Runtime.Remote;

/// <summary>
/// A forwarded call failed on its owner with an exception that cannot be rebuilt here (its type is not loaded in
/// this process, or it cannot be constructed from a message); <see cref="RemoteExceptionType"/> names it.
/// </summary>
public sealed class RemoteGrainException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RemoteGrainException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public RemoteGrainException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RemoteGrainException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a remote exception of another type.</summary>
    /// <param name="remoteExceptionType">The remote exception's type, <c>Namespace.Type, Assembly</c>.</param>
    /// <param name="message">The remote exception's message.</param>
    public RemoteGrainException(string remoteExceptionType, string message)
        : base(message) => RemoteExceptionType = remoteExceptionType;

    /// <summary>The type of the exception thrown on the owner (<c>Namespace.Type, Assembly</c>), when known.</summary>
    public string? RemoteExceptionType { get; }
}

/// <summary>
/// A member refused a forwarded call for a grain it does not own (the sender's view of the membership differs from
/// the receiver's). Nothing ran; refusing is what keeps a stale view from making two owners.
/// </summary>
public sealed class MisdirectedGrainCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MisdirectedGrainCallException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public MisdirectedGrainCallException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public MisdirectedGrainCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
