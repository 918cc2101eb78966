using System.Threading.Channels;
using PerpStudio.Grpc.Health.V1;
using PerpStudio.Grpc.Server;
using ServingStatus = PerpStudio.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace PerpStudio.Grpc.Health;

/// <summary>
/// The standard <c>grpc.health.v1.Health</c> service with a settable status per service name.
/// The empty name is the whole server and starts SERVING; other names are unknown until set.
/// </summary>
public sealed class GrpcHealthService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal) { [string.Empty] = ServingStatus.Serving };
    private readonly Dictionary<string, List<Channel<ServingStatus>>> _watchers = new(StringComparer.Ordinal);

    /// <summary>Sets the status of <paramref name="service"/> ("" for the server) and tells every watcher.</summary>
    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            _statuses[service] = status;
            Notify(service, status);
        }
    }

    /// <summary>Forgets <paramref name="service"/>: Check answers NOT_FOUND and watchers see SERVICE_UNKNOWN.</summary>
    public void ClearStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            if (_statuses.Remove(service))
            {
                Notify(service, ServingStatus.ServiceUnknown);
            }
        }
    }

    /// <summary>The status of <paramref name="service"/>, or null when it was never set.</summary>
    public ServingStatus? GetStatus(string service)
    {
        lock (_gate)
        {
            return _statuses.TryGetValue(service, out var status) ? status : null;
        }
    }

    /// <summary>The service definition, ready to map (see <c>MapGrpcHealth</c>).</summary>
    public ServiceDefinition Bind() =>
        ServiceBinder.For(HealthReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("Health"))
            .Unary<HealthCheckRequest, HealthCheckResponse>("Check", CheckAsync)
            .ServerStreaming<HealthCheckRequest, HealthCheckResponse>("Watch", WatchAsync)
            .Build();

    private Task<HealthCheckResponse> CheckAsync(HealthCheckRequest request, ServerCallContext context) =>
        GetStatus(request.Service) is { } status
            ? Task.FromResult(new HealthCheckResponse { Status = status })
            : throw new RpcException(StatusCode.NotFound, $"Unknown service '{request.Service}'");

    private async Task WatchAsync(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responses, ServerCallContext context)
    {
        // the current status goes first, then each change; bounded so a stalled watcher cannot pile up memory
        var changes = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        ServingStatus current;
        lock (_gate)
        {
            current = _statuses.TryGetValue(request.Service, out var s) ? s : ServingStatus.ServiceUnknown;
            if (!_watchers.TryGetValue(request.Service, out var list))
            {
                _watchers[request.Service] = list = [];
            }

            list.Add(changes);
        }

        try
        {
            await responses.WriteAsync(new HealthCheckResponse { Status = current });
            var last = current;
            await foreach (var status in changes.Reader.ReadAllAsync(context.CancellationToken))
            {
                if (status != last)
                {
                    await responses.WriteAsync(new HealthCheckResponse { Status = status });
                    last = status;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers[request.Service].Remove(changes);
            }
        }
    }

    private void Notify(string service, ServingStatus status)
    {
        if (_watchers.TryGetValue(service, out var list))
        {
            foreach (var watcher in list)
            {
                watcher.Writer.TryWrite(status);
            }
        }
    }
}
