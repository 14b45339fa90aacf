using System.Text;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Platform.Gateway.Forwarding.Forwarding;
using Platform.Gateway.Forwarding.Routing;
using Platform.Gateway.Security;
using Platform.Gateway.Transcoding;

namespace Platform.Gateway.Endpoints;

/// <summary>
/// JSON/REST calls under /v1: the proto annotations give the gRPC method, the same access rules as gRPC
/// apply, the request is built from path, query and body, and the backend's answer comes back as proto3
/// JSON — or as {code, status, message} with the HTTP status matching the gRPC code.
/// </summary>
public static class RestEndpoint
{
    private const int MaxBodyBytes = 4 << 20;

    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var path = context.Request.Path.Value ?? "";
        var match = services.GetRequiredService<TranscodingTable>().Match(context.Request.Method, path);
        if (match.Method is not { } method)
        {
            if (match.AllowedMethods.Count > 0)
            {
                context.Response.Headers.Allow = string.Join(", ", match.AllowedMethods);
                await WriteProblemAsync(context, StatusCode.Unimplemented, $"{context.Request.Method} is not allowed on {path}; use {string.Join(" or ", match.AllowedMethods)}.", 405);
                return;
            }

            await WriteProblemAsync(context, StatusCode.NotFound, $"There is no API route {context.Request.Method} {path}; the routes are listed at /openapi.json.");
            return;
        }

        var route = services.GetRequiredService<GatewayConfiguration>().Current.Match(method.GrpcPath);
        if (route is null)
        {
            await WriteProblemAsync(context, StatusCode.Unavailable, $"The gateway has no backend configured for {method.Method.Service.FullName}.");
            return;
        }

        var caller = (context.Features.Get<CallerFeature>() ?? new CallerFeature(Caller.Nobody, null));
        var methodOptions = route.FindMethod(method.GrpcPath);
        var security = services.GetRequiredService<IOptionsMonitor<SecurityOptions>>().CurrentValue;
        if (AccessPolicy.Check(caller, route.Options, methodOptions, security.AnonymousReads) is { } denied)
        {
            await WriteProblemAsync(context, denied.Status, denied.Message);
            return;
        }

        Google.Protobuf.IMessage request;
        try
        {
            var body = await ReadBodyAsync(context);
            request = RequestBinder.Bind(method, match.Variables!, context.Request.Query, body);
        }
        catch (TranscodingException e)
        {
            await WriteProblemAsync(context, StatusCode.InvalidArgument, e.Message);
            return;
        }

        var client = services.GetRequiredService<UnaryBackendClient>();
        var result = await client.CallAsync(route, method.GrpcPath, request, methodOptions?.Idempotent ?? false,
            AccessPolicy.IdentityHeaders(caller.Caller), context.RequestAborted);
        if (result.Status != StatusCode.OK)
        {
            await WriteProblemAsync(context, result.Status, result.Message);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(JsonResponses.Format(method.Method.OutputType, result.Response), context.RequestAborted);
    }

    private static async Task<string?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength is 0 || HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsDelete(context.Request.Method))
        {
            return null;
        }

        if (context.Request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new TranscodingException($"The request body must be application/json, not {type}.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                throw new TranscodingException($"The request body is over the {MaxBodyBytes >> 20} MiB limit for JSON calls; use gRPC for bulk ingest.");
            }
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static Task WriteProblemAsync(HttpContext context, StatusCode code, string message, int? httpStatus = null) =>
        GatewayErrors.WriteJsonAsync(context, code, message, httpStatus);
}
