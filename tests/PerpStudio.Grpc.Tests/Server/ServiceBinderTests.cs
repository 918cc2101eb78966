using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Grpc.Server;
using PerpStudio.Grpc.Tests.Interop;

namespace PerpStudio.Grpc.Tests.Server;

public sealed class ServiceBinderTests
{
    private static ServiceBinder PartlyBound() =>
        ServiceBinder.For(EchoService.Descriptor)
            .Unary<EchoRequest, EchoReply>("Say", (r, _) => Task.FromResult(new EchoReply { Text = r.Text }));

    [Fact]
    public void Validation_names_every_method_left_without_a_handler()
    {
        var ex = Should.Throw<GrpcBindingException>(() => PartlyBound().Validate());

        ex.Message.ShouldBe("Service perpstudio.testing.v1.Echo has methods without a handler: Expand, Collect, Chat, Fail, WaitForDeadline, Crash, Big");
    }

    [Fact]
    public void A_fully_bound_service_builds_with_its_methods_in_declaration_order()
    {
        var service = new EchoService().Binder().Build();

        service.Name.ShouldBe("perpstudio.testing.v1.Echo");
        service.Methods.Select(m => (m.MethodName, m.Kind)).ShouldBe(
        [
            ("Say", MethodKind.Unary), ("Expand", MethodKind.ServerStreaming), ("Collect", MethodKind.ClientStreaming),
            ("Chat", MethodKind.DuplexStreaming), ("Fail", MethodKind.Unary), ("WaitForDeadline", MethodKind.Unary),
            ("Crash", MethodKind.Unary), ("Big", MethodKind.Unary),
        ]);
    }

    [Fact]
    public void Binding_a_method_the_service_does_not_have_is_refused()
    {
        Should.Throw<GrpcBindingException>(() => PartlyBound().Unary<EchoRequest, EchoReply>("Shout", (_, _) => Task.FromResult(new EchoReply())))
            .Message.ShouldBe("Service perpstudio.testing.v1.Echo has no method 'Shout'");
    }

    [Fact]
    public void Binding_with_the_wrong_call_shape_is_refused()
    {
        Should.Throw<GrpcBindingException>(() => PartlyBound().Unary<ExpandRequest, EchoReply>("Expand", (_, _) => Task.FromResult(new EchoReply())))
            .Message.ShouldBe("perpstudio.testing.v1.Echo/Expand is ServerStreaming but was bound as Unary");
    }

    [Fact]
    public void Binding_with_the_wrong_message_type_is_refused()
    {
        Should.Throw<GrpcBindingException>(() => PartlyBound().Unary<EchoRequest, EchoReply>("Fail", (_, _) => Task.FromResult(new EchoReply())))
            .Message.ShouldContain("takes request perpstudio.testing.v1.FailRequest");
    }

    [Fact]
    public void Binding_a_method_twice_is_refused()
    {
        Should.Throw<GrpcBindingException>(() => PartlyBound().Unary<EchoRequest, EchoReply>("Say", (_, _) => Task.FromResult(new EchoReply())))
            .Message.ShouldContain("already bound");
    }

    [Fact]
    public async Task Startup_fails_when_a_mapped_service_has_an_unbound_method()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddGrpcServer();
        await using var app = builder.Build();

        Should.Throw<GrpcBindingException>(() => app.MapGrpcService(PartlyBound())).Message.ShouldContain("Expand, Collect");
    }

    [Fact]
    public async Task Mapping_the_same_service_twice_is_refused()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddGrpcServer();
        await using var app = builder.Build();
        app.MapGrpcService(new EchoService().Binder());

        Should.Throw<GrpcBindingException>(() => app.MapGrpcService(new EchoService().Binder())).Message.ShouldBe("Service perpstudio.testing.v1.Echo is mapped twice");
    }
}
