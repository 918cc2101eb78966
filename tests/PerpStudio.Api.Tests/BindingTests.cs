using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Api.Tests.Fixtures;
using PerpStudio.Grpc;
using PerpStudio.Grpc.Server;

namespace PerpStudio.Api.Tests;

public sealed class BindingTests : IClassFixture<ApiServer>
{
    private readonly ApiServer _server;

    public BindingTests(ApiServer server) => _server = server;

    [Fact]
    public void Every_service_of_the_public_api_is_mapped_with_every_method()
    {
        var mapped = _server.Services.GetRequiredService<GrpcServiceRegistry>().Services.ToDictionary(s => s.Name);
        foreach (var service in DescriptorCalls.Services)
        {
            mapped.ShouldContainKey(service.FullName);
            mapped[service.FullName].Methods.Select(m => m.MethodName).ShouldBe(service.Methods.Select(m => m.Name));
        }
    }

    [Fact]
    public async Task Every_method_answers_a_call_with_a_status_of_its_own()
    {
        DescriptorCalls.Methods.Count.ShouldBeGreaterThan(40);
        foreach (var method in DescriptorCalls.Methods)
        {
            var request = (Google.Protobuf.IMessage)Activator.CreateInstance(method.InputType.ClrType)!;
            var outcome = await DescriptorCalls.InvokeAsync(_server.Client, method, request, null);
            outcome.Code.ShouldNotBe(StatusCode.Unimplemented, method.FullName);
            outcome.Code.ShouldNotBe(StatusCode.Internal, method.FullName);
            outcome.Code.ShouldNotBe(StatusCode.Unknown, method.FullName);
            var open = method.Service.Name == "AuthService";
            if (!open)
            {
                outcome.Code.ShouldBe(StatusCode.Unauthenticated, method.FullName);
                outcome.Trailers.GetValue("perpstudio-error-code").ShouldBe("credential_required");
            }
        }
    }
}
