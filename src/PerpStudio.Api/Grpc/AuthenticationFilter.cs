using PerpStudio.Api.Application;
using PerpStudio.Api.Identity;
using PerpStudio.Grpc.Server;

namespace PerpStudio.Api.Grpc;

/// <summary>
/// Resolves the call's credential (<c>x-api-key</c> or <c>authorization: Bearer</c>) to a <see cref="CallerContext"/>
/// before the request is read. A credential that does not verify ends the call UNAUTHENTICATED; a call without one
/// proceeds as anonymous and each service refuses what anonymous callers may not do.
/// </summary>
public sealed class AuthenticationFilter(CredentialAuthenticator authenticator) : IGrpcCallFilter
{
    /// <inheritdoc />
    public async Task InvokeAsync(ServerCallContext context, GrpcCallContinuation next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Method.ServiceName.StartsWith("grpc.", StringComparison.Ordinal))
        {
            await next(context); // health and reflection are open
            return;
        }

        var headers = context.RequestHeaders;
        var caller = await authenticator.AuthenticateCallAsync(
            headers.GetValue(CredentialAuthenticator.ApiKeyHeader),
            headers.GetValue(CredentialAuthenticator.AuthorizationHeader),
            headers.GetValue(AuthGrpcService.OperatorHeader));
        context.SetCaller(caller);
        MethodAccess.Check(context.Method.ServiceName, context.Method.MethodName, caller);
        await next(context);
    }
}
