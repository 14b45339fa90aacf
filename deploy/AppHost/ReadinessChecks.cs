using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.AppHost;

/// <summary>
/// The app host's health checks of its resources. The services listen with HTTP/2 only (cleartext gRPC needs prior
/// knowledge), so their /health/ready is asked over HTTP/2, which Aspire's own HTTP check does not do; redis-server
/// is asked PING.
/// </summary>
internal static class ReadinessChecks
{
    private static readonly HttpClient Http2 = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) })
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>Registers a check of http://127.0.0.1:<paramref name="port"/>/health/ready and returns its name.</summary>
    public static string Http2Ready(IDistributedApplicationBuilder builder, string resource, int port)
    {
        var name = resource + "-ready";
        var uri = new Uri($"http://127.0.0.1:{port}/health/ready");
        builder.Services.AddHealthChecks().AddAsyncCheck(name, async cancellationToken =>
        {
            try
            {
                using var response = await Http2.GetAsync(uri, cancellationToken);
                return response.IsSuccessStatusCode ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{uri} answered {(int)response.StatusCode}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return HealthCheckResult.Unhealthy($"{uri}: {e.Message}");
            }
        });
        return name;
    }

    /// <summary>Registers a PING of the redis-server on <paramref name="port"/> and returns its name.</summary>
    public static string RedisPing(IDistributedApplicationBuilder builder, string resource, int port)
    {
        var name = resource + "-ping";
        builder.Services.AddHealthChecks().AddAsyncCheck(name, async cancellationToken =>
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
                var buffer = new byte[16];
                var read = await stream.ReadAsync(buffer, cancellationToken);
                return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal)
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy("redis-server did not answer PONG");
            }
            catch (SocketException e)
            {
                return HealthCheckResult.Unhealthy($"redis-server on port {port}: {e.Message}");
            }
        });
        return name;
    }
}
