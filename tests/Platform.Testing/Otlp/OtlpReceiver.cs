using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Testing.Otlp;

/// <summary>
/// A local OTLP/HTTP receiver: accepts POST /v1/traces, /v1/metrics and /v1/logs (protobuf bodies,
/// as the OTLP exporter sends them) and keeps every body for the test to inspect.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public string Endpoint { get; private set; } = "";

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            receiver._received.Enqueue((context.Request.Path.Value!, buffer.ToArray()));
            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Endpoint = address;
        return receiver;
    }

    /// <summary>Waits until some body posted to <paramref name="path"/> satisfies the predicate.</summary>
    public async Task<byte[]> WaitForAsync(string path, Func<byte[], bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var (p, body) in _received)
            {
                if (p == path && match(body))
                {
                    return body;
                }
            }

            await Task.Delay(100);
        }

        var seen = string.Join(", ", _received.Select(r => $"{r.Path} ({r.Body.Length} bytes)"));
        throw new TimeoutException($"No matching OTLP export to {path} within {timeout}. Received: [{seen}]");
    }

    /// <summary>Every span exported so far, decoded from the OTLP trace bodies.</summary>
    public IReadOnlyList<OtlpSpan> Spans() =>
        [.. _received.Where(r => r.Path == "/v1/traces").SelectMany(r => OtlpSpan.ReadAll(r.Body))];

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
