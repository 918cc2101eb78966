using PerpStudio.Api.Application;
using PerpStudio.Grpc.Server;

namespace PerpStudio.Api.Grpc;

/// <summary>The authenticated caller of a gRPC call, put there by the <see cref="AuthenticationFilter"/>.</summary>
public static class CallerAccessor
{
    private static readonly object Key = typeof(CallerContext);

    /// <summary>The caller (anonymous when the call carried no credential).</summary>
    public static CallerContext Caller(this ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.TryGetItem(Key, out var caller) && caller is CallerContext c ? c : CallerContext.Anonymous;
    }

    // kept on the call itself: HttpContext.Items would build a dictionary for every call
    internal static void SetCaller(this ServerCallContext context, CallerContext caller) => context.SetItem(Key, caller);
}
