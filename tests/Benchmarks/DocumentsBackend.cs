using System.Net;
using Grpc.Core;
using Platform.Documents.V1;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// The gateway benchmark's REST backend: the document service as its own process on its own data folder, holding
/// one document ingested over gRPC, which GET /v1/documents/{id} returns as JSON (the service transcodes).
/// </summary>
internal sealed class DocumentsBackend : IAsyncDisposable
{
    private readonly string _data;

    private DocumentsBackend(GrpcServiceProcess service, string data, string documentId)
    {
        Service = service;
        _data = data;
        DocumentId = documentId;
    }

    public GrpcServiceProcess Service { get; }

    public string DocumentId { get; }

    public string DocumentPath => $"/v1/documents/{Uri.EscapeDataString(DocumentId)}";

    public static async Task<DocumentsBackend> StartAsync()
    {
        var data = Directory.CreateTempSubdirectory("bench-gateway-docs-").FullName;
        GrpcServiceProcess? service = null;
        try
        {
            service = await GrpcServiceProcess.StartAsync("Platform.Documents", data, new Dictionary<string, string>
            {
                ["Logging__LogLevel__Default"] = "Warning",
            });
            var response = await new DocumentService.DocumentServiceClient(service.Channel).IngestDocumentAsync(
                new IngestDocumentRequest { Content = Article(), Title = "Talks resume as winter nears", Outlet = "Bench Post" },
                new CallOptions().WithDeadline(DateTime.UtcNow.AddSeconds(30)));
            return new DocumentsBackend(service, data, response.Document.Id);
        }
        catch
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }

            Directory.Delete(data, recursive: true);
            throw;
        }
    }

    /// <summary>The service's CPU (its process is started by <see cref="GrpcServiceProcess"/>, found by its port).</summary>
    public ProcessCpu Cpu() => ProcessCpu.FindChild("documents", "Platform.Documents", $"127.0.0.1:{Service.Port} ");

    /// <summary>GETs the document as JSON over h2c from <paramref name="port"/>; the body's length in bytes.</summary>
    public async Task<long> PreflightAsync(string name, int port)
    {
        using var http = new HttpClient
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(10),
        };
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}{DocumentPath}"));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK || !body.Contains(DocumentId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{name} answered GET {DocumentPath} with {(int)response.StatusCode}: {body}");
        }

        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    /// <summary>About 150 words in three paragraphs: a small article, so the row is about calls rather than bytes.</summary>
    private static string Article()
    {
        var words = new[] { "forecast", "offensive", "city", "militia", "government", "displaced", "winter", "talks", "analysts", "likely" };
        var random = new Random(7);
        var paragraphs = Enumerable.Range(0, 3).Select(_ => string.Join(' ', Enumerable.Range(0, 50).Select(_ => words[random.Next(words.Length)])) + ".");
        return "Talks resume as winter nears.\n\n" + string.Join("\n\n", paragraphs);
    }
}
