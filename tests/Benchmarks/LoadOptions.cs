using System.Globalization;

namespace Platform.Benchmarks;

/// <summary>Bounded load settings: every run stops by itself after warm-up + seconds.</summary>
internal sealed record LoadOptions(int Seconds, int Runs, int Connections, int Streams, int Warmup)
{
    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions(Seconds: 10, Runs: 3, Connections: 4, Streams: 8, Warmup: 1);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--seconds" => options with { Seconds = Math.Clamp(value, 1, 120) },
                "--runs" => options with { Runs = Math.Clamp(value, 1, 10) },
                "--conns" => options with { Connections = Math.Clamp(value, 1, 64) },
                "--streams" => options with { Streams = Math.Clamp(value, 1, 100) },
                "--warmup" => options with { Warmup = Math.Clamp(value, 0, 30) },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }

        return options;
    }
}
