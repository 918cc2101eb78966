using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PerpStudio.Grpc.Client;
using PerpStudio.Grpc.Server;
using PerpStudio.Grpc.Tests.Interop;

namespace PerpStudio.Grpc.Tests.Client;

public sealed class GrpcClientRedirectTests
{
    [Fact]
    public async Task A_redirect_is_a_failed_call_and_is_not_followed()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        ListenOptionsHolder holder = new();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpcH2c(IPAddress.Loopback, 0, listen => holder.Listen = listen));
        await using var app = builder.Build();
        var followed = 0;
        app.MapPost("/perpstudio.testing.v1.Echo/Say", (HttpContext http) =>
        {
            http.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            http.Response.Headers.Location = "/elsewhere";
            return Task.CompletedTask;
        });
        app.MapPost("/elsewhere", () => Interlocked.Increment(ref followed));
        await app.StartAsync();
        var port = ((IPEndPoint)holder.Listen!.EndPoint).Port;

        using var client = GrpcClient.ForAddress(new Uri($"http://127.0.0.1:{port}"));
        var ex = await Should.ThrowAsync<RpcException>(() =>
            client.UnaryAsync<EchoRequest, EchoReply>("/perpstudio.testing.v1.Echo/Say", new EchoRequest { Text = "redirected" }));

        ex.StatusCode.ShouldBe(StatusCode.Unknown);
        ex.Status.Detail.ShouldBe("Bad gRPC response. HTTP status code: 307");
        followed.ShouldBe(0);
        await app.StopAsync();
    }

    private sealed class ListenOptionsHolder
    {
        public Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions? Listen { get; set; }
    }
}
