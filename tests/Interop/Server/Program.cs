using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Platform.Interop.Server;

if (!InteropServerOptions.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    return 2;
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddInteropGrpc();
builder.Services.AddGrpcHealthChecks();
builder.Services.AddGrpcReflection();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
{
    // Cleartext gRPC is HTTP/2 with prior knowledge; TLS negotiates h2 through ALPN.
    listen.Protocols = HttpProtocols.Http2;
    if (options.UseTls)
    {
        listen.UseHttps(X509Certificate2.CreateFromPemFile(options.CertificateFile, options.KeyFile));
    }
}));

var app = builder.Build();
app.MapGrpcService<InteropTestService>();
app.MapGrpcHealthChecksService();
app.MapGrpcReflectionService();   // grpc.reflection.v1 and v1alpha, for reflection clients (grpcurl, reflection_client)
app.MapGet("/health/ready", () => "ready"); // what a gateway's active health check probes
await app.StartAsync();
Console.WriteLine($"Interop server listening on 127.0.0.1:{options.Port} ({(options.UseTls ? "TLS" : "h2c")})");
await app.WaitForShutdownAsync();
return 0;
