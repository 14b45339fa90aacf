using Google.Protobuf.Reflection;

namespace Platform.Grpc.Internal.Server;

/// <summary>The services mapped on this server, with their descriptors (for reflection and health).</summary>
internal sealed class GrpcServiceRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ServiceDescriptor> _services = new(StringComparer.Ordinal);

    public bool UnimplementedFallbackMapped { get; set; }

    public void Add(ServiceDescriptor descriptor)
    {
        lock (_gate)
        {
            _services[descriptor.FullName] = descriptor;
        }
    }

    public IReadOnlyList<ServiceDescriptor> Services
    {
        get
        {
            lock (_gate)
            {
                return [.. _services.Values];
            }
        }
    }
}
