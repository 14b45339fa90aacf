using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Platform.Interop.Server;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>Grpc.AspNetCore serving the interop TestService, in this process, on a free loopback port, logging off.</summary>
internal sealed class BenchmarkServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchmarkServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<BenchmarkServer> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        app.MapGrpcService<InteropTestService>();
        await app.StartAsync();
        return new BenchmarkServer(app, port);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
