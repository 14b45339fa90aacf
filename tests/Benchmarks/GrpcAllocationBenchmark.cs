using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Platform.Benchmarks;

/// <summary>Runs <see cref="UnaryCallBenchmarks"/> and prints bytes per call for client, client+server and server.</summary>
internal static class GrpcAllocationBenchmark
{
    public static int Run(string[] args)
    {
        _ = args;
        // In-process toolchain: no separate benchmark build; short, bounded iterations.
        var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(3).WithIterationCount(8).WithInvocationCount(2000).WithUnrollFactor(1);
        var config = ManualConfig.CreateMinimumViable().AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var summary = BenchmarkRunner.Run<UnaryCallBenchmarks>(config);

        double? Bytes(string method) => summary.Reports
            .FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method)?
            .GcStats.GetBytesAllocatedPerOperation(summary.Reports[0].BenchmarkCase);
        double? Mean(string method) => summary.Reports
            .FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method)?.ResultStatistics?.Mean / 1000.0;

        var client = Bytes(nameof(UnaryCallBenchmarks.ClientOnly));
        var both = Bytes(nameof(UnaryCallBenchmarks.ClientAndServer));
        if (client is null || both is null)
        {
            Console.Error.WriteLine("The benchmark produced no results.");
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"client_bytes_per_call={client:F0} client_and_server_bytes_per_call={both:F0} server_bytes_per_call={both - client:F0} " +
            $"client_only_mean_us={Mean(nameof(UnaryCallBenchmarks.ClientOnly)):F1} client_and_server_mean_us={Mean(nameof(UnaryCallBenchmarks.ClientAndServer)):F1}"));
        return 0;
    }
}
