namespace PerpStudio.Grpc.Server;

/// <summary>Every service mapped on this host; reflection lists them and validation walks them.</summary>
public sealed class GrpcServiceRegistry
{
    private readonly Lock _gate = new();
    private readonly List<ServiceDefinition> _services = [];

    /// <summary>The mapped services, in mapping order.</summary>
    public IReadOnlyList<ServiceDefinition> Services
    {
        get
        {
            lock (_gate)
            {
                return _services.ToList();
            }
        }
    }

    private bool _unknownServiceRouteMapped;

    /// <summary>Counts additions, so reflection knows when to rebuild its index.</summary>
    internal int Version { get; private set; }

    /// <summary>True the first time only: the catch-all route for unknown services is mapped once per host.</summary>
    internal bool ClaimUnknownServiceRoute()
    {
        lock (_gate)
        {
            var first = !_unknownServiceRouteMapped;
            _unknownServiceRouteMapped = true;
            return first;
        }
    }

    /// <summary>Adds a service; a second service with the same name is refused.</summary>
    /// <exception cref="GrpcBindingException">The name is already mapped.</exception>
    public void Add(ServiceDefinition service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            if (_services.Any(s => s.Name == service.Name))
            {
                throw new GrpcBindingException($"Service {service.Name} is mapped twice");
            }

            _services.Add(service);
            Version++;
        }
    }
}
