using Platform.Benchmarks;

return args.FirstOrDefault() switch
{
    "grpc-load" => await GrpcLoadBenchmark.RunAsync(args[1..]),
    "grpc-telemetry" => await GrpcTelemetryBenchmark.RunAsync(args[1..]),
    "gateway" => await GatewayBenchmark.RunAsync(args[1..]),
    "gateway-failover" => await GatewayFailoverBenchmark.RunAsync(args[1..]),
    "footprint" => await FootprintBenchmark.RunAsync(args[1..]),
    "grpc-alloc" => GrpcAllocationBenchmark.Run(args[1..]),
    "documents-get" => await DocumentGetBenchmark.RunAsync(args[1..]),
    "redis" => await RedisLoadBenchmark.RunAsync(args[1..]),
    "entities" => await EntityBenchmark.RunAsync(args[1..]),
    "predictions" => await PredictionBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Usage: dotnet run -c Release --project tests/Benchmarks -- <benchmark> [options]

          grpc-load   h2load unary throughput and latency: Grpc.AspNetCore against the C++ gRPC server,
                      same load, same run, as a ratio.  [--seconds 10] [--runs 3] [--conns 4] [--streams 8] [--warmup 1]
          grpc-telemetry  The cost of the platform's service set-up per call: Grpc.AspNetCore bare, with the service
                      defaults (telemetry off) and with OpenTelemetry exporting to a local OTLP receiver, same
                      h2load load, alternating, as ratios to bare.  [same options as grpc-load]
          gateway     Gateway overhead: h2load unary load straight to the C++ gRPC server, through our gateway and
                      through nginx grpc_pass (1 worker), alternating in one run; throughput ratios to direct
                      (gateway_ratio, nginx_ratio), added p50/p99, and CPU per call from /proc
                      (gateway_cpu_us_per_call, nginx_cpu_us_per_call, backend_cpu_us_per_call). A REST row:
                      GET /v1/documents/{id} as JSON straight to the document service and through the gateway
                      (rest_direct_rps, rest_gateway_rps, rest_ratio, rest_gateway_cpu_us_per_call). Failed calls
                      (HTTP status, or a gRPC response without its message) are counted; any makes it exit 1.
                      [--seconds 10] [--runs 3] [--conns 4] [--streams 8] [--warmup 1]
          gateway-failover  One of two replicas killed (SIGKILL) under 16 callers' unary load through the gateway,
                      with the gateway's retry of refused connections off, then on: failed calls by status.
                      [--seconds 4]
          footprint   The whole platform from the Aspire app host, with its dashboard, on free ports: seconds to
                      "Platform ready" on a fresh data folder and on the existing one (median of --warm-runs);
                      resident MB (VmRSS) of every process of the platform by group — app host, DCP API server,
                      controllers and monitors, dashboard, each dotnet run wrapper, each service, redis-server —
                      idle and after the sample corpus, and the total; end-to-end ingest articles/s through the
                      gateway (1,000-word articles, SQLite); seconds from SIGTERM to the app host until every
                      process of the platform is gone (any left after 30 s is named, killed, and makes it exit 1).
                      [--articles 400] [--warm-runs 3]
          documents-get  GetDocument over gRPC from the document service (a separate process): p50/p99 of
                      cache hits in the in-process L1, in Redis only, and without Redis; SQLite bulk ingest.
                      [--seconds 10] [--clients 16]
          entities    Recognition words per second on one core (1,000-word articles), and ListMentions p50/p99
                      for an entity with 100,000 mentions (first page and a deep page), SQLite.  [--seconds 5]
          predictions Extraction articles per second on one core (1,000-word articles); GetScoreboard p50/p99 with
                      1,000,000 forecasts and 10,000 predictors, cached and uncached; one ResolvePrediction.
                      [--seconds 5] [--forecasts 1000000]
          grpc-alloc  BenchmarkDotNet with the memory diagnoser: bytes allocated per unary call on the
                      client and on the server hot paths.
          redis       SET/GET throughput and latency of the platform's Redis path (StackExchange.Redis, one
                      ConnectionMultiplexer from Platform.Caching's RedisConnection.Options, async StringSet/
                      StringGet) against redis-benchmark at the same concurrency and pipelining, same server,
                      alternating, medians as a ratio. Starts its own redis-server on 127.0.0.1 unless --port is
                      given. Each of our callers keeps --pipeline commands in flight; our latency is per batch.
                      [--port P] [--clients 50] [--pipeline 1] [--seconds 10] [--runs 3] [--value-size 3]
        """);
    return 2;
}
