using Google.Protobuf.Reflection;
using PerpStudio.Grpc.Server;

namespace PerpStudio.Grpc.Reflection;

/// <summary>
/// The proto files behind the registered services, with every dependency, indexed by file name and by
/// each fully-qualified symbol they define (services, methods, messages, fields, enums, enum values).
/// </summary>
internal sealed class DescriptorIndex
{
    private readonly Dictionary<string, FileDescriptor> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MessageDescriptor> _messages = new(StringComparer.Ordinal);

    public DescriptorIndex(IReadOnlyList<ServiceDefinition> services)
    {
        ServiceNames = services.Select(s => s.Name).ToList();
        foreach (var service in services)
        {
            AddFile(service.Descriptor.File);
        }
    }

    /// <summary>The exposed services, fully qualified.</summary>
    public IReadOnlyList<string> ServiceNames { get; }

    /// <summary>The file with this name, or null.</summary>
    public FileDescriptor? FileByName(string name) => _files.GetValueOrDefault(name);

    /// <summary>The file defining this fully-qualified symbol (a leading dot is allowed), or null.</summary>
    public FileDescriptor? FileBySymbol(string symbol) => _symbols.GetValueOrDefault(symbol.TrimStart('.'));

    /// <summary>The message type with this fully-qualified name, or null.</summary>
    public MessageDescriptor? MessageByName(string name) => _messages.GetValueOrDefault(name.TrimStart('.'));

    /// <summary>The file followed by its transitive dependencies, each once, as serialized FileDescriptorProto bytes.</summary>
    public static IReadOnlyList<Google.Protobuf.ByteString> WithDependencies(FileDescriptor file)
    {
        var ordered = new List<FileDescriptor>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<FileDescriptor>([file]);
        while (pending.TryDequeue(out var next))
        {
            if (!seen.Add(next.Name))
            {
                continue;
            }

            ordered.Add(next);
            foreach (var dependency in next.Dependencies)
            {
                pending.Enqueue(dependency);
            }
        }

        return ordered.Select(f => f.SerializedData).ToList();
    }

    private void AddFile(FileDescriptor file)
    {
        if (!_files.TryAdd(file.Name, file))
        {
            return;
        }

        foreach (var service in file.Services)
        {
            _symbols[service.FullName] = file;
            foreach (var method in service.Methods)
            {
                _symbols[method.FullName] = file;
            }
        }

        foreach (var message in file.MessageTypes)
        {
            AddMessage(file, message);
        }

        foreach (var enumType in file.EnumTypes)
        {
            AddEnum(file, enumType);
        }

        foreach (var dependency in file.Dependencies)
        {
            AddFile(dependency);
        }
    }

    private void AddMessage(FileDescriptor file, MessageDescriptor message)
    {
        _symbols[message.FullName] = file;
        _messages[message.FullName] = message;
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            _symbols[field.FullName] = file;
        }

        foreach (var nested in message.NestedTypes)
        {
            AddMessage(file, nested);
        }

        foreach (var enumType in message.EnumTypes)
        {
            AddEnum(file, enumType);
        }
    }

    private void AddEnum(FileDescriptor file, EnumDescriptor enumType)
    {
        _symbols[enumType.FullName] = file;

        // protobuf scopes enum values beside their enum (C++ rules); Google.Protobuf names them under it
        var lastDot = enumType.FullName.LastIndexOf('.');
        var scope = lastDot < 0 ? string.Empty : enumType.FullName[..(lastDot + 1)];
        foreach (var value in enumType.Values)
        {
            _symbols[value.FullName] = file;
            _symbols[scope + value.Name] = file;
        }
    }
}
