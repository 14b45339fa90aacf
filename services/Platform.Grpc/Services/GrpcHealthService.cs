using Grpc.Health.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Platform.Grpc.Internal.Server;
using Platform.Grpc.Server;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Platform.Grpc.Services;

/// <summary>
/// grpc.health.v1.Health backed by the ASP.NET Core health checks, so Kubernetes' native gRPC probes and
/// grpc_health_probe see the same state as /health/ready. The empty service name means the whole server;
/// a mapped service's full name reports the same checks; any other name is NOT_FOUND (Check) or
/// SERVICE_UNKNOWN (Watch), as the protocol specifies.
/// </summary>
internal sealed class GrpcHealthService(HealthCheckService healthChecks, GrpcServiceRegistry registry, IOptions<GrpcHealthOptions> options)
    : Health.HealthBase
{
    public override async Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (!IsKnown(request.Service))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Unknown service '{request.Service}'"));
        }

        return new HealthCheckResponse { Status = await CurrentStatusAsync(context.CancellationToken) };
    }

    public override async Task Watch(HealthCheckRequest request, IAsyncStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        ServingStatus? last = null;
        while (!context.CancellationToken.IsCancellationRequested)
        {
            var status = IsKnown(request.Service) ? await CurrentStatusAsync(context.CancellationToken) : ServingStatus.ServiceUnknown;
            if (status != last)
            {
                await responseStream.WriteAsync(new HealthCheckResponse { Status = status }, context.CancellationToken);
                last = status;
            }

            try
            {
                await Task.Delay(options.Value.WatchInterval, context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The client went away (or shutdown began): a watch has no other way to end.
                return;
            }
        }
    }

    private bool IsKnown(string service) =>
        service.Length == 0 || registry.Services.Any(s => s.FullName == service);

    private async Task<ServingStatus> CurrentStatusAsync(CancellationToken cancellationToken)
    {
        // Degraded still serves (e.g. the cache is down but the database answers).
        var report = await healthChecks.CheckHealthAsync(options.Value.Predicate, cancellationToken);
        return report.Status == HealthStatus.Unhealthy ? ServingStatus.NotServing : ServingStatus.Serving;
    }
}
