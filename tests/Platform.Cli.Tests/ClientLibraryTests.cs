using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Platform.Client;
using Platform.Documents.V1;
using Platform.Predictions.V1;

namespace Platform.Cli.Tests;

/// <summary>The client library registered with dependency injection reaches the gateway with the caller's key.</summary>
[Collection(RunningPlatformGroup.Name)]
public sealed class ClientLibraryTests(RunningPlatform platform)
{
    [Fact]
    public async Task AddPlatformClient_InjectedClients_CarryTheKey_AndItsRole()
    {
        var services = new ServiceCollection();
        services.AddPlatformClient(new PlatformClientOptions { Gateway = platform.Gateway, ApiKey = RunningPlatform.ReaderKey });
        await using var provider = services.BuildServiceProvider();

        // A reader may read the scoreboard...
        var predictions = provider.GetRequiredService<PredictionService.PredictionServiceClient>();
        var board = await predictions.GetScoreboardAsync(new GetScoreboardRequest { MinResolved = 0 });
        Assert.NotNull(board);

        // ...but not ingest: the gateway knows who is calling, so the key went with the call.
        var documents = provider.GetRequiredService<DocumentService.DocumentServiceClient>();
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            documents.IngestDocumentAsync(new IngestDocumentRequest { Content = "The rain will probably stop by Friday." }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Fact]
    public async Task AddPlatformClient_WithoutAKey_IsAnonymous()
    {
        var services = new ServiceCollection();
        services.AddPlatformClient(new PlatformClientOptions { Gateway = platform.Gateway });
        await using var provider = services.BuildServiceProvider();

        var documents = provider.GetRequiredService<DocumentService.DocumentServiceClient>();
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            documents.IngestDocumentAsync(new IngestDocumentRequest { Content = "The rain will probably stop by Friday." }).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }
}
