using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerpStudio.Grpc.Health;
using PerpStudio.Grpc.Reflection;

namespace PerpStudio.Grpc.Server;

/// <summary>Registers the gRPC server and maps services onto ASP.NET Core endpoints.</summary>
public static class GrpcServerExtensions
{
    private const string LoggerCategory = "PerpStudio.Grpc.Server";

    /// <summary>Adds routing, options, the service registry and the health service.</summary>
    public static IServiceCollection AddGrpcServer(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        services.AddRouting();
        services.AddOptions<GrpcServerOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton<GrpcServiceRegistry>();
        services.TryAddSingleton<GrpcHealthService>();
        return services;
    }

    /// <summary>Adds a filter that runs around every call, after the filters added before it.</summary>
    public static IServiceCollection AddGrpcCallFilter<TFilter>(this IServiceCollection services)
        where TFilter : class, IGrpcCallFilter
    {
        services.AddSingleton<IGrpcCallFilter, TFilter>();
        return services;
    }

    /// <summary>Adds a filter instance that runs around every call.</summary>
    public static IServiceCollection AddGrpcCallFilter(this IServiceCollection services, IGrpcCallFilter filter)
    {
        services.AddSingleton(filter);
        return services;
    }

    /// <summary>Validates the binder (every method bound) and maps the service.</summary>
    /// <exception cref="GrpcBindingException">A method has no handler; the message names each.</exception>
    public static IEndpointConventionBuilder MapGrpcService(this IEndpointRouteBuilder endpoints, ServiceBinder binder)
    {
        ArgumentNullException.ThrowIfNull(binder);
        return endpoints.MapGrpcService(binder.Build());
    }

    /// <summary>
    /// Maps <c>POST /{service}/{method}</c> for every method, plus <c>/{service}/{anything}</c> answering
    /// UNIMPLEMENTED, and (once per host) a catch-all for unknown services.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcService(this IEndpointRouteBuilder endpoints, ServiceDefinition service)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(service);
        var provider = endpoints.ServiceProvider;
        var registry = provider.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException("Call services.AddGrpcServer() before mapping gRPC services");
        var options = provider.GetRequiredService<IOptions<GrpcServerOptions>>().Value;
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerCategory);
        registry.Add(service);

        var group = endpoints.MapGroup("/" + service.Name);
        foreach (var method in service.BoundMethods.Values)
        {
            var handler = new GrpcCallHandler(method, string.Empty, options, logger);
            group.Map("/" + method.Info.MethodName, handler.HandleAsync).WithDisplayName("gRPC " + method.Info.Path);
        }

        var unknownMethod = new GrpcCallHandler(null, $"Method is unimplemented: {service.Name} has no such method", options, logger);
        group.Map("/{unimplementedMethod}", unknownMethod.HandleAsync).WithDisplayName($"gRPC {service.Name} unimplemented method");

        if (registry.ClaimUnknownServiceRoute())
        {
            var unknownService = new GrpcCallHandler(null, "Service is unimplemented", options, logger);
            endpoints.Map("/{unimplementedService}/{unimplementedMethod}", unknownService.HandleAsync).WithDisplayName(UnknownServiceName);
        }

        return group;
    }

    /// <summary>Maps <c>grpc.health.v1.Health</c> backed by the <see cref="GrpcHealthService"/> singleton.</summary>
    public static IEndpointConventionBuilder MapGrpcHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var health = endpoints.ServiceProvider.GetRequiredService<GrpcHealthService>();
        return endpoints.MapGrpcService(health.Bind());
    }

    /// <summary>
    /// Maps server reflection, both <c>grpc.reflection.v1alpha</c> and <c>grpc.reflection.v1</c>,
    /// describing every service in the registry (including ones mapped later).
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcReflection(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var registry = endpoints.ServiceProvider.GetRequiredService<GrpcServiceRegistry>();
        var reflection = new ServerReflectionService(registry);
        var v1Alpha = endpoints.MapGrpcService(reflection.BindV1Alpha());
        var v1 = endpoints.MapGrpcService(reflection.BindV1());
        return new CompositeConventionBuilder([v1Alpha, v1]);
    }

    private const string UnknownServiceName = "gRPC unimplemented service";

    private sealed class CompositeConventionBuilder(IReadOnlyList<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders)
            {
                builder.Add(convention);
            }
        }
    }
}
