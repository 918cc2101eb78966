namespace PerpStudio.Grpc;

/// <summary>The gRPC status codes (grpc/grpc doc/statuscodes.md); the numbers are the wire values.</summary>
public enum StatusCode
{
    /// <summary>Not an error; returned on success.</summary>
    OK = 0,

    /// <summary>The operation was cancelled, typically by the caller.</summary>
    Cancelled = 1,

    /// <summary>Unknown error, e.g. an exception the handler did not turn into a status.</summary>
    Unknown = 2,

    /// <summary>The client specified an invalid argument, independent of system state.</summary>
    InvalidArgument = 3,

    /// <summary>The deadline expired before the operation could complete.</summary>
    DeadlineExceeded = 4,

    /// <summary>A requested entity was not found.</summary>
    NotFound = 5,

    /// <summary>The entity the client tried to create already exists.</summary>
    AlreadyExists = 6,

    /// <summary>The caller is not allowed to perform the operation.</summary>
    PermissionDenied = 7,

    /// <summary>A resource is exhausted: a quota, a rate limit or a message size limit.</summary>
    ResourceExhausted = 8,

    /// <summary>The system is not in a state the operation requires (e.g. insufficient margin).</summary>
    FailedPrecondition = 9,

    /// <summary>The operation was aborted, typically by a concurrency conflict.</summary>
    Aborted = 10,

    /// <summary>The operation was attempted past the valid range.</summary>
    OutOfRange = 11,

    /// <summary>The operation is not implemented or not supported.</summary>
    Unimplemented = 12,

    /// <summary>An invariant expected by the system is broken.</summary>
    Internal = 13,

    /// <summary>The service is currently unavailable; retrying may succeed.</summary>
    Unavailable = 14,

    /// <summary>Unrecoverable data loss or corruption.</summary>
    DataLoss = 15,

    /// <summary>The request has no valid authentication credentials.</summary>
    Unauthenticated = 16,
}
