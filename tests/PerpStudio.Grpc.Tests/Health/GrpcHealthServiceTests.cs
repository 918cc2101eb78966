using PerpStudio.Grpc.Health.V1;
using PerpStudio.Grpc.Tests.Interop;
using ServingStatus = PerpStudio.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace PerpStudio.Grpc.Tests.Health;

public sealed class GrpcHealthServiceTests(EchoServer server) : IClassFixture<EchoServer>
{
    private const string Check = "/grpc.health.v1.Health/Check";
    private const string Watch = "/grpc.health.v1.Health/Watch";

    [Fact]
    public async Task The_server_as_a_whole_starts_SERVING()
    {
        using var client = server.Client();
        var reply = await client.UnaryAsync<HealthCheckRequest, HealthCheckResponse>(Check, new HealthCheckRequest());

        reply.Status.ShouldBe(ServingStatus.Serving);
    }

    [Fact]
    public async Task Check_of_an_unknown_service_is_NOT_FOUND_and_a_set_status_is_reported()
    {
        using var client = server.Client();
        (await Should.ThrowAsync<RpcException>(() =>
            client.UnaryAsync<HealthCheckRequest, HealthCheckResponse>(Check, new HealthCheckRequest { Service = "perpstudio.check.v1.Router" })))
            .StatusCode.ShouldBe(StatusCode.NotFound);

        server.Health.SetStatus("perpstudio.check.v1.Router", ServingStatus.NotServing);

        (await client.UnaryAsync<HealthCheckRequest, HealthCheckResponse>(Check, new HealthCheckRequest { Service = "perpstudio.check.v1.Router" }))
            .Status.ShouldBe(ServingStatus.NotServing);
    }

    [Fact]
    public async Task Watch_sends_the_current_status_then_every_change()
    {
        const string name = "perpstudio.watch.v1.Venues";
        using var client = server.Client();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<ServingStatus>();

        await foreach (var reply in client.ServerStreaming<HealthCheckRequest, HealthCheckResponse>(Watch, new HealthCheckRequest { Service = name }, cancellationToken: cts.Token))
        {
            seen.Add(reply.Status);
            switch (seen.Count)
            {
                case 1:
                    server.Health.SetStatus(name, ServingStatus.Serving);
                    break;
                case 2:
                    server.Health.SetStatus(name, ServingStatus.NotServing);
                    break;
                case 3:
                    server.Health.ClearStatus(name);
                    break;
            }

            if (seen.Count == 4)
            {
                break;
            }
        }

        seen.ShouldBe([ServingStatus.ServiceUnknown, ServingStatus.Serving, ServingStatus.NotServing, ServingStatus.ServiceUnknown]);
    }
}
