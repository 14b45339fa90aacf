using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using Platform.Documents.V1;
using Platform.Entities.V1;
using Platform.Predictions.V1;
using Platform.Testing;
using Xunit.Abstractions;
using HealthClient = Grpc.Health.V1.Health.HealthClient;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Platform.ServiceDefaults.Tests.Grpc;

/// <summary>The platform's own services, as they run: reflection lists what they serve, and 10,000 mutated calls break nothing.</summary>
[Collection(PlatformServicesDefinition.Name)]
public sealed class PlatformServicesTests(PlatformServices platform, ITestOutputHelper output)
{
    private const int Calls = 10_000;
    private const int Concurrency = 16;
    private const string Standard = "grpc.health.v1.Health grpc.reflection.v1.ServerReflection grpc.reflection.v1alpha.ServerReflection";

    // Answers Grpc.AspNetCore gives before a handler runs: a bad frame, an unreadable message, a length over the limit.
    private static readonly StatusCode[] FramingCodes = [StatusCode.Internal, StatusCode.Unknown, StatusCode.ResourceExhausted];

    private static readonly string[] MessageReadingExceptions =
        [" Google.Protobuf.InvalidProtocolBufferException:", " System.IO.InvalidDataException:", " System.IO.IOException:"];

    public static TheoryData<PlatformService, string> ServedServices() => new()
    {
        { PlatformService.Documents, "platform.documents.v1.DocumentService" },
        { PlatformService.Entities, "platform.entities.v1.EntityExtraction platform.entities.v1.EntityService" },
        { PlatformService.Predictions, "platform.predictions.v1.PredictionExtraction platform.predictions.v1.PredictionService" },
    };

    [Theory]
    [MemberData(nameof(ServedServices))]
    public async Task Reflection_ListsEveryServiceTheProcessServes_WithTheFilesToDescribeThem(PlatformService service, string own)
    {
        var channel = Channel(service);

        var names = await HealthAndReflectionTests.ListServicesAsync(channel);

        Assert.Equal([.. $"{Standard} {own}".Split(' ').Order(StringComparer.Ordinal)], names);
        foreach (var name in own.Split(' '))
        {
            // grpcurl describes a service from its file and every file that one imports (google/api/annotations.proto…).
            var answer = (await HealthAndReflectionTests.AskReflectionAsync(channel, new ServerReflectionRequest { FileContainingSymbol = name })).Single();
            var files = answer.FileDescriptorResponse.FileDescriptorProto.Select(b => FileDescriptorProto.Parser.ParseFrom(b)).ToList();
            Assert.Contains(files, f => f.Service.Any(s => $"{f.Package}.{s.Name}" == name));
            Assert.All(files.SelectMany(f => f.Dependency), dependency => Assert.Contains(files, f => f.Name == dependency));
        }

        var health = await new HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        Assert.Equal(ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task TenThousandMutatedCalls_AcrossEveryMethod_EachEndWithAStatus_AndTheServicesStillServe()
    {
        var targets = FuzzSeeds.Targets(platform);
        Assert.Equal(ContractMethods().Order(StringComparer.Ordinal), targets.Select(t => t.Path).Order(StringComparer.Ordinal));
        var clients = Enum.GetValues<PlatformService>().ToDictionary(s => s, s => RawClient(Process(s)));
        var logsBefore = Enum.GetValues<PlatformService>().ToDictionary(s => s, s => Process(s).Output.Length);
        var statuses = new ConcurrentDictionary<string, ConcurrentDictionary<int, int>>();
        var failures = new ConcurrentQueue<string>();
        var next = -1;

        var workers = Enumerable.Range(0, Concurrency).Select(async worker =>
        {
            var random = new Random(worker * 7919);
            int call;
            while ((call = Interlocked.Increment(ref next)) < Calls)
            {
                var target = targets[random.Next(targets.Count)];
                var (body, headers) = Request(target, random);
                // The server ends the call by its deadline; the token only guards against a server that never answers.
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                try
                {
                    var result = await RawGrpc.CallAsync(clients[target.Service], target.Path, body, headers: headers, cancellationToken: limit.Token);
                    if (result.GrpcStatus is not { } status || status is < 0 or > 16)
                    {
                        failures.Enqueue($"call {call} to {target.Path}: HTTP {result.HttpStatus} without a valid grpc-status");
                        continue;
                    }

                    statuses.GetOrAdd(target.Path, _ => new()).AddOrUpdate(status, 1, (_, n) => n + 1);
                }
                catch (Exception e)
                {
                    failures.Enqueue($"call {call} to {target.Path}: {e.GetType().Name}: {e.Message}");
                }
            }
        });
        await Task.WhenAll(workers);
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        foreach (var (path, counts) in statuses.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{path}: {string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{(StatusCode)c.Key}={c.Value}"))}");
        }

        Assert.True(failures.IsEmpty, $"{failures.Count} of {Calls} calls did not end with a gRPC status, e.g.:\n{string.Join('\n', failures.Take(5))}");
        // Every method was reached past the framing: some of its calls got an answer its handler chose.
        Assert.All(targets, t => Assert.True(
            statuses.TryGetValue(t.Path, out var counts) && counts.Keys.Any(code => !FramingCodes.Contains((StatusCode)code)),
            $"{t.Path} never got past the framing"));
        Assert.DoesNotContain(statuses.Values, counts => counts.ContainsKey((int)StatusCode.Unimplemented));
        // UNKNOWN answers came from messages that could not be read, never from a handler failing on one it could.
        var handlerFailures = Enum.GetValues<PlatformService>().SelectMany(s => HandlerFailures(Process(s).Output[logsBefore[s]..])).ToList();
        Assert.True(handlerFailures.Count == 0, "handlers failed on requests they could read:\n" + string.Join('\n', handlerFailures.Take(5)));
        await AssertStillServingAsync();
    }

    /// <summary>
    /// The exceptions Grpc.AspNetCore logged as "Error when executing service method" that are not about reading the
    /// request (bad protobuf, bad compression, a cut stream): those would be handler bugs answered UNKNOWN.
    /// </summary>
    private static List<string> HandlerFailures(string log)
    {
        var lines = log.Split('\n');
        return lines.Select((line, i) => (line, i))
            .Where(l => l.line.Contains("Error when executing service method", StringComparison.Ordinal) && l.i + 1 < lines.Length)
            .Select(l => l.line.Trim() + " " + lines[l.i + 1].Trim())
            .Where(l => !MessageReadingExceptions.Any(e => l.Contains(e, StringComparison.Ordinal)))
            .ToList();
    }

    private GrpcServiceProcess Process(PlatformService service) => service switch
    {
        PlatformService.Documents => platform.Documents,
        PlatformService.Entities => platform.Entities,
        _ => platform.Predictions,
    };

    private GrpcChannel Channel(PlatformService service) => Process(service).Channel;

    private static IEnumerable<string> ContractMethods() =>
        new[] { DocumentService.Descriptor, EntityService.Descriptor, EntityExtraction.Descriptor, PredictionService.Descriptor, PredictionExtraction.Descriptor }
            .SelectMany(s => s.Methods.Select(m => $"/{s.FullName}/{m.Name}"));

    private static HttpClient RawClient(GrpcServiceProcess process) => new(new SocketsHttpHandler())
    {
        BaseAddress = new Uri(process.Address),
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    /// <summary>A seed as it is (one call in ten) or mutated; sometimes gzip-compressed, sometimes with the caller's identity.</summary>
    private static (byte[] Body, KeyValuePair<string, string>[] Headers) Request(FuzzTarget target, Random random)
    {
        var seed = target.Bodies[random.Next(target.Bodies.Length)];
        List<KeyValuePair<string, string>> headers = [new("grpc-timeout", "5S")];
        if (random.Next(2) == 0)
        {
            headers.Add(new(Contracts.CallerMetadata.Identity, PlatformServices.Caller));
        }

        if (random.Next(10) == 0)
        {
            seed = Gzip(seed);
            headers.Add(new("grpc-encoding", "gzip"));
        }

        return (random.Next(10) == 0 ? seed : Mutate(seed, random), [.. headers]);
    }

    /// <summary>The first framed message, compressed (flag 1); what follows it, as it was.</summary>
    private static byte[] Gzip(byte[] framed)
    {
        var length = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(framed.AsSpan(1));
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest))
        {
            gzip.Write(framed, 5, length);
        }

        return [.. RawGrpc.Frame(compressed.ToArray(), flag: 1), .. framed.AsSpan(5 + length)];
    }

    /// <summary>Bit flips, byte changes, truncation, duplication, inserted noise and forged length prefixes.</summary>
    private static byte[] Mutate(byte[] seed, Random random)
    {
        var body = seed.ToList();
        for (var m = random.Next(1, 4); m > 0; m--)
        {
            switch (random.Next(7))
            {
                case 0 when body.Count > 0:
                    body[random.Next(body.Count)] ^= (byte)(1 << random.Next(8));
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

    private async Task AssertStillServingAsync()
    {
        var options = PlatformServices.Options();
        var document = await new DocumentService.DocumentServiceClient(platform.Documents.Channel)
            .GetDocumentAsync(new GetDocumentRequest { Id = platform.DocumentId }, options);
        var entity = await new EntityService.EntityServiceClient(platform.Entities.Channel)
            .GetEntityAsync(new GetEntityRequest { Id = platform.EntityId }, options);
        var prediction = await new PredictionService.PredictionServiceClient(platform.Predictions.Channel)
            .GetPredictionAsync(new GetPredictionRequest { Id = platform.PredictionId }, options);

        Assert.Equal(platform.DocumentId, document.Id);
        Assert.Equal(platform.EntityId, entity.Id);
        Assert.Equal(platform.PredictionId, prediction.Id);
        foreach (var service in Enum.GetValues<PlatformService>())
        {
            var health = await new HealthClient(Channel(service)).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
            Assert.Equal(ServingStatus.Serving, health.Status);
        }
    }
}
