using System.Diagnostics;
using System.Diagnostics.Metrics;
using PerpStudio.Grpc;
using PerpStudio.Grpc.Server;

namespace PerpStudio.Host.Observability;

/// <summary>
/// Counts orders as the gRPC API sees them (meter <c>PerpStudio.Host</c>) and names the method on the request's span.
/// Registered before the API's own filters, so refusals by authentication, rate limits and the grains are all counted
/// with the error code the API puts in its <c>perpstudio-error-code</c> trailer (else the gRPC status).
/// </summary>
public sealed class OrderFlowMetrics : IGrpcCallFilter
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "PerpStudio.Host";

    /// <summary>PlaceOrder calls received.</summary>
    public const string ReceivedInstrument = "perpstudio.api.orders.received";

    /// <summary>PlaceOrder calls answered with an order.</summary>
    public const string AcceptedInstrument = "perpstudio.api.orders.accepted";

    /// <summary>PlaceOrder calls refused, tagged <c>reason</c>.</summary>
    public const string RefusedInstrument = "perpstudio.api.orders.refused";

    private const string PlaceOrderMethod = "PlaceOrder";
    private const string ErrorCodeTrailer = "perpstudio-error-code";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Received = Meter.CreateCounter<long>(ReceivedInstrument, "{order}", "Orders received by the gRPC API");
    private static readonly Counter<long> Accepted = Meter.CreateCounter<long>(AcceptedInstrument, "{order}", "Orders the gRPC API answered with an order");
    private static readonly Counter<long> Refused = Meter.CreateCounter<long>(RefusedInstrument, "{order}", "Orders the gRPC API refused, by reason");

    /// <inheritdoc />
    public async Task InvokeAsync(ServerCallContext context, GrpcCallContinuation next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        // ASP.NET Core's request activity is the call's span; the gRPC semantic conventions name its method
        Activity.Current?.SetTag("rpc.system", "grpc");
        Activity.Current?.SetTag("rpc.service", context.Method.ServiceName);
        Activity.Current?.SetTag("rpc.method", context.Method.MethodName);
        if (context.Method.MethodName != PlaceOrderMethod)
        {
            await next(context);
            return;
        }

        Received.Add(1);
        try
        {
            await next(context);
            Accepted.Add(1);
        }
        catch (RpcException ex)
        {
            var reason = ex.Trailers.GetValue(ErrorCodeTrailer) ?? ex.StatusCode.ToString();
            Refused.Add(1, new KeyValuePair<string, object?>("reason", reason));
            Activity.Current?.SetTag("perpstudio.refusal", reason);
            throw;
        }
    }
}
