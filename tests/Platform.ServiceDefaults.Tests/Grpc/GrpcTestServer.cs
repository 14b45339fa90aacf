using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Grpc;

namespace Platform.ServiceDefaults.Tests.Grpc;

/// <summary>
/// A service started exactly as the platform's services start (<c>AddServiceDefaults</c>, <c>AddGrpcServiceDefaults</c>,
/// <c>MapGrpcServiceDefaults</c>) serving the test FunctionalService, in this process on Kestrel at 127.0.0.1 with a
/// port the kernel picks: real HTTP/2 over loopback. Its logs are captured for the tests.
/// </summary>
internal sealed class GrpcTestServer : IAsyncDisposable
{
    /// <summary>The receive limit the test service is configured with, as each platform service sets its own.</summary>
    public const int MaxReceiveMessageSize = 64 * 1024;

    private readonly WebApplication _app;

    private GrpcTestServer(WebApplication app, Uri address, CapturingLoggerProvider logs)
    {
        _app = app;
        Address = address;
        Logs = logs;
    }

    public Uri Address { get; }

    public CapturingLoggerProvider Logs { get; }

    public CallLog Calls => _app.Services.GetRequiredService<CallLog>();

    public IHostApplicationLifetime Lifetime => _app.Lifetime;

    public static async Task<GrpcTestServer> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.AddGrpcServiceDefaults(o => o.MaxReceiveMessageSize = MaxReceiveMessageSize);
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton<CallLog>();

        var app = builder.Build();
        app.MapGrpcService<FunctionalServiceImpl>();
        app.MapGrpcServiceDefaults();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new GrpcTestServer(app, new Uri(address), logs);
    }

    public GrpcChannel CreateChannel() => GrpcChannel.ForAddress(Address);

    /// <summary>A plain HttpClient speaking HTTP/2 with prior knowledge, for hand-made gRPC requests.</summary>
    public HttpClient CreateRawClient() => new(new SocketsHttpHandler())
    {
        BaseAddress = Address,
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Stops the host as SIGTERM would: readiness fails, the listener closes, in-flight calls may finish.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        // A test may leave a call hanging: bound the drain rather than wait the configured shutdown timeout.
        using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(drain.Token);
        await _app.DisposeAsync();
    }
}
