using System.Net.Sockets;

namespace Platform.Testing;

/// <summary>
/// A real redis-server (Debian's package, installed by deploy/prerequisites.sh) on a free loopback port,
/// in-memory only, stopped with the test. It can be stopped and started again on the same port.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string? _password;
    private ChildProcess? _process;

    private RedisServer(int port, string? password)
    {
        Port = port;
        _password = password;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}" + (_password is null ? "" : $",password={_password}");

    public static async Task<RedisServer> StartAsync(string? password = null)
    {
        var server = new RedisServer(FreePort.Next(), password);
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var executable = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server";
        List<string> args = ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"];
        if (_password is not null)
        {
            args.AddRange(["--requirepass", _password]);
        }

        _process = ChildProcess.Start(executable, args);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited at start:\n{_process.Output}");
            }

            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }

        throw new TimeoutException($"redis-server did not listen on {Port}:\n{_process.Output}");
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash or a pod eviction would.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
