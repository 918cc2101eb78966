using Microsoft.Extensions.Logging;
using PerpStudio.Api.Errors;
using PerpStudio.Grpc;
using PerpStudio.Grpc.Server;

namespace PerpStudio.Api.Grpc;

/// <summary>
/// The outermost filter: an <see cref="ApiException"/> becomes its precise status with the <c>perpstudio-error-*</c>
/// trailers; transport statuses (RpcException) and cancellation pass through; anything else is a bug on our side,
/// logged and answered INTERNAL without details.
/// </summary>
public sealed partial class ErrorMappingFilter(ILogger<ErrorMappingFilter> logger) : IGrpcCallFilter
{
    /// <inheritdoc />
    public async Task InvokeAsync(ServerCallContext context, GrpcCallContinuation next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (ApiException refused)
        {
            throw GrpcErrors.ToRpcException(refused.Error);
        }
        catch (RpcException)
        {
            throw;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw; // the transport answers DEADLINE_EXCEEDED or CANCELLED
        }
        catch (Exception ex)
        {
            LogUnexpected(logger, context.Method.Path, ex);
            throw new RpcException(StatusCode.Internal, "internal error");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure in {Method}")]
    private static partial void LogUnexpected(ILogger logger, string method, Exception exception);
}
