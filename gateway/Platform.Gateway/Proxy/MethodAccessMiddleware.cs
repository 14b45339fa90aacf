using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;
using Platform.Gateway.Api;
using Platform.Gateway.Security;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Proxy;

/// <summary>
/// The first step of the proxy pipeline: which gRPC method a call is, whether the caller may make it, and — for a
/// JSON call — which cluster answers it. A JSON call's method comes from the google.api.http annotations; its
/// cluster is the one the configuration routes that method's gRPC calls to, so REST needs no routes of its own
/// and "/v1/documents/{id}/evidence" reaches the prediction service that declares it.
/// </summary>
public sealed class MethodAccessMiddleware(RequestDelegate next, RestRouteTable restRoutes, GatewayPolicy policy, IProxyStateLookup proxyState)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var route = context.GetRouteModel();
        var json = !GatewayErrors.IsGrpc(context.Request);
        if (context.Request.ContentLength is { } length && context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit && length > limit)
        {
            // Kestrel would refuse it too, but only once the body is read — after a backend was chosen or found missing.
            await GatewayErrors.WriteAsync(context, StatusCode.ResourceExhausted,
                $"The request body is {length} bytes, over the {limit}-byte limit of this route.", StatusCodes.Status413PayloadTooLarge);
            return;
        }

        string grpcPath;
        if (json)
        {
            var match = restRoutes.Match(context.Request.Method, context.Request.Path);
            if (match.Route is not { } rest)
            {
                await RefuseUnknownRouteAsync(context, match);
                return;
            }

            grpcPath = rest.GrpcPath;
            if (FindClusterFor(grpcPath) is not { } cluster)
            {
                await GatewayErrors.WriteAsync(context, StatusCode.Unavailable,
                    $"The gateway has no route for {rest.Method.Service.FullName}, which serves {context.Request.Method} {rest.Template}.");
                return;
            }

            context.ReassignProxyRequest(cluster);
        }
        else
        {
            grpcPath = context.Request.Path.Value ?? "";
        }

        var snapshot = policy.Current;
        var access = snapshot.Access.Find(grpcPath);
        var caller = context.Features.Get<CallerFeature>() ?? new CallerFeature(Caller.Nobody, null);
        if (AccessPolicy.Check(caller, access, snapshot.AnonymousReads) is { } denied)
        {
            await GatewayErrors.WriteAsync(context, denied.Status, denied.Message);
            return;
        }

        context.Features.Set(new GatewayCall(grpcPath, access, json, route.Config.RouteId));
        await next(context);
    }

    private static Task RefuseUnknownRouteAsync(HttpContext context, RestMatch match)
    {
        var path = context.Request.Path.Value;
        if (match.AllowedMethods.Count > 0)
        {
            context.Response.Headers.Allow = string.Join(", ", match.AllowedMethods);
            return GatewayErrors.WriteAsync(context, StatusCode.Unimplemented,
                $"{context.Request.Method} is not allowed on {path}; use {string.Join(" or ", match.AllowedMethods)}.", StatusCodes.Status405MethodNotAllowed);
        }

        return GatewayErrors.WriteAsync(context, StatusCode.NotFound,
            $"There is no API route {context.Request.Method} {path}; the routes are listed at /openapi.json.");
    }

    /// <summary>The cluster of the configured route whose path leads to this gRPC method.</summary>
    private ClusterState? FindClusterFor(string grpcPath)
    {
        foreach (var candidate in proxyState.GetRoutes())
        {
            var pattern = candidate.Config.Match.Path;
            if (candidate.Cluster is null || string.IsNullOrEmpty(pattern))
            {
                continue;
            }

            var brace = pattern.IndexOf('{', StringComparison.Ordinal);
            var literal = brace < 0 ? pattern : pattern[..brace];
            if (literal.Length > 1 && (literal == grpcPath || (literal.EndsWith('/') && grpcPath.StartsWith(literal, StringComparison.Ordinal))))
            {
                return candidate.Cluster;
            }
        }

        return null;
    }
}
