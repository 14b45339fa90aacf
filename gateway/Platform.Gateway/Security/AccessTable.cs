using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Platform.Contracts;

namespace Platform.Gateway.Security;

/// <summary>What a gRPC method needs from its caller, and whether the gateway may send it again after a failure.</summary>
public readonly record struct MethodAccess(string Role, bool Public, bool Idempotent);

/// <summary>"Gateway:Services:&lt;full service name&gt;": the role table for one service's methods.</summary>
public sealed class ServiceAccessOptions
{
    /// <summary>The role a method needs when <see cref="Methods"/> does not name it.</summary>
    public string DefaultRole { get; set; } = Roles.Admin;

    /// <summary>Per-method settings by the method's simple name ("GetDocument").</summary>
    public Dictionary<string, MethodAccessOptions> Methods { get; set; } = new(StringComparer.Ordinal);
}

public sealed class MethodAccessOptions
{
    /// <summary>reader, contributor, resolver or admin.</summary>
    public string? Role { get; set; }

    /// <summary>Anonymous callers may use it when the gateway allows anonymous reads.</summary>
    public bool Public { get; set; }

    /// <summary>
    /// Safe to send again to another destination after a failure. The platform's own methods say so in their
    /// protos (<c>idempotency_level</c>); this is for services the gateway has no descriptors of.
    /// </summary>
    public bool Idempotent { get; set; }
}

/// <summary>
/// The one role table for gRPC and REST: a JSON call is looked up by the gRPC method its route belongs to
/// (see Api/RestRouteTable), so a method cannot be open on one protocol and closed on the other. Methods and
/// services it does not name need admin.
/// </summary>
public sealed class AccessTable
{
    private readonly Dictionary<string, MethodAccess> _methods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _defaultRoles = new(StringComparer.Ordinal);
    private readonly HashSet<string> _safeToRepeat;

    private AccessTable(HashSet<string> safeToRepeat) => _safeToRepeat = safeToRepeat;

    /// <summary>Builds the table; a role that does not exist throws, naming the configuration key.</summary>
    public static AccessTable Build(IReadOnlyDictionary<string, ServiceAccessOptions> services, IEnumerable<ServiceDescriptor> described)
    {
        var safeToRepeat = described.SelectMany(s => s.Methods).Where(IdempotentRetries.IsSafeToRepeat)
            .Select(m => $"/{m.Service.FullName}/{m.Name}").ToHashSet(StringComparer.Ordinal);
        var table = new AccessTable(safeToRepeat);
        foreach (var (service, options) in services)
        {
            var where = $"Gateway:Services:{service}";
            table._defaultRoles[service] = Check(options.DefaultRole, $"{where}:DefaultRole");
            foreach (var (method, settings) in options.Methods)
            {
                var path = $"/{service}/{method}";
                var role = settings.Role is null ? options.DefaultRole : Check(settings.Role, $"{where}:Methods:{method}:Role");
                table._methods[path] = new MethodAccess(role, settings.Public, settings.Idempotent || safeToRepeat.Contains(path));
            }
        }

        return table;
    }

    /// <summary>The access rule for "/package.Service/Method".</summary>
    public MethodAccess Find(string grpcPath)
    {
        if (_methods.TryGetValue(grpcPath, out var access))
        {
            return access;
        }

        var slash = grpcPath.LastIndexOf('/');
        var service = slash > 1 ? grpcPath[1..slash] : "";
        return new MethodAccess(_defaultRoles.GetValueOrDefault(service, Roles.Admin), Public: false, _safeToRepeat.Contains(grpcPath));
    }

    private static string Check(string role, string key) => Roles.Parse(role, key) is [var one]
        ? one
        : throw new InvalidOperationException($"{key} must name exactly one role (reader, contributor, resolver, admin), not '{role}'.");
}
