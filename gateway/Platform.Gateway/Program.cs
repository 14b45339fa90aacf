using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Platform.Gateway.Api;
using Platform.Gateway.Endpoints;
using Platform.Gateway.Hosting;
using Platform.Gateway.Proxy;
using Platform.Gateway.Security;
using Platform.ServiceDefaults;

// appsettings.json sits next to the binaries, whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

// An operator's own routes, clusters and keys file, watched like appsettings.json (edits apply without a restart).
if (builder.Configuration["Gateway:ConfigFile"] is { Length: > 0 } configFile)
{
    builder.Configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: true);
}

KeysFile.Add(builder.Configuration); // the API keys `platform keys` writes, when Gateway:KeysFile names their file

builder.AddServiceDefaults();

// The request path is asynchronous end to end, so continuations may run on the socket threads instead of
// hopping to the thread pool: on a small machine the hop is a large part of forwarding a call.
builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = builder.Configuration.GetValue("Gateway:InlineScheduling", true));
builder.WebHost.ConfigureKestrel(kestrel =>
{
    // gRPC clients and browsers share one port (see CleartextHttp2Detection); the detection marks an h2c
    // connection as if ALPN had chosen h2, so its requests' "http" scheme must be accepted as they come.
    kestrel.AllowAlternateSchemes = true;
    kestrel.ConfigureEndpointDefaults(listen =>
    {
        listen.Protocols = HttpProtocols.Http1AndHttp2;
        listen.Use(CleartextHttp2Detection.Middleware);
    });
    kestrel.Limits.MaxRequestBodySize = 4 << 20; // routes set their own (MaxRequestBodySize) above or below this
    RequestSizeLimits.RaiseKestrelCeilings(kestrel.Limits);
});

builder.Services.AddSingleton(RestRouteTable.ForPlatform());
builder.Services.AddGatewaySecurity(builder.Configuration);
builder.Services.AddGatewayProxy(builder.Configuration);
builder.Services.AddRequestTimeouts();
builder.Services.AddResponseCompression(compression =>
{
    compression.EnableForHttps = true;
    compression.Providers.Add<BrotliCompressionProvider>();
    compression.Providers.Add<GzipCompressionProvider>();
    compression.MimeTypes = ["text/html", "text/css", "text/javascript", "application/javascript", "application/json", "image/svg+xml"];
});

var app = builder.Build();
try
{
    // Both read the configuration now, so a mistake in it stops the gateway here, named, before it listens.
    app.Services.GetRequiredService<GatewayPolicy>();
    app.MapGateway(TrustedProxies.Read(app.Configuration));
}
catch (InvalidOperationException e)
{
    await Console.Error.WriteLineAsync($"The gateway's configuration is not valid: {ProxyConfigLog.Problems(e)}");
    return 2;
}

await app.RunAsync();
return 0;
