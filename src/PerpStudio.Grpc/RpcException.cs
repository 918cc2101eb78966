namespace PerpStudio.Grpc;

/// <summary>
/// A call ended with a non-OK status. Thrown by handlers to fail a call with a chosen status,
/// and by <see cref="Client.GrpcClient"/> when the server answered with one.
/// </summary>
public sealed class RpcException : Exception
{
    /// <summary>Fails with <paramref name="status"/> and no trailers.</summary>
    public RpcException(Status status)
        : this(status, new Metadata())
    {
    }

    /// <summary>Fails with <paramref name="status"/> and the given trailers (sent to or received from the peer).</summary>
    public RpcException(Status status, Metadata trailers)
        : base(status.ToString())
    {
        Status = status;
        Trailers = trailers;
    }

    /// <summary>Fails with a code and detail.</summary>
    public RpcException(StatusCode code, string detail)
        : this(new Status(code, detail))
    {
    }

    /// <summary>Required by the exception pattern; prefer the constructors taking a <see cref="Status"/>.</summary>
    public RpcException()
        : this(new Status(StatusCode.Unknown, string.Empty))
    {
    }

    /// <summary>Required by the exception pattern; the status is UNKNOWN with <paramref name="message"/> as detail.</summary>
    public RpcException(string message)
        : this(new Status(StatusCode.Unknown, message))
    {
    }

    /// <summary>Required by the exception pattern; the status is UNKNOWN with <paramref name="message"/> as detail.</summary>
    public RpcException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = new Status(StatusCode.Unknown, message);
        Trailers = new Metadata();
    }

    /// <summary>The status of the call.</summary>
    public Status Status { get; }

    /// <summary>The status code of the call.</summary>
    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>Trailers sent with the status (server side) or received with it (client side).</summary>
    public Metadata Trailers { get; }
}
