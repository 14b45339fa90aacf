using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// The HTTP methods the transcoded routes accept on a path. Routing finds no endpoint for a known path with another
/// method, not a 405: Grpc.AspNetCore's "unimplemented service" route accepts every method, so it is the candidate left,
/// and its constraint then refuses non-gRPC requests. The 405 and its <c>Allow</c> are worked out from this instead.
/// </summary>
internal sealed class TranscodedRoutes(EndpointDataSource endpoints)
{
    private readonly Lazy<List<(TemplateMatcher Matcher, IReadOnlyList<string> Methods)>> _routes = new(() =>
        [.. endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is not null)
            .Select(e => (new TemplateMatcher(new RouteTemplate(e.RoutePattern), []), e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []))]);

    public IReadOnlyList<string> MethodsFor(PathString path)
    {
        var values = new RouteValueDictionary();
        return [.. _routes.Value
            .Where(r => { values.Clear(); return r.Matcher.TryMatch(path, values); })
            .SelectMany(r => r.Methods)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)];
    }
}
