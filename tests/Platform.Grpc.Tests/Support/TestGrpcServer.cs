using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Grpc.Client;
using Platform.Grpc.Server;
using Platform.Grpc.Services;
using Platform.Interop.Server;
using Platform.Testing;

namespace Platform.Grpc.Tests.Support;

/// <summary>
/// A real Kestrel server on loopback serving the interop TestService, the functional test service,
/// health and reflection: one HTTP/2 cleartext port and one HTTP/1.1 port (for protocol rejection tests).
/// </summary>
internal sealed class TestGrpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestGrpcServer(WebApplication app, int port, int http1Port)
    {
        _app = app;
        Address = new Uri($"http://127.0.0.1:{port}");
        Http1Address = new Uri($"http://127.0.0.1:{http1Port}");
    }

    public Uri Address { get; }

    public Uri Http1Address { get; }

    public CallLog Log => _app.Services.GetRequiredService<CallLog>();

    public IServiceProvider Services => _app.Services;

    public static async Task<TestGrpcServer> StartAsync(
        Action<GrpcServerOptions>? configure = null,
        Action<Http2Limits>? http2 = null,
        Action<IServiceCollection>? services = null)
    {
        var port = FreePort.Next();
        var http1Port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpcServer(configure);
        builder.Services.AddHealthChecks();
        builder.Services.AddSingleton<CallLog>();
        builder.Services.AddSingleton<FunctionalServiceImpl>();
        services?.Invoke(builder.Services);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, http1Port, o => o.Protocols = HttpProtocols.Http1);
            http2?.Invoke(kestrel.Limits.Http2);
        });

        var app = builder.Build();
        app.MapGrpcService<InteropTestService>();
        app.MapGrpcService<FunctionalServiceImpl>();
        app.MapGrpcHealthService();
        app.MapGrpcReflectionService();
        await app.StartAsync();
        return new TestGrpcServer(app, port, http1Port);
    }

    public GrpcChannel CreateChannel(GrpcChannelOptions? options = null) => GrpcChannel.ForAddress(Address, options);

    /// <summary>A plain HttpClient speaking h2c with prior knowledge, for hand-made gRPC requests.</summary>
    public HttpClient CreateRawClient() => new(new SocketsHttpHandler())
    {
        BaseAddress = Address,
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
