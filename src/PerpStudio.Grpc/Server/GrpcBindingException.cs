namespace PerpStudio.Grpc.Server;

/// <summary>A service could not be bound: a method has no handler, or a handler does not fit its method.</summary>
public sealed class GrpcBindingException : Exception
{
    /// <summary>Creates the exception with a message naming the offending methods.</summary>
    public GrpcBindingException(string message)
        : base(message)
    {
    }

    /// <summary>Required by the exception pattern.</summary>
    public GrpcBindingException()
    {
    }

    /// <summary>Required by the exception pattern.</summary>
    public GrpcBindingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
