using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Interop.Server;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Grpc;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// Grpc.AspNetCore serving the interop TestService, in this process, on a free loopback port, logging off: bare
/// (<c>AddGrpc</c> only), or set up as the platform's services are (service defaults, the gRPC defaults and, when
/// <paramref name="otlpEndpoint"/> is given, OpenTelemetry exporting there).
/// </summary>
internal sealed class BenchmarkServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchmarkServer(WebApplication app, int port, ServerStatusCounter statuses)
    {
        _app = app;
        Port = port;
        Statuses = statuses;
    }

    public int Port { get; }

    /// <summary>The grpc-status of every call the server answered since the last <see cref="ServerStatusCounter.TakeCounts"/>.</summary>
    public ServerStatusCounter Statuses { get; }

    public static async Task<BenchmarkServer> StartAsync(bool countStatuses = false, bool platformDefaults = false, string? otlpEndpoint = null)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        if (otlpEndpoint is not null)
        {
            builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint;
            builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        }

        if (platformDefaults)
        {
            builder.AddServiceDefaults();
            builder.AddGrpcServiceDefaults();
        }
        else
        {
            builder.Services.AddGrpc();
        }

        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var statuses = new ServerStatusCounter();
        if (countStatuses)
        {
            statuses.Attach(app); // a middleware: costs an allocation per call, so only the load benchmark uses it
        }

        app.MapGrpcService<InteropTestService>();
        if (platformDefaults)
        {
            app.MapGrpcServiceDefaults();
        }

        await app.StartAsync();
        return new BenchmarkServer(app, port, statuses);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
