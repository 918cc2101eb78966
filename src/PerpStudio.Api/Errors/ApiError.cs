using PerpStudio.Domain.Errors;

namespace PerpStudio.Api.Errors;

/// <summary>How an API refusal is reported; the gRPC adapters map each to its status code.</summary>
public enum ApiErrorKind
{
    /// <summary>INVALID_ARGUMENT: the input itself is wrong.</summary>
    InvalidArgument,

    /// <summary>FAILED_PRECONDITION: well formed, but the state refuses it (margin, stale price, reduce-only).</summary>
    FailedPrecondition,

    /// <summary>NOT_FOUND: the thing named does not exist (or is not the caller's to know about).</summary>
    NotFound,

    /// <summary>ALREADY_EXISTS: creating something that exists.</summary>
    AlreadyExists,

    /// <summary>UNAUTHENTICATED: no credential, or one that does not verify.</summary>
    Unauthenticated,

    /// <summary>PERMISSION_DENIED: the credential is valid but may not do this.</summary>
    PermissionDenied,

    /// <summary>RESOURCE_EXHAUSTED: a rate limit.</summary>
    ResourceExhausted,

    /// <summary>UNAVAILABLE: a dependency (venue) cannot be reached; retry later.</summary>
    Unavailable,
}

/// <summary>A precise refusal: kind, stable snake_case code, the field at fault (may be empty) and a message.</summary>
/// <param name="Kind">How it is reported.</param>
/// <param name="Code">A stable code, e.g. <c>price_off_tick</c>, <c>session_expired</c>.</param>
/// <param name="Field">The request field at fault, or empty.</param>
/// <param name="Message">What is wrong, with the numbers that make it wrong.</param>
/// <param name="RetryAfter">For rate limits: when a retry may succeed.</param>
public sealed record ApiError(ApiErrorKind Kind, string Code, string Field, string Message, TimeSpan? RetryAfter = null)
{
    /// <summary>The error as the status detail shows it: <c>field: code: message</c>.</summary>
    public string Detail => Field.Length == 0 ? $"{Code}: {Message}" : $"{Field}: {Code}: {Message}";

    /// <summary>The API form of a domain refusal.</summary>
    public static ApiError From(DomainError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var kind = error.Kind switch
        {
            ErrorKind.InvalidArgument => ApiErrorKind.InvalidArgument,
            ErrorKind.FailedPrecondition => ApiErrorKind.FailedPrecondition,
            ErrorKind.NotFound => ApiErrorKind.NotFound,
            _ => ApiErrorKind.FailedPrecondition,
        };
        return new ApiError(kind, error.Code, error.Field, error.Message);
    }

    /// <summary>INVALID_ARGUMENT naming <paramref name="field"/>.</summary>
    public static ApiError Invalid(string field, string code, string message) => new(ApiErrorKind.InvalidArgument, code, field, message);

    /// <summary>A required field is missing.</summary>
    public static ApiError Required(string field) => Invalid(field, "required", $"{field} is required");

    /// <summary>UNAUTHENTICATED.</summary>
    public static ApiError Unauthenticated(string code, string message) => new(ApiErrorKind.Unauthenticated, code, string.Empty, message);

    /// <summary>PERMISSION_DENIED.</summary>
    public static ApiError Denied(string code, string message) => new(ApiErrorKind.PermissionDenied, code, string.Empty, message);

    /// <summary>NOT_FOUND naming <paramref name="field"/>.</summary>
    public static ApiError NotFound(string field, string code, string message) => new(ApiErrorKind.NotFound, code, field, message);

    /// <summary>FAILED_PRECONDITION naming <paramref name="field"/>.</summary>
    public static ApiError Precondition(string field, string code, string message) => new(ApiErrorKind.FailedPrecondition, code, field, message);
}

/// <summary>
/// Thrown by the application services when a call is refused; nothing has changed. The gRPC layer turns it into a
/// status with the <c>perpstudio-error-*</c> trailers, the web layer into a message next to the field.
/// </summary>
public sealed class ApiException : Exception
{
    /// <summary>Refuses with <paramref name="error"/>.</summary>
    public ApiException(ApiError error)
        : base(error?.Detail)
    {
        Error = error ?? throw new ArgumentNullException(nameof(error));
    }

    /// <summary>Refuses with a domain error.</summary>
    public ApiException(DomainError error)
        : this(ApiError.From(error))
    {
    }

    /// <summary>Required by the exception pattern.</summary>
    public ApiException()
        : this(new ApiError(ApiErrorKind.FailedPrecondition, "refused", string.Empty, "refused"))
    {
    }

    /// <summary>Required by the exception pattern.</summary>
    public ApiException(string message)
        : this(new ApiError(ApiErrorKind.FailedPrecondition, "refused", string.Empty, message))
    {
    }

    /// <summary>Required by the exception pattern.</summary>
    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new ApiError(ApiErrorKind.FailedPrecondition, "refused", string.Empty, message);
    }

    /// <summary>The refusal.</summary>
    public ApiError Error { get; }
}
