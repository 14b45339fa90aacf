using Google.Protobuf;
using Google.Protobuf.Reflection;
using Platform.Grpc.Internal.Server;

namespace Platform.Grpc.Services;

/// <summary>
/// Answers reflection questions from the descriptors of the mapped services: which services exist, and
/// which file (with its dependencies) defines a file name or a symbol (message, enum, service, method).
/// Built lazily, once every service has been mapped.
/// </summary>
internal sealed class ReflectionIndex(GrpcServiceRegistry registry)
{
    private readonly Lazy<Index> _index = new(() => Build(registry));

    public IReadOnlyList<string> ServiceNames => [.. registry.Services.Select(s => s.FullName).Order(StringComparer.Ordinal)];

    public IReadOnlyList<ByteString>? FileByName(string name) =>
        _index.Value.Files.TryGetValue(name, out var file) ? WithDependencies(file) : null;

    public IReadOnlyList<ByteString>? FileContainingSymbol(string symbol) =>
        _index.Value.Symbols.TryGetValue(symbol, out var file) ? WithDependencies(file) : null;

    public bool IsMessageType(string name) => _index.Value.MessageTypes.Contains(name);

    /// <summary>The file first, then every file it imports, transitively, each once.</summary>
    private static List<ByteString> WithDependencies(FileDescriptor file)
    {
        var result = new List<ByteString>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<FileDescriptor>();
        pending.Push(file);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (!seen.Add(next.Name))
            {
                continue;
            }

            result.Add(next.SerializedData);
            foreach (var dependency in next.Dependencies)
            {
                pending.Push(dependency);
            }
        }

        return result;
    }

    private static Index Build(GrpcServiceRegistry registry)
    {
        var index = new Index();
        foreach (var service in registry.Services)
        {
            AddFile(index, service.File);
        }

        return index;
    }

    private static void AddFile(Index index, FileDescriptor file)
    {
        if (!index.Files.TryAdd(file.Name, file))
        {
            return;
        }

        foreach (var message in file.MessageTypes)
        {
            AddMessage(index, file, message);
        }

        foreach (var e in file.EnumTypes)
        {
            index.Symbols.TryAdd(e.FullName, file);
        }

        foreach (var service in file.Services)
        {
            index.Symbols.TryAdd(service.FullName, file);
            foreach (var method in service.Methods)
            {
                index.Symbols.TryAdd(method.FullName, file);
            }
        }

        foreach (var dependency in file.Dependencies)
        {
            AddFile(index, dependency);
        }
    }

    private static void AddMessage(Index index, FileDescriptor file, MessageDescriptor message)
    {
        index.Symbols.TryAdd(message.FullName, file);
        index.MessageTypes.Add(message.FullName);
        foreach (var nested in message.NestedTypes)
        {
            AddMessage(index, file, nested);
        }

        foreach (var e in message.EnumTypes)
        {
            index.Symbols.TryAdd(e.FullName, file);
        }
    }

    private sealed class Index
    {
        public Dictionary<string, FileDescriptor> Files { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, FileDescriptor> Symbols { get; } = new(StringComparer.Ordinal);

        public HashSet<string> MessageTypes { get; } = new(StringComparer.Ordinal);
    }
}
