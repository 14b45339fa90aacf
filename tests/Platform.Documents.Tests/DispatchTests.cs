using Grpc.Core;
using Platform.Documents.V1;
using Platform.Testing;

namespace Platform.Documents.Tests;

/// <summary>The durable hand-off to the entity and prediction services.</summary>
public sealed class DispatchTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("docs-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }

    private static CallOptions Deadline => new CallOptions().WithDeadline(DateTime.UtcNow + TimeSpan.FromSeconds(30));

    [Fact]
    public async Task NewDocument_IsHandedToEntitiesThenPredictions_WithRetries_AndTheStatusStreamShowsIt()
    {
        await using var fakes = await FakeExtraction.StartAsync();
        // The gRPC client retries UNAVAILABLE up to 4 times by itself (the method is idempotent); 6 failures
        // also need the dispatcher's own rescheduling.
        fakes.Calls.PredictionFailuresToInject = 6;
        await using var service = await DocumentServiceProcess.StartAsync(_data, Settings(fakes.Address));

        var id = (await service.Client.IngestDocumentAsync(new IngestDocumentRequest { Content = Articles.Opinion(1) }, Deadline)).Document.Id;
        using var watch = service.Client.WatchDocumentStatus(new WatchDocumentStatusRequest { DocumentId = id }, Deadline);
        var states = new List<(StageState, StageState)>();
        await foreach (var status in watch.ResponseStream.ReadAllAsync())
        {
            states.Add((status.Entities.State, status.Predictions.State));
        }

        Assert.Equal((StageState.Done, StageState.Done), states[^1]);
        var delivered = Assert.Single(fakes.Calls.PredictionCalls);
        Assert.Equal(id, delivered.DocumentId);
        Assert.Equal(["Lena Marsh"], delivered.Authors);
        Assert.Equal("Mosul", Assert.Single(delivered.Mentions).CanonicalName);
        var document = await service.Client.GetDocumentAsync(new GetDocumentRequest { Id = id }, Deadline);
        Assert.Equal(2, document.Status.Predictions.Attempts);
        Assert.Contains(states, s => s.Item2 == StageState.Pending);
    }

    [Fact]
    public async Task RefusedByAStage_IsMarkedFailedWithTheReason()
    {
        await using var fakes = await FakeExtraction.StartAsync();
        fakes.Calls.RefusePredictions = true;
        await using var service = await DocumentServiceProcess.StartAsync(_data, Settings(fakes.Address));

        var id = (await service.Client.IngestDocumentAsync(new IngestDocumentRequest { Content = Articles.Opinion(2) }, Deadline)).Document.Id;
        var document = await WaitAsync(service, id, d => d.Status.Predictions.State == StageState.Failed);

        Assert.Equal(StageState.Done, document.Status.Entities.State);
        Assert.Contains("no sentences", document.Status.Predictions.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KilledBeforeDispatch_LosesNothing_AndTheDocumentIsProcessedOnce()
    {
        // The extraction services are down while the document is stored; then the service is killed (-9).
        var port = FreePort.Next();
        await using var service = await DocumentServiceProcess.StartAsync(_data, Settings($"http://127.0.0.1:{port}"));
        var id = (await service.Client.IngestDocumentAsync(new IngestDocumentRequest { Content = Articles.Opinion(3) }, Deadline)).Document.Id;

        await using var fakes = await FakeExtraction.StartAsync(port);
        await service.CrashAndRestartAsync();
        await WaitAsync(service, id, d => d.Status.Predictions.State == StageState.Done);
        await Task.Delay(1000);

        Assert.Equal([id], fakes.Calls.PredictionCalls.Select(c => c.DocumentId));
    }

    [Fact]
    public async Task WithTheRealEntityServiceOnly_EntitiesAreExtracted_AndPredictionsWait()
    {
        var entitiesData = Directory.CreateTempSubdirectory("entities-").FullName;
        try
        {
            await using var entities = await GrpcServiceProcess.StartAsync("Platform.Entities", entitiesData);
            await using var service = await DocumentServiceProcess.StartAsync(_data, new() { ["Dispatch__EntitiesAddress"] = entities.Address });
            var body = "Prime Minister Haider al-Abadi said the battle for Mosul would begin soon. Abadi spoke in Baghdad.";

            var id = (await service.Client.IngestDocumentAsync(new IngestDocumentRequest { Content = body }, Deadline)).Document.Id;
            var document = await WaitAsync(service, id, d => d.Status.Entities.State == StageState.Done && d.Status.Predictions.Reason.Length > 0);
            var mentions = await new Platform.Entities.V1.EntityExtraction.EntityExtractionClient(entities.Channel).ExtractEntitiesAsync(
                new Platform.Entities.V1.ExtractEntitiesRequest { DocumentId = id, ContentSha256 = document.ContentSha256, Body = document.Body }, Deadline);

            Assert.Equal(StageState.Pending, document.Status.Predictions.State);
            Assert.Contains("Dispatch:PredictionsAddress is not set", document.Status.Predictions.Reason, StringComparison.Ordinal);
            Assert.Equal(["Haider al-Abadi", "Mosul", "Abadi", "Baghdad"], mentions.Mentions.Select(m => m.Text));
        }
        finally
        {
            Directory.Delete(entitiesData, recursive: true);
        }
    }

    [Fact]
    public async Task WithTheRealServices_TheDocumentsForecastsAreTrackedWithItsEntities()
    {
        var entitiesData = Directory.CreateTempSubdirectory("entities-").FullName;
        var predictionsData = Directory.CreateTempSubdirectory("predictions-").FullName;
        try
        {
            await using var entities = await GrpcServiceProcess.StartAsync("Platform.Entities", entitiesData);
            await using var predictions = await GrpcServiceProcess.StartAsync("Platform.Predictions", predictionsData);
            await using var service = await DocumentServiceProcess.StartAsync(_data, new()
            {
                ["Dispatch__EntitiesAddress"] = entities.Address,
                ["Dispatch__PredictionsAddress"] = predictions.Address,
            });
            var body = "By Lena Marsh\n\nPrime Minister Haider al-Abadi said the battle for Mosul would be over by the end of 2017. "
                + "The Hashd is likely to stay in Nineveh.\n\nLena Marsh is a fellow at the Tigris Policy Institute.";

            var id = (await service.Client.IngestDocumentAsync(new IngestDocumentRequest { Content = body, Outlet = "Tigris Review", Published = "2016-10-17" }, Deadline)).Document.Id;
            await WaitAsync(service, id, d => d.Status.Predictions.State == StageState.Done);
            var found = await new Platform.Predictions.V1.PredictionService.PredictionServiceClient(predictions.Channel).ListPredictionsAsync(
                new Platform.Predictions.V1.ListPredictionsRequest { DocumentId = id }, Deadline);

            var byDate = found.Predictions.OrderBy(p => p.Start).ToList();
            Assert.Equal(2, byDate.Count);
            Assert.Equal(("Haider al-Abadi", true, "2017-12-31"), (byDate[0].Predictor, byDate[0].Attributed, byDate[0].Deadline));
            Assert.Equal(("Lena Marsh", false, 0.7), (byDate[1].Predictor, byDate[1].Attributed, byDate[1].Probability));
            Assert.Contains(byDate[0].Entities, e => e.Name == "Mosul" && e.EntityId.StartsWith("ent_", StringComparison.Ordinal));
            Assert.All(byDate, p => Assert.Equal("Tigris Review", p.Outlet));
        }
        finally
        {
            Directory.Delete(entitiesData, recursive: true);
            Directory.Delete(predictionsData, recursive: true);
        }
    }

    [Fact]
    public async Task Delete_AsksBothServicesToForgetTheDocument()
    {
        await using var fakes = await FakeExtraction.StartAsync();
        await using var service = await DocumentServiceProcess.StartAsync(_data, Settings(fakes.Address));
        var id = (await service.Client.IngestDocumentAsync(new IngestDocumentRequest { Content = Articles.Opinion(4) }, Deadline)).Document.Id;
        await WaitAsync(service, id, d => d.Status.Predictions.State == StageState.Done);

        await service.Client.DeleteDocumentAsync(new DeleteDocumentRequest { Id = id }, Deadline);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (fakes.Calls.Forgotten.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(["entities:" + id, "predictions:" + id], fakes.Calls.Forgotten.Order());
    }

    private static Dictionary<string, string> Settings(string address) => new()
    {
        ["Dispatch__EntitiesAddress"] = address,
        ["Dispatch__PredictionsAddress"] = address,
    };

    private static async Task<Document> WaitAsync(DocumentServiceProcess service, string id, Func<Document, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var document = await service.Client.GetDocumentAsync(new GetDocumentRequest { Id = id }, Deadline);
            if (condition(document))
            {
                return document;
            }

            Assert.True(DateTime.UtcNow < deadline, $"document status stayed {document.Status}\n{service.Output}");
            await Task.Delay(100);
        }
    }
}
