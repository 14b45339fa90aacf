using Google.Protobuf.Reflection;

namespace Platform.Gateway.Api;

/// <summary>The outcome of looking a REST call up: the route, or the HTTP methods the path allows.</summary>
public readonly record struct RestMatch(RestRoute? Route, IReadOnlyList<string> AllowedMethods);

/// <summary>Every REST route the protos declare, matched by HTTP method and path.</summary>
public sealed class RestRouteTable
{
    public RestRouteTable(IEnumerable<FileDescriptor> files)
    {
        Routes = [.. RestRoute.FromFiles(files).OrderByDescending(r => r.Specificity)];
        var duplicate = Routes.GroupBy(r => (r.HttpMethod, r.Template)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"{duplicate.Key.HttpMethod} {duplicate.Key.Template} is declared by more than one method: {string.Join(", ", duplicate.Select(r => r.Method.FullName))}.");
        }
    }

    /// <summary>The platform's three services.</summary>
    public static RestRouteTable ForPlatform() => new(PlatformFiles);

    /// <summary>The proto files of the platform's services, the source of their REST routes.</summary>
    public static IReadOnlyList<FileDescriptor> PlatformFiles { get; } =
    [
        Platform.Documents.V1.DocumentsReflection.Descriptor,
        Platform.Entities.V1.EntitiesReflection.Descriptor,
        Platform.Predictions.V1.PredictionsReflection.Descriptor,
    ];

    public IReadOnlyList<RestRoute> Routes { get; }

    public RestMatch Match(string httpMethod, PathString path)
    {
        var allowed = new List<string>();
        foreach (var route in Routes)
        {
            if (!route.Matches(path))
            {
                continue;
            }

            if (string.Equals(route.HttpMethod, httpMethod, StringComparison.OrdinalIgnoreCase))
            {
                return new RestMatch(route, []);
            }

            allowed.Add(route.HttpMethod);
        }

        return new RestMatch(null, allowed.Distinct(StringComparer.Ordinal).ToList());
    }
}
