using Google.Protobuf;
using Google.Protobuf.Reflection;
using PerpStudio.Grpc.Reflection.V1Alpha;
using PerpStudio.Grpc.Server;
using V1 = PerpStudio.Grpc.Reflection.V1;

namespace PerpStudio.Grpc.Reflection;

/// <summary>
/// Server reflection (<c>grpc.reflection.v1alpha</c> and <c>grpc.reflection.v1</c>) over the services in
/// a <see cref="GrpcServiceRegistry"/>: lists services and returns proto files with their dependencies.
/// </summary>
public sealed class ServerReflectionService
{
    private readonly GrpcServiceRegistry _registry;
    private readonly Lock _gate = new();
    private DescriptorIndex? _index;
    private int _indexVersion = -1;

    /// <summary>Reflects the services of <paramref name="registry"/>, as they are at each request.</summary>
    public ServerReflectionService(GrpcServiceRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    /// <summary>The <c>grpc.reflection.v1alpha.ServerReflection</c> service, ready to map.</summary>
    public ServiceDefinition BindV1Alpha() =>
        ServiceBinder.For(ReflectionReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ServerReflection"))
            .DuplexStreaming<ServerReflectionRequest, ServerReflectionResponse>("ServerReflectionInfo", async (requests, responses, context) =>
            {
                await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
                {
                    await responses.WriteAsync(Answer(request));
                }
            })
            .Build();

    /// <summary>The <c>grpc.reflection.v1.ServerReflection</c> service, ready to map.</summary>
    public ServiceDefinition BindV1() =>
        ServiceBinder.For(V1.ReflectionReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ServerReflection"))
            .DuplexStreaming<V1.ServerReflectionRequest, V1.ServerReflectionResponse>("ServerReflectionInfo", async (requests, responses, context) =>
            {
                await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
                {
                    // v1 is v1alpha under a new package name, field for field: translate through the wire format
                    var answer = Answer(ServerReflectionRequest.Parser.ParseFrom(request.ToByteString()));
                    await responses.WriteAsync(V1.ServerReflectionResponse.Parser.ParseFrom(answer.ToByteString()));
                }
            })
            .Build();

    /// <summary>Answers one reflection request; failures come back as an error response, not a failed call.</summary>
    internal ServerReflectionResponse Answer(ServerReflectionRequest request)
    {
        var index = CurrentIndex();
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                var list = new ListServiceResponse();
                list.Service.AddRange(index.ServiceNames.Select(n => new ServiceResponse { Name = n }));
                response.ListServicesResponse = list;
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFile(response, index.FileByName(request.FileByFilename), $"File not found: {request.FileByFilename}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFile(response, index.FileBySymbol(request.FileContainingSymbol), $"Symbol not found: {request.FileContainingSymbol}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                if (index.MessageByName(request.AllExtensionNumbersOfType) is { } message)
                {
                    // proto3 messages declare no extension ranges, so the list is empty
                    response.AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = message.FullName };
                }
                else
                {
                    SetError(response, StatusCode.NotFound, $"Type not found: {request.AllExtensionNumbersOfType}");
                }

                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                SetError(response, StatusCode.NotFound,
                    $"Extension not found: {request.FileContainingExtension.ContainingType}({request.FileContainingExtension.ExtensionNumber})");
                break;
            default:
                SetError(response, StatusCode.InvalidArgument, "The reflection request sets none of its message_request fields");
                break;
        }

        return response;
    }

    private static void SetFile(ServerReflectionResponse response, FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            SetError(response, StatusCode.NotFound, notFound);
            return;
        }

        var files = new FileDescriptorResponse();
        files.FileDescriptorProto.AddRange(DescriptorIndex.WithDependencies(file));
        response.FileDescriptorResponse = files;
    }

    private static void SetError(ServerReflectionResponse response, StatusCode code, string message) =>
        response.ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message };

    private DescriptorIndex CurrentIndex()
    {
        lock (_gate)
        {
            if (_index is null || _indexVersion != _registry.Version)
            {
                _indexVersion = _registry.Version;
                _index = new DescriptorIndex(_registry.Services);
            }

            return _index;
        }
    }
}
