using Grpc.Core;
using Microsoft.AspNetCore.WebUtilities;

namespace Platform.Gateway.Proxy;

/// <summary>
/// A JSON call's request body is read whole before it is forwarded. YARP copies a body while the backend answers;
/// when the backend answers (a refusal, say) while the copy's last read of the caller's body is still pending,
/// Kestrel's own draining of that body meets the pending read and drops the connection ("Reading is already in
/// progress", dotnet/aspnetcore#17840), and the caller loses the answer it was sent. A body read in advance — in memory
/// up to 64 KiB, in a temporary file beyond, and never more than the route's limit — leaves Kestrel nothing to drain.
/// gRPC calls stream, and are forwarded as they come.
/// </summary>
public sealed class JsonBodyBufferingMiddleware(RequestDelegate next)
{
    private const int InMemoryBytes = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (GatewayErrors.IsGrpc(request) || !(request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0))
        {
            await next(context);
            return;
        }

        request.EnableBuffering(InMemoryBytes);
        try
        {
            await request.Body.DrainAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await GatewayErrors.WriteAsync(context, StatusCode.ResourceExhausted, $"The request body is over the limit of this route: {e.Message}", e.StatusCode);
            return;
        }
        catch (BadHttpRequestException e)
        {
            await GatewayErrors.WriteAsync(context, StatusCode.InvalidArgument, $"The request body could not be read: {e.Message}", e.StatusCode);
            return;
        }

        request.Body.Position = 0;
        await next(context);
    }
}
