using System.Globalization;
using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Platform.Gateway.Forwarding.Clusters;
using Platform.Gateway.Forwarding.Routing;

namespace Platform.Gateway.Forwarding.Forwarding;

/// <summary>The outcome of a unary call the gateway made itself: the status, and the response message's bytes when OK.</summary>
public readonly record struct UnaryResult(StatusCode Status, string Message, ReadOnlyMemory<byte> Response);

/// <summary>
/// Unary gRPC calls the gateway makes on a caller's behalf (JSON transcoding), over the same clusters,
/// load balancing, health and retry rules as forwarded calls.
/// </summary>
public sealed class UnaryBackendClient
{
    private const int MaxAttempts = 3;

    private readonly BackendInvoker _backend;
    private readonly TimeProvider _time;

    public UnaryBackendClient(BackendInvoker backend, TimeProvider time)
    {
        _backend = backend;
        _time = time;
    }

    public async Task<UnaryResult> CallAsync(
        GatewayRoute route, string grpcPath, IMessage request, bool idempotent,
        IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        var frame = GrpcFrames.Frame(request);
        using var timeout = route.Options.Timeout is { } limit ? new CancellationTokenSource(limit, _time) : new CancellationTokenSource();
        using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var tried = new List<Destination>(MaxAttempts);
        var problem = $"no healthy destination in cluster '{route.Cluster.Name}'";
        while (tried.Count < MaxAttempts && route.Cluster.Choose(_time.GetUtcNow().UtcTicks, tried) is { } destination)
        {
            tried.Add(destination);
            using var outgoing = new HttpRequestMessage(HttpMethod.Post, new Uri(destination.Address, grpcPath))
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent(frame),
            };
            outgoing.Content.Headers.TryAddWithoutValidation("Content-Type", "application/grpc");
            outgoing.Headers.TryAddWithoutValidation("TE", "trailers");
            outgoing.Headers.TryAddWithoutValidation("grpc-accept-encoding", "identity");
            if (route.Options.Timeout is { } deadline)
            {
                outgoing.Headers.TryAddWithoutValidation("grpc-timeout", ((long)deadline.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "m");
            }

            foreach (var (name, value) in headers)
            {
                outgoing.Headers.TryAddWithoutValidation(name, value);
            }

            var passive = route.Cluster.Options.PassiveHealthCheck;
            destination.CallStarted();
            try
            {
                using var response = await _backend.Invoker.SendAsync(outgoing, call.Token);
                var body = await response.Content.ReadAsByteArrayAsync(call.Token);
                var (status, message) = ReadStatus(response);
                if (status == StatusCode.Unavailable)
                {
                    Fail(destination, passive);
                    problem = $"{destination.Address} answered UNAVAILABLE: {message}";
                    if (idempotent)
                    {
                        continue;
                    }
                }
                else
                {
                    destination.ReportSuccess();
                }

                if (status != StatusCode.OK)
                {
                    return new UnaryResult(status, message, default);
                }

                var messages = GrpcFrames.Split(body);
                return messages.Count == 1
                    ? new UnaryResult(StatusCode.OK, "", messages[0])
                    : new UnaryResult(StatusCode.Internal, $"The backend sent {messages.Count} messages for a unary call.", default);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return new UnaryResult(StatusCode.DeadlineExceeded, $"The backend for {route.Name} did not answer within {route.Options.Timeout}.", default);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException)
            {
                Fail(destination, passive);
                problem = $"{destination.Address} failed: {e.Message}";
                var neverSent = e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
                if (!neverSent && !idempotent)
                {
                    break;
                }
            }
            finally
            {
                destination.CallEnded();
            }
        }

        return new UnaryResult(StatusCode.Unavailable, $"The backend for {route.Name} is unavailable: {problem}", default);
    }

    private void Fail(Destination destination, Configuration.PassiveHealthCheckOptions passive)
    {
        if (passive.Enabled)
        {
            destination.ReportFailure(_time.GetUtcNow().UtcTicks, passive.ConsecutiveFailures, passive.EjectionTime);
        }
    }

    private static (StatusCode Status, string Message) ReadStatus(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
                ? StatusCode.Unavailable : StatusCode.Internal, $"The backend answered HTTP {(int)response.StatusCode}.");
        }

        string? Header(string name) =>
            response.TrailingHeaders.TryGetValues(name, out var late) ? late.FirstOrDefault()
            : response.Headers.TryGetValues(name, out var early) ? early.FirstOrDefault() : null;

        var status = Header("grpc-status");
        if (status is null || !int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return (StatusCode.Internal, "The backend's response carried no grpc-status.");
        }

        return ((StatusCode)code, Uri.UnescapeDataString(Header("grpc-message") ?? ""));
    }
}
