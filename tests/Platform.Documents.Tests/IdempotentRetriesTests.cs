using Grpc.Core;
using Grpc.Net.Client;
using Platform.Contracts;
using Platform.Documents.V1;
using Platform.Predictions.V1;

namespace Platform.Documents.Tests;

/// <summary>
/// The clients' retry rule comes from the contracts: only methods whose proto says they are safe to repeat are
/// retried after UNAVAILABLE, so an ingest or an edit is never sent twice by the client library or the dispatcher.
/// </summary>
public sealed class IdempotentRetriesTests
{
    [Fact]
    public void RetryPolicy_CoversExactlyTheMethodsMarkedIdempotentOrWithoutSideEffects()
    {
        var config = IdempotentRetries.ServiceConfigFor(4, DocumentService.Descriptor);

        var retried = Assert.Single(config.MethodConfigs).Names.Select(n => n.Method).Order().ToList();
        Assert.Equal(["BatchGetDocuments", "DeleteDocument", "GetDocument", "ListDocuments"], retried);
        Assert.Equal([StatusCode.Unavailable], config.MethodConfigs[0].RetryPolicy!.RetryableStatusCodes);
        Assert.All(config.MethodConfigs[0].Names, n => Assert.Equal("platform.documents.v1.DocumentService", n.Service));
    }

    [Fact]
    public void OneAttempt_MeansNoRetryPolicy()
    {
        Assert.Empty(IdempotentRetries.ServiceConfigFor(1, DocumentService.Descriptor).MethodConfigs);
    }

    [Fact]
    public async Task IdempotentCall_ThatMeetsUnavailable_IsRetriedUntilItSucceeds_WithinItsAttempts()
    {
        await using var extraction = await FakeExtraction.StartAsync();
        extraction.Calls.PredictionFailuresToInject = 2;
        using var channel = GrpcChannel.ForAddress(extraction.Address,
            IdempotentRetries.Apply(new GrpcChannelOptions(), maxAttempts: 3, PredictionExtraction.Descriptor));
        var client = new PredictionExtraction.PredictionExtractionClient(channel);

        var reply = await client.ExtractPredictionsAsync(Request(), deadline: DateTime.UtcNow.AddSeconds(20));

        Assert.Equal(["pred_1"], reply.PredictionIds);
        Assert.Equal(0, extraction.Calls.PredictionFailuresToInject);
        Assert.Single(extraction.Calls.PredictionCalls);
    }

    [Fact]
    public async Task WithoutRetries_TheCallerSeesUnavailable()
    {
        await using var extraction = await FakeExtraction.StartAsync();
        extraction.Calls.PredictionFailuresToInject = 1;
        using var channel = GrpcChannel.ForAddress(extraction.Address,
            IdempotentRetries.Apply(new GrpcChannelOptions(), maxAttempts: 1, PredictionExtraction.Descriptor));
        var client = new PredictionExtraction.PredictionExtractionClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.ExtractPredictionsAsync(Request(), deadline: DateTime.UtcNow.AddSeconds(20)).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Empty(extraction.Calls.PredictionCalls);
    }

    private static ExtractPredictionsRequest Request() => new() { DocumentId = "doc_1", ContentSha256 = "abc", Body = "It will rain." };
}
