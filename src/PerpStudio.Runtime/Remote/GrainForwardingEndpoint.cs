using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PerpStudio.Runtime.Core;
using PerpStudio.Runtime.Placement;

namespace PerpStudio.Runtime.Remote;

/// <summary>
/// The receiving side of forwarding: runs a forwarded call on the local activation with
/// <see cref="GrainRuntime.InvokeLocalAsync"/> when this member owns the grain, and refuses it (HTTP 421 with a
/// <see cref="MisdirectedGrainCallException"/>) when it does not, so two members can never both run one grain.
/// </summary>
public static partial class GrainForwardingEndpoint
{
    /// <summary>
    /// Maps <c>POST {pattern}</c>, and <c>GET {pattern}</c> answering this member's ordinal (what <see cref="ClusterPeers"/>
    /// waits for). When <see cref="ClusterMembership.ForwardingPort"/> is set, requests arriving on any other local port are
    /// answered 404, so the public listeners never expose it.
    /// Needs <see cref="GrainForwardingBuilderExtensions.UseHttpForwarding(Hosting.GrainRuntimeBuilder, ClusterMembership, Func{GrainId, string}?, Action{HttpForwardingOptions}?)"/>.
    /// </summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="pattern">The path; the same as <see cref="HttpForwardingOptions.Path"/>.</param>
    public static IEndpointConventionBuilder MapGrainForwarding(this IEndpointRouteBuilder endpoints, string pattern = HttpForwardingOptions.DefaultPath)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var receiver = endpoints.ServiceProvider.GetRequiredService<GrainForwardingReceiver>();
        endpoints.MapGet(pattern, receiver.AnswerListeningAsync);
        return endpoints.MapPost(pattern, receiver.HandleAsync);
    }
}

/// <summary>Decodes, checks ownership, runs and answers one forwarded call.</summary>
internal sealed partial class GrainForwardingReceiver
{
    private readonly GrainRuntime _runtime;
    private readonly IGrainPlacement _placement;
    private readonly ClusterMembership _membership;
    private readonly GrainCallCodec _codec;
    private readonly ILogger<GrainForwardingReceiver> _logger;
    private readonly Lazy<FrozenDictionary<string, MethodInfo>> _methods;

    public GrainForwardingReceiver(
        GrainRuntime runtime,
        GrainTypeRegistry registry,
        IGrainPlacement placement,
        ClusterMembership membership,
        GrainCallCodec codec,
        ILogger<GrainForwardingReceiver> logger)
    {
        _runtime = runtime;
        _placement = placement;
        _membership = membership;
        _codec = codec;
        _logger = logger;

        // Built on first use: grains are all registered by the time calls arrive.
        _methods = new(() => registry.Interfaces()
            .SelectMany(i => i.Methods)
            .DistinctBy(GrainMethodIdentity.Of)
            .ToFrozenDictionary(GrainMethodIdentity.Of, StringComparer.Ordinal));
    }

    public async Task AnswerListeningAsync(HttpContext context)
    {
        if (_membership.ForwardingPort != 0 && context.Connection.LocalPort != _membership.ForwardingPort)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(_membership.LocalMember.ToString(CultureInfo.InvariantCulture), context.RequestAborted);
    }

    public async Task HandleAsync(HttpContext context)
    {
        if (_membership.ForwardingPort != 0 && context.Connection.LocalPort != _membership.ForwardingPort)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        GrainCall call;
        try
        {
            call = _codec.DecodeCall(body.GetBuffer().AsMemory(0, (int)body.Length), identity => _methods.Value.GetValueOrDefault(identity));
        }
        catch (ArgumentException e)
        {
            await AnswerAsync(context, StatusCodes.Status400BadRequest, GrainCallCodec.EncodeException(e, _membership.LocalMember));
            return;
        }

        var owner = _placement.GetOwner(call.GrainId);
        if (owner != _placement.LocalMember)
        {
            LogMisdirected(_logger, call.GrainId, owner);
            var refusal = new MisdirectedGrainCallException(
                $"member {_placement.LocalMember} does not own {call.GrainId} (its owner is member {owner}); the sender's membership view is stale");
            await AnswerAsync(context, StatusCodes.Status421MisdirectedRequest, GrainCallCodec.EncodeException(refusal, _membership.LocalMember));
            return;
        }

        byte[] outcome;
        try
        {
            // Not tied to RequestAborted: a turn runs to completion once queued, whether or not the sender still waits.
            var result = await _runtime.InvokeLocalAsync(call);
            outcome = _codec.EncodeResult(call.Method, result);
        }
#pragma warning disable CA1031 // every grain exception is an outcome for the caller, not a failure of this endpoint
        catch (Exception e)
#pragma warning restore CA1031
        {
            outcome = GrainCallCodec.EncodeException(e, _membership.LocalMember);
        }

        await AnswerAsync(context, StatusCodes.Status200OK, outcome);
    }

    private static async Task AnswerAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a forwarded call for {GrainId}: its owner is member {Owner}")]
    private static partial void LogMisdirected(ILogger logger, GrainId grainId, int owner);
}
