using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Proxy;

/// <summary>
/// YARP answers a failed forward with a bare 502/503/504 or, once the response has started, a reset stream. A
/// gRPC client reads the first as a protocol error and the second as INTERNAL; this turns both into the status
/// the failure means — UNAVAILABLE when the backend could not be reached or died, DEADLINE_EXCEEDED when the
/// route's time ran out — trailers-only before the response starts, in the trailers after. JSON callers get the
/// platform's error body. Every message names the route and cluster, which is what an operator looks up.
/// </summary>
public sealed class ProxyErrorsMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (GatewayErrors.IsGrpc(context.Request))
        {
            context.Features.Set<IHttpResetFeature>(new StatusInsteadOfReset(context, context.Features.Get<IHttpResetFeature>()));
        }

        await next(context);

        if (context.GetForwarderErrorFeature() is not { Error: not ForwarderError.None } failure || context.Response.HasStarted)
        {
            return;
        }

        var (code, message) = Describe(context, failure);
        context.Response.Clear();
        await GatewayErrors.WriteAsync(context, code, message);
    }

    internal static (StatusCode Code, string Message) Describe(HttpContext context, IForwarderErrorFeature failure)
    {
        var feature = context.Features.Get<IReverseProxyFeature>();
        var where = $"route '{feature?.Route.Config.RouteId}' (cluster '{feature?.Cluster?.Config.ClusterId}')";
        if (TimedOut(context))
        {
            return (StatusCode.DeadlineExceeded, $"The call took longer than {where} allows.");
        }

        // YARP blames the client side when a copy was cut short, also when the cut came from the backend dying (the
        // copy from the caller is cancelled with it): only a caller that really went away is told CANCELLED.
        var callerGone = context.RequestAborted.IsCancellationRequested;
        return failure.Error switch
        {
            ForwarderError.NoAvailableDestinations => (StatusCode.Unavailable, $"No destination of {where} is available."),
            ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled when callerGone
                => (StatusCode.Cancelled, "The call was cancelled by the caller."),
            ForwarderError.RequestTimedOut => (StatusCode.DeadlineExceeded, $"The backend of {where} did not answer in time."),
            ForwarderError.RequestBodyClient or ForwarderError.ResponseBodyClient when callerGone
                => (StatusCode.Cancelled, "The caller stopped reading or sending."),
            // Reading the caller's body failed while the caller is still there: Kestrel refused the body itself.
            ForwarderError.RequestBodyClient when failure.Exception?.GetBaseException() is BadHttpRequestException bad
                => bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? (StatusCode.ResourceExhausted, $"The request body is over the limit of {where}.")
                    : (StatusCode.InvalidArgument, $"The request body could not be read: {bad.Message}"),
            _ => (StatusCode.Unavailable, $"The backend of {where} failed: {failure.Exception?.GetBaseException().Message ?? failure.Error.ToString()}"),
        };
    }

    private static bool TimedOut(HttpContext context) =>
        context.Features.Get<IHttpRequestTimeoutFeature>()?.RequestTimeoutToken.IsCancellationRequested == true;

    /// <summary>Ends a started gRPC response with grpc-status trailers where YARP would reset the stream.</summary>
    private sealed class StatusInsteadOfReset(HttpContext context, IHttpResetFeature? inner) : IHttpResetFeature
    {
        public void Reset(int errorCode)
        {
            if (!context.Response.SupportsTrailers() || context.GetForwarderErrorFeature() is not { } failure)
            {
                inner?.Reset(errorCode);
                return;
            }

            var (code, message) = Describe(context, failure);
            GatewayErrors.AppendStatusTrailers(context, code, message);
        }
    }
}
