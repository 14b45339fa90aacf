using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// ASP.NET Core's own request activity carries no tags or route without the instrumentation package
/// (not available here). This names the span "METHOD route" and adds the OpenTelemetry http.* attributes.
/// </summary>
internal sealed class ServerSpanEnrichmentMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var activity = Activity.Current;
        if (activity is null || !activity.IsAllDataRequested)
        {
            await next(context);
            return;
        }

        var request = context.Request;
        activity.SetTag("http.request.method", request.Method);
        activity.SetTag("url.scheme", request.Scheme);
        activity.SetTag("url.path", request.Path.Value);
        activity.SetTag("network.protocol.version", request.Protocol.Replace("HTTP/", "", StringComparison.Ordinal));
        activity.SetTag("server.address", request.Host.Host);
        if (request.Host.Port is { } port)
        {
            activity.SetTag("server.port", port);
        }

        try
        {
            await next(context);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
            // A gRPC call's span is already named "package.Service/Method" by the gRPC layer (rpc.* conventions).
            if (activity.GetTagItem("rpc.system") is null)
            {
                activity.DisplayName = route is null ? request.Method : request.Method + " " + route;
            }

            if (route is not null)
            {
                activity.SetTag("http.route", route);
            }

            var status = context.Response.StatusCode;
            activity.SetTag("http.response.status_code", status);
            if (status >= 500)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }
    }
}
