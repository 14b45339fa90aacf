using Grpc.Core;
using Microsoft.Extensions.Options;
using Platform.Gateway.Forwarding.Forwarding;
using Platform.Gateway.Forwarding.Routing;
using Platform.Gateway.Security;

namespace Platform.Gateway.Endpoints;

/// <summary>gRPC calls: find the route by the service prefix, check the caller's role, forward.</summary>
public static class GrpcProxyEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var path = context.Request.Path.Value ?? "";
        var route = services.GetRequiredService<GatewayConfiguration>().Current.Match(path);
        if (route is null)
        {
            await GatewayErrors.WriteAsync(context, StatusCode.Unimplemented, $"The gateway has no route for {path}.");
            return;
        }

        var caller = (context.Features.Get<CallerFeature>() ?? new CallerFeature(Caller.Nobody, null));
        var security = services.GetRequiredService<IOptionsMonitor<SecurityOptions>>().CurrentValue;
        if (AccessPolicy.Check(caller, route.Options, route.FindMethod(path), security.AnonymousReads) is { } denied)
        {
            await GatewayErrors.WriteAsync(context, denied.Status, denied.Message);
            return;
        }

        await services.GetRequiredService<HttpForwarder>().ForwardAsync(context, route, AccessPolicy.IdentityHeaders(caller.Caller));
    }
}
