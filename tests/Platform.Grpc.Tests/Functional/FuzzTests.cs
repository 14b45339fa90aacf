using Google.Protobuf;
using Grpc.Testing;
using Platform.Grpc.Tests.Support;

namespace Platform.Grpc.Tests.Functional;

/// <summary>
/// Sends 10,000 random and mutated request bodies to every call shape. Each call must end with a valid
/// gRPC status (0-16) within its time limit, and the server must serve a normal call afterwards.
/// </summary>
public sealed class FuzzTests
{
    private const int Calls = 10_000;
    private const int Concurrency = 16;

    private static readonly string[] Paths =
    [
        "/grpc.testing.TestService/UnaryCall",
        "/grpc.testing.TestService/StreamingOutputCall",
        "/grpc.testing.TestService/StreamingInputCall",
        "/grpc.testing.TestService/FullDuplexCall",
        "/grpc.testing.TestService/HalfDuplexCall",
    ];

    [Fact]
    public async Task TenThousandMutatedFrames_EveryCallEndsWithAStatus_AndServerStillServes()
    {
        await using var server = await TestGrpcServer.StartAsync(o => o.MaxReceiveMessageSize = 64 * 1024);
        using var raw = server.CreateRawClient();
        var seeds = SeedBodies();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var next = -1;

        var workers = Enumerable.Range(0, Concurrency).Select(async worker =>
        {
            var random = new Random(worker * 7919);
            int i;
            while ((i = Interlocked.Increment(ref next)) < Calls)
            {
                var body = Mutate(seeds[random.Next(seeds.Length)], random);
                var path = Paths[random.Next(Paths.Length)];
                var headers = random.Next(10) == 0 ? new[] { new KeyValuePair<string, string>("grpc-encoding", "gzip") } : [];
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    var result = await RawGrpc.CallAsync(raw, path, body, headers: headers, cancellationToken: limit.Token);
                    if (result.GrpcStatus is not (>= 0 and <= 16))
                    {
                        failures.Enqueue($"call {i} to {path}: HTTP {result.HttpStatus} without a valid grpc-status");
                    }
                }
                catch (Exception e)
                {
                    failures.Enqueue($"call {i} to {path}: {e.GetType().Name}: {e.Message}");
                }
            }
        });
        await Task.WhenAll(workers);

        Assert.True(failures.IsEmpty, $"{failures.Count} of {Calls} calls did not end with a status, e.g.:\n{string.Join('\n', failures.Take(5))}");
        var check = await RawGrpc.CallAsync(raw, Paths[0], RawGrpc.Frame(new SimpleRequest { ResponseSize = 8 }.ToByteArray()));
        Assert.Equal(0, check.GrpcStatus);
    }

    private static byte[][] SeedBodies()
    {
        var output = new StreamingOutputCallRequest();
        output.ResponseParameters.Add(new ResponseParameters { Size = 10 });
        output.ResponseParameters.Add(new ResponseParameters { Size = 3 });
        return
        [
            RawGrpc.Frame(new SimpleRequest { ResponseSize = 16, Payload = new Payload { Body = ByteString.CopyFrom(new byte[64]) } }.ToByteArray()),
            RawGrpc.Frame(output.ToByteArray()),
            [.. RawGrpc.Frame(new StreamingInputCallRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[32]) } }.ToByteArray()), .. RawGrpc.Frame(output.ToByteArray())],
            RawGrpc.Frame(Platform.Grpc.Internal.GrpcCompression.Compress(new SimpleRequest { ResponseSize = 4 }.ToByteArray()), flag: 1),
            [],
        ];
    }

    /// <summary>Bit flips, byte changes, truncation, duplication, random bytes and forged length prefixes.</summary>
    private static byte[] Mutate(byte[] seed, Random random)
    {
        var body = seed.ToList();
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations; m++)
        {
            switch (random.Next(7))
            {
                case 0 when body.Count > 0:
                    var bit = random.Next(body.Count);
                    body[bit] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when body.Count > 0:
                    body[random.Next(body.Count)] = (byte)random.Next(256);
                    break;
                case 2 when body.Count > 0:
                    body = body.Take(random.Next(body.Count)).ToList();
                    break;
                case 3:
                    body.AddRange(body.Take(random.Next(body.Count + 1)).ToList());
                    break;
                case 4:
                    var noise = new byte[random.Next(1, 64)];
                    random.NextBytes(noise);
                    body.InsertRange(random.Next(body.Count + 1), noise);
                    break;
                case 5 when body.Count >= 5:
                    var length = (uint)random.Next(0, 200_000);
                    body[1] = (byte)(length >> 24);
                    body[2] = (byte)(length >> 16);
                    body[3] = (byte)(length >> 8);
                    body[4] = (byte)length;
                    break;
                default:
                    body.Add((byte)random.Next(256));
                    break;
            }
        }

        return [.. body];
    }
}
