using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>nginx in the foreground with its own config and runtime folder: listen http2, grpc_pass to one upstream.</summary>
internal sealed class NginxGrpcProxy : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly string _folder;

    private NginxGrpcProxy(ChildProcess process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The master's process id; its worker is its child.</summary>
    public int ProcessId => _process.Id;

    public static async Task<NginxGrpcProxy> StartAsync(int upstreamPort)
    {
        var port = FreePort.Next();
        var folder = Directory.CreateTempSubdirectory("nginx-grpc-").FullName;
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            worker_processes 1;
            daemon off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 4096; }
            http {
              access_log off;
              client_body_temp_path {{folder}}/body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              http2_max_requests 100000000;
              keepalive_requests 100000000;
              upstream backend { server 127.0.0.1:{{upstreamPort}}; keepalive 64; keepalive_requests 100000000; }
              server {
                listen 127.0.0.1:{{port}} http2;
                location / { grpc_pass grpc://backend; }
              }
            }
            """);
        var process = ChildProcess.Start("/usr/sbin/nginx", ["-p", folder, "-c", config, "-e", Path.Combine(folder, "error.log")]);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!IsListening(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("nginx did not start: " + process.Output + File.ReadAllText(Path.Combine(folder, "error.log")));
            }

            await Task.Delay(50);
        }

        return new NginxGrpcProxy(process, folder, port);
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            client.Connect(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
