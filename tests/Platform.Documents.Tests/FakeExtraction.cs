using System.Collections.Concurrent;
using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Entities.V1;
using Platform.Predictions.V1;
using Platform.Testing;

namespace Platform.Documents.Tests;

/// <summary>
/// Real gRPC entity and prediction extraction services (the real ones come with their own issues): they record
/// every call, can fail the first calls with UNAVAILABLE, or refuse with INVALID_ARGUMENT.
/// </summary>
internal sealed class FakeExtraction : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeExtraction(WebApplication app, int port)
    {
        _app = app;
        Address = $"http://127.0.0.1:{port}";
    }

    public string Address { get; }

    public Recorder Calls => _app.Services.GetRequiredService<Recorder>();

    public static async Task<FakeExtraction> StartAsync(int port = 0)
    {
        port = port == 0 ? FreePort.Next() : port;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<Recorder>();
        builder.Services.AddSingleton<EntitiesService>();
        builder.Services.AddSingleton<PredictionsService>();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        app.MapGrpcService<EntitiesService>();
        app.MapGrpcService<PredictionsService>();
        await app.StartAsync();
        return new FakeExtraction(app, port);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public sealed class Recorder
    {
        public ConcurrentQueue<string> EntityCalls { get; } = new();

        public ConcurrentQueue<ExtractPredictionsRequest> PredictionCalls { get; } = new();

        public ConcurrentQueue<string> Forgotten { get; } = new();

        public int PredictionFailuresToInject { get; set; }

        public bool RefusePredictions { get; set; }
    }

    private sealed class EntitiesService(Recorder recorder) : EntityExtraction.EntityExtractionBase
    {
        public override Task<ExtractEntitiesResponse> ExtractEntities(ExtractEntitiesRequest request, ServerCallContext context)
        {
            recorder.EntityCalls.Enqueue(request.DocumentId);
            var response = new ExtractEntitiesResponse();
            response.Mentions.Add(new Mention { EntityId = "ent_mosul", CanonicalName = "Mosul", Type = EntityType.Gpe, Text = "Mosul", Start = 0, End = 5 });
            return Task.FromResult(response);
        }

        public override async Task<ExtractEntitiesBatchResponse> ExtractEntitiesBatch(ExtractEntitiesBatchRequest request, ServerCallContext context)
        {
            var response = new ExtractEntitiesBatchResponse();
            foreach (var item in request.Items)
            {
                response.Results.Add(new ExtractEntitiesResult { Extracted = await ExtractEntities(item, context) });
            }

            return response;
        }

        public override Task<Entities.V1.ForgetDocumentResponse> ForgetDocument(Entities.V1.ForgetDocumentRequest request, ServerCallContext context)
        {
            recorder.Forgotten.Enqueue("entities:" + request.DocumentId);
            return Task.FromResult(new Entities.V1.ForgetDocumentResponse());
        }
    }

    private sealed class PredictionsService(Recorder recorder) : PredictionExtraction.PredictionExtractionBase
    {
        public override Task<ExtractPredictionsResponse> ExtractPredictions(ExtractPredictionsRequest request, ServerCallContext context)
        {
            if (recorder.RefusePredictions)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, "body: no sentences"));
            }

            if (recorder.PredictionFailuresToInject > 0)
            {
                recorder.PredictionFailuresToInject--;
                throw new RpcException(new Status(StatusCode.Unavailable, "warming up"));
            }

            recorder.PredictionCalls.Enqueue(request);
            return Task.FromResult(new ExtractPredictionsResponse { PredictionIds = { "pred_1" } });
        }

        /// <summary>An injected failure fails the whole call (as a service that is down would); a refusal fails each item alone.</summary>
        public override async Task<ExtractPredictionsBatchResponse> ExtractPredictionsBatch(ExtractPredictionsBatchRequest request, ServerCallContext context)
        {
            if (recorder.PredictionFailuresToInject > 0)
            {
                recorder.PredictionFailuresToInject--;
                throw new RpcException(new Status(StatusCode.Unavailable, "warming up"));
            }

            var response = new ExtractPredictionsBatchResponse();
            foreach (var item in request.Items)
            {
                try
                {
                    response.Results.Add(new ExtractPredictionsResult { Extracted = await ExtractPredictions(item, context) });
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
                {
                    response.Results.Add(new ExtractPredictionsResult { Error = new ItemStatus { Code = (int)e.StatusCode, Message = e.Status.Detail } });
                }
            }

            return response;
        }

        public override Task<Predictions.V1.ForgetDocumentResponse> ForgetDocument(Predictions.V1.ForgetDocumentRequest request, ServerCallContext context)
        {
            recorder.Forgotten.Enqueue("predictions:" + request.DocumentId);
            return Task.FromResult(new Predictions.V1.ForgetDocumentResponse());
        }
    }
}
