namespace Platform.Benchmarks;

/// <summary>One measured run of one command (SET or GET) by one tool. Server is what the run cost redis-server; ClientCpu (cores) and ClientBytesPerOp (allocated), when known.</summary>
internal sealed record RedisRunResult(
    string Tool, string Op, double OpsPerSecond, double P50Ms, double P99Ms, long Operations, double Seconds, RedisServerStats? Server, double? ClientCpu, double? ClientBytesPerOp = null);
