using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PerpStudio.Grpc.Client;
using PerpStudio.Grpc.Health;
using PerpStudio.Grpc.Server;

namespace PerpStudio.Grpc.Tests.Interop;

/// <summary>
/// A real Kestrel on 127.0.0.1 serving Echo, health and reflection over h2c, plus an HTTP/1.1 port
/// to show what a non-HTTP/2 caller gets.
/// </summary>
public sealed class EchoServer : IAsyncLifetime, IAsyncDisposable
{
    private readonly Action<GrpcServerOptions>? _configure;
    private WebApplication? _app;
    private ListenOptions? _grpcListener;
    private ListenOptions? _http1Listener;

    public EchoServer()
        : this(null)
    {
    }

    internal EchoServer(Action<GrpcServerOptions>? configure) => _configure = configure;

    public EchoService Echo { get; } = new();

    public RecordingFilter Filter { get; } = new();

    public int Port => ((IPEndPoint)_grpcListener!.EndPoint).Port;

    public int Http1Port => ((IPEndPoint)_http1Listener!.EndPoint).Port;

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public GrpcHealthService Health => _app!.Services.GetRequiredService<GrpcHealthService>();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // port 0: the OS picks a free port at bind time, so parallel test servers never race for one
            kestrel.ListenGrpcH2c(IPAddress.Loopback, 0, listen => _grpcListener = listen);
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                _http1Listener = listen;
            });
        });
        builder.Services.AddGrpcServer(options => _configure?.Invoke(options));
        builder.Services.AddGrpcCallFilter(Filter);
        _app = builder.Build();
        _app.MapGrpcService(Echo.Binder());
        _app.MapGrpcHealth();
        _app.MapGrpcReflection();
        await _app.StartAsync();
    }

    public GrpcClient Client(GrpcClientOptions? options = null) => GrpcClient.ForAddress(Address, options);

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>Records every call it sees and rejects calls carrying <c>x-reject</c>, as an auth filter would.</summary>
public sealed class RecordingFilter : IGrpcCallFilter
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public async Task InvokeAsync(ServerCallContext context, GrpcCallContinuation next)
    {
        Calls.Enqueue(context.Method.Path);
        if (context.RequestHeaders.GetValue("x-reject") is { } reason)
        {
            throw new RpcException(StatusCode.Unauthenticated, "rejected by filter: " + reason);
        }

        await next(context);
    }
}
