namespace Platform.Benchmarks;

/// <summary>One measured run of one command (SET or GET) by one tool. ClientCpu is in cores, when known.</summary>
internal sealed record RedisRunResult(
    string Tool, string Op, double OpsPerSecond, double P50Ms, double P99Ms, long Operations, double Seconds, double ServerCpu, double? ClientCpu);
