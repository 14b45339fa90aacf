using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// One unary call with a 100-byte payload each way. The memory diagnoser counts every byte allocated in
/// this process per call: against the C++ server (another process) that is the client alone; against our
/// server in this process it is client plus server, so the difference is the server's share.
/// </summary>
[MemoryDiagnoser]
public class UnaryCallBenchmarks
{
    private static readonly CallOptions Options = new(deadline: DateTime.MaxValue);
    private readonly SimpleRequest _request = new() { ResponseSize = 100, Payload = new Payload { Body = ByteString.CopyFrom(new byte[100]) } };
    private BenchmarkServer? _ours;
    private ChildProcess? _cpp;
    private GrpcChannel? _toCpp;
    private GrpcChannel? _toOurs;
    private TestService.TestServiceClient? _cppClient;
    private TestService.TestServiceClient? _ourClient;

    [GlobalSetup]
    public void Setup()
    {
        _ours = BenchmarkServer.StartAsync().GetAwaiter().GetResult();
        var (process, port) = Peers.StartCppServerAsync(maxSeconds: 900).GetAwaiter().GetResult();
        _cpp = process;
        _toCpp = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        _toOurs = GrpcChannel.ForAddress($"http://127.0.0.1:{_ours.Port}");
        _cppClient = new TestService.TestServiceClient(_toCpp);
        _ourClient = new TestService.TestServiceClient(_toOurs);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _toCpp?.Dispose();
        _toOurs?.Dispose();
        _cpp?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _ours?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "client only (to the C++ server)")]
    public async Task<SimpleResponse> ClientOnly() => await _cppClient!.UnaryCallAsync(_request, Options);

    [Benchmark(Description = "client + server (both ours, in process)")]
    public async Task<SimpleResponse> ClientAndServer() => await _ourClient!.UnaryCallAsync(_request, Options);
}
