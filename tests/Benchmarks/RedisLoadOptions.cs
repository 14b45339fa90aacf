using System.Globalization;

namespace Platform.Benchmarks;

/// <summary>
/// Settings of the redis benchmark, defaulting to redis-benchmark's own (50 clients, no pipelining, 3-byte values).
/// Port null means: start a private redis-server.
/// </summary>
internal sealed record RedisLoadOptions(int? Port, int Clients, int Pipeline, int Seconds, int Runs, int ValueSize)
{
    /// <summary>Random keys are drawn from this many, like redis-benchmark -r 100000.</summary>
    public const int KeySpace = 100_000;

    public const int WarmupSeconds = 1;

    public static RedisLoadOptions Parse(string[] args)
    {
        var options = new RedisLoadOptions(Port: null, Clients: 50, Pipeline: 1, Seconds: 10, Runs: 3, ValueSize: 3);
        if (args.Length % 2 != 0)
        {
            throw new ArgumentException($"Option {args[^1]} has no value.");
        }

        for (var i = 0; i < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--port" => options with { Port = value is > 0 and <= 65_535 ? value : throw new ArgumentException($"Invalid port {value}.") },
                "--clients" => options with { Clients = Math.Clamp(value, 1, 1000) },
                "--pipeline" => options with { Pipeline = Math.Clamp(value, 1, 1000) },
                "--seconds" => options with { Seconds = Math.Clamp(value, 1, 120) },
                "--runs" => options with { Runs = Math.Clamp(value, 1, 10) },
                "--value-size" => options with { ValueSize = Math.Clamp(value, 1, 4096) },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }

        return options;
    }
}
