using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Interop.Server;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>Grpc.AspNetCore serving the interop TestService, in this process, on a free loopback port, logging off.</summary>
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

    public static async Task<BenchmarkServer> StartAsync(bool countStatuses = false)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var statuses = new ServerStatusCounter();
        if (countStatuses)
        {
            statuses.Attach(app); // a middleware: costs an allocation per call, so only the load benchmark uses it
        }

        app.MapGrpcService<InteropTestService>();
        await app.StartAsync();
        return new BenchmarkServer(app, port, statuses);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
