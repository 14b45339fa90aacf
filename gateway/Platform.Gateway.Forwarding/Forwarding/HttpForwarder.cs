using System.Buffers;
using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Platform.Gateway.Forwarding.Clusters;
using Platform.Gateway.Forwarding.Routing;

namespace Platform.Gateway.Forwarding.Forwarding;

/// <summary>
/// Forwards one call to a destination of the route's cluster, streaming both bodies and the trailers, and
/// turning every way a backend can fail into a status the caller's protocol understands.
/// Retries go to another destination, and only when safe: the request never left the gateway, or the method
/// is idempotent and its (small, unary) body was kept.
/// </summary>
public sealed partial class HttpForwarder
{
    private const int MaxAttempts = 3;
    private const int MaxBufferedBody = 1 << 20;

    private readonly BackendInvoker _backend;
    private readonly TimeProvider _time;
    private readonly ILogger<HttpForwarder> _logger;

    public HttpForwarder(BackendInvoker backend, TimeProvider time, ILogger<HttpForwarder> logger)
    {
        _backend = backend;
        _time = time;
        _logger = logger;
    }

    public async Task ForwardAsync(HttpContext context, GatewayRoute route, IEnumerable<KeyValuePair<string, string>> addedHeaders)
    {
        var method = route.FindMethod(context.Request.Path.Value ?? "");
        var streaming = method?.Streaming ?? false;
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            // A long client stream may carry any amount in total; its messages are limited by the backend.
            sizeFeature.MaxRequestBodySize = streaming ? null : route.Options.MaxRequestBodyBytes ?? sizeFeature.MaxRequestBodySize;
        }

        using var timeout = !streaming && route.Options.Timeout is { } limit
            ? new CancellationTokenSource(limit, _time)
            : new CancellationTokenSource();
        using var call = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, timeout.Token);

        byte[]? kept = null;
        if (method is { Idempotent: true } && !streaming)
        {
            kept = await KeepBodyAsync(context, call.Token);
        }

        var tried = new List<Destination>(MaxAttempts);
        string? lastProblem = null;
        while (true)
        {
            var destination = route.Cluster.Choose(_time.GetUtcNow().UtcTicks, tried);
            if (destination is null || tried.Count == MaxAttempts)
            {
                var why = lastProblem ?? $"no healthy destination in cluster '{route.Cluster.Name}'";
                await GatewayErrors.WriteAsync(context, StatusCode.Unavailable, $"The backend for {route.Name} is unavailable: {why}");
                return;
            }

            tried.Add(destination);
            var outcome = await TryDestinationAsync(context, route, destination, kept, addedHeaders, call.Token, timeout.Token);
            if (outcome.Done)
            {
                return;
            }

            lastProblem = outcome.Problem;
            LogRetrying(_logger, route.Cluster.Name, destination.Address, outcome.Problem);
        }
    }

    private readonly record struct AttemptOutcome(bool Done, string Problem)
    {
        public static readonly AttemptOutcome Finished = new(true, "");

        public static AttemptOutcome Retry(string problem) => new(false, problem);
    }

    private async Task<AttemptOutcome> TryDestinationAsync(
        HttpContext context, GatewayRoute route, Destination destination, byte[]? kept,
        IEnumerable<KeyValuePair<string, string>> addedHeaders, CancellationToken callToken, CancellationToken timeoutToken)
    {
        var request = context.Request;
        var target = request.QueryString.HasValue ? request.Path.Value + request.QueryString.Value : request.Path.Value!;
        using var outgoing = new HttpRequestMessage(HttpMethods.IsPost(request.Method) ? HttpMethod.Post : new HttpMethod(request.Method), destination.UriFor(target))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        StreamingRequestContent? streamed = null;
        if (kept is not null)
        {
            outgoing.Content = new ByteArrayContent(kept);
        }
        else if (HasBody(context))
        {
            outgoing.Content = streamed = new StreamingRequestContent(request.BodyReader, callToken);
        }
        else if (request.ContentType is not null)
        {
            // A gRPC call whose client closed its side at once (an empty stream) still needs its content-type.
            outgoing.Content = new ByteArrayContent([]);
        }

        ForwardedHeaders.CopyRequest(context, outgoing, addedHeaders);
        var passive = route.Cluster.Options.PassiveHealthCheck;
        destination.CallStarted();
        try
        {
            HttpResponseMessage response;
            try
            {
                response = await _backend.Invoker.SendAsync(outgoing, callToken);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                if (context.RequestAborted.IsCancellationRequested)
                {
                    return AttemptOutcome.Finished;
                }

                if (timeoutToken.IsCancellationRequested)
                {
                    await GatewayErrors.WriteAsync(context, StatusCode.DeadlineExceeded, $"The backend for {route.Name} did not answer within {route.Options.Timeout}.");
                    return AttemptOutcome.Finished;
                }

                NoteFailure(route, destination, passive);
                var problem = $"{destination.Address} failed: {e.Message}";
                var neverSent = e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }
                    && (streamed is null || !streamed.Started);
                if (neverSent || kept is not null)
                {
                    return AttemptOutcome.Retry(problem);
                }

                await GatewayErrors.WriteAsync(context, StatusCode.Unavailable, $"The backend for {route.Name} is unavailable: {problem}");
                return AttemptOutcome.Finished;
            }

            using (response)
            {
                var unavailable = response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
                    || (response.Headers.TryGetValues("grpc-status", out var status) && status.FirstOrDefault() == "14");
                if (unavailable)
                {
                    NoteFailure(route, destination, passive);
                    if (kept is not null)
                    {
                        return AttemptOutcome.Retry($"{destination.Address} answered UNAVAILABLE");
                    }
                }
                else
                {
                    destination.ReportSuccess();
                }

                await RelayResponseAsync(context, route, destination, response, callToken, timeoutToken);
                return AttemptOutcome.Finished;
            }
        }
        finally
        {
            destination.CallEnded();
            if (streamed is not null)
            {
                await streamed.StopAsync();
            }
        }
    }

    private async Task RelayResponseAsync(
        HttpContext context, GatewayRoute route, Destination destination, HttpResponseMessage response,
        CancellationToken callToken, CancellationToken timeoutToken)
    {
        ForwardedHeaders.CopyResponse(response, context.Response);
        var buffer = ArrayPool<byte>.Shared.Rent(32 * 1024);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(callToken);
            int read;
            while ((read = await body.ReadAsync(buffer, callToken)) > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), callToken);
                await context.Response.Body.FlushAsync(callToken);
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            if (timeoutToken.IsCancellationRequested)
            {
                await GatewayErrors.WriteAsync(context, StatusCode.DeadlineExceeded, $"The backend for {route.Name} did not finish within {route.Options.Timeout}.");
                return;
            }

            if (FindReset(e) is { } resetCode && context.Features.Get<IHttpResetFeature>() is { } reset)
            {
                // The backend reset its stream (CANCEL, REFUSED_STREAM…): the caller's stream ends the same way.
                reset.Reset((int)resetCode);
                return;
            }

            NoteFailure(route, destination, route.Cluster.Options.PassiveHealthCheck);
            LogBrokenStream(_logger, route.Cluster.Name, destination.Address, e.Message);
            await GatewayErrors.WriteAsync(context, StatusCode.Unavailable, $"The connection to the backend for {route.Name} was lost mid-call: {e.Message}");
            return;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (context.Response.SupportsTrailers())
        {
            foreach (var (name, values) in response.TrailingHeaders.NonValidated)
            {
                foreach (var value in values)
                {
                    context.Response.AppendTrailer(name, value);
                }
            }
        }
    }

    private static long? FindReset(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpProtocolException protocol)
            {
                return protocol.ErrorCode;
            }
        }

        return null;
    }

    private void NoteFailure(GatewayRoute route, Destination destination, Configuration.PassiveHealthCheckOptions passive)
    {
        if (passive.Enabled && destination.ReportFailure(_time.GetUtcNow().UtcTicks, passive.ConsecutiveFailures, passive.EjectionTime))
        {
            LogEjected(_logger, destination.Address, route.Cluster.Name, passive.EjectionTime);
        }
    }

    private static bool HasBody(HttpContext context) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? context.Request.ContentLength > 0;

    private static async Task<byte[]?> KeepBodyAsync(HttpContext context, CancellationToken cancellationToken)
    {
        using var kept = new MemoryStream();
        var reader = context.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            foreach (var segment in read.Buffer)
            {
                kept.Write(segment.Span);
            }

            reader.AdvanceTo(read.Buffer.End);
            if (kept.Length > MaxBufferedBody)
            {
                throw new BadHttpRequestException("An idempotent call's body is over 1 MiB; mark the method non-idempotent to stream it.", StatusCodes.Status413PayloadTooLarge);
            }

            if (read.IsCompleted)
            {
                return kept.ToArray();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {Cluster}: destination {Address} ejected for {Ejection} after consecutive failures")]
    private static partial void LogEjected(ILogger logger, Uri address, string cluster, TimeSpan ejection);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {Cluster}: retrying on another destination after {Address}: {Problem}")]
    private static partial void LogRetrying(ILogger logger, string cluster, Uri address, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {Cluster}: stream from {Address} broke mid-call: {Problem}")]
    private static partial void LogBrokenStream(ILogger logger, string cluster, Uri address, string problem);
}
