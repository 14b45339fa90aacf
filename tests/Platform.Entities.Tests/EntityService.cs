using Grpc.Core;
using Platform.Entities.V1;
using Platform.Testing;

namespace Platform.Entities.Tests;

/// <summary>Starts the entity service (SQLite or PostgreSQL) and gives typed clients to it.</summary>
public abstract class EntityServiceFixture : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("entities-").FullName;

    private protected GrpcServiceProcess Service { get; private set; } = null!;

    private protected EntityExtraction.EntityExtractionClient Extraction => new(Service.Channel);

    private protected EntityService.EntityServiceClient Entities => new(Service.Channel);

    private protected static CallOptions Deadline => new CallOptions().WithDeadline(DateTime.UtcNow + TimeSpan.FromSeconds(30));

    /// <summary>Calls made as an editor, with the identity the gateway would set.</summary>
    private protected static CallOptions AsEditor(string identity = "editor@example.org") =>
        new CallOptions(new Metadata { { Platform.Contracts.CallerMetadata.Identity, identity } }).WithDeadline(DateTime.UtcNow + TimeSpan.FromSeconds(30));

    public async Task InitializeAsync() => Service = await GrpcServiceProcess.StartAsync("Platform.Entities", _data, await StorageSettingsAsync());

    public virtual async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    protected abstract Task<Dictionary<string, string>> StorageSettingsAsync();

    private protected async Task<ExtractEntitiesResponse> ExtractAsync(string documentId, string body, string hash = "h1") =>
        await Extraction.ExtractEntitiesAsync(new ExtractEntitiesRequest { DocumentId = documentId, ContentSha256 = hash, Body = body }, Deadline);
}
