using System.Globalization;
using System.Text;
using PerpStudio.Api.Errors;
using PerpStudio.Grpc;

namespace PerpStudio.Api.Grpc;

/// <summary>How an <see cref="ApiError"/> travels over gRPC: a status code, the detail, and trailers clients can act on.</summary>
public static class GrpcErrors
{
    /// <summary>ASCII trailer: the stable error code, e.g. <c>price_off_tick</c>.</summary>
    public const string CodeTrailer = "perpstudio-error-code";

    /// <summary>ASCII trailer: the request field at fault, e.g. <c>price</c> (absent when no single field is).</summary>
    public const string FieldTrailer = "perpstudio-error-field";

    /// <summary>Binary trailer: the UTF-8 message, unabridged.</summary>
    public const string MessageTrailer = "perpstudio-error-message-bin";

    /// <summary>ASCII trailer on RESOURCE_EXHAUSTED: milliseconds until a retry may succeed.</summary>
    public const string RetryAfterTrailer = "perpstudio-retry-after-ms";

    /// <summary>The status code of an error kind.</summary>
    public static StatusCode StatusOf(ApiErrorKind kind) => kind switch
    {
        ApiErrorKind.InvalidArgument => StatusCode.InvalidArgument,
        ApiErrorKind.FailedPrecondition => StatusCode.FailedPrecondition,
        ApiErrorKind.NotFound => StatusCode.NotFound,
        ApiErrorKind.AlreadyExists => StatusCode.AlreadyExists,
        ApiErrorKind.Unauthenticated => StatusCode.Unauthenticated,
        ApiErrorKind.PermissionDenied => StatusCode.PermissionDenied,
        ApiErrorKind.ResourceExhausted => StatusCode.ResourceExhausted,
        ApiErrorKind.Unavailable => StatusCode.Unavailable,
        _ => StatusCode.FailedPrecondition,
    };

    /// <summary>The exception that ends a call with <paramref name="error"/>.</summary>
    public static RpcException ToRpcException(ApiError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var trailers = new Metadata().Add(CodeTrailer, Ascii(error.Code));
        if (error.Field.Length > 0)
        {
            trailers.Add(FieldTrailer, Ascii(error.Field));
        }

        trailers.Add(MessageTrailer, Encoding.UTF8.GetBytes(error.Message));
        if (error.RetryAfter is { } retry)
        {
            trailers.Add(RetryAfterTrailer, ((long)Math.Ceiling(retry.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture));
        }

        return new RpcException(new Status(StatusOf(error.Kind), error.Detail), trailers);
    }

    private static string Ascii(string text) => new([.. text.Select(c => c is >= ' ' and <= '~' ? c : '?')]);
}
