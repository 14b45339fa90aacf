using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Platform.Contracts;
using Platform.Documents.V1;
using Platform.Entities.V1;
using Platform.Predictions.V1;

namespace Platform.Client;

/// <summary>
/// The platform through its gateway: documents, entities and predictions on one HTTP/2 connection pool.
/// <code>
/// using var platform = PlatformClient.Create(new() { Gateway = new("http://127.0.0.1:8080"), ApiKey = key });
/// var board = await platform.Predictions.GetScoreboardAsync(new GetScoreboardRequest { MinResolved = 3 });
/// </code>
/// Errors arrive as <see cref="RpcException"/> with the gRPC status the gateway or service chose
/// (UNAUTHENTICATED, PERMISSION_DENIED, INVALID_ARGUMENT naming the field, NOT_FOUND, RESOURCE_EXHAUSTED…).
/// In an application with dependency injection, use <see cref="PlatformClientServiceCollectionExtensions.AddPlatformClient"/>.
/// </summary>
public sealed class PlatformClient : IDisposable
{
    /// <summary>Articles are up to 2 MiB of text; answers with many forecasts can be larger than gRPC's 4 MiB default.</summary>
    internal const int MaxMessageSize = 16 * 1024 * 1024;

    private readonly GrpcChannel _channel;

    private PlatformClient(GrpcChannel channel, Uri gateway, CallInvoker invoker)
    {
        _channel = channel;
        Gateway = gateway;
        Documents = new DocumentService.DocumentServiceClient(invoker);
        Entities = new EntityService.EntityServiceClient(invoker);
        Predictions = new PredictionService.PredictionServiceClient(invoker);
    }

    public DocumentService.DocumentServiceClient Documents { get; }

    public EntityService.EntityServiceClient Entities { get; }

    public PredictionService.PredictionServiceClient Predictions { get; }

    public Uri Gateway { get; }

    public static PlatformClient Create(PlatformClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var channel = GrpcChannel.ForAddress(options.Gateway, ChannelOptions(options));
        return new PlatformClient(channel, options.Gateway, channel.Intercept(new CredentialsInterceptor(options)));
    }

    /// <summary>Message limits and the retry policy for the methods the contracts mark idempotent.</summary>
    internal static GrpcChannelOptions ChannelOptions(PlatformClientOptions options) => IdempotentRetries.Apply(
        new GrpcChannelOptions { MaxReceiveMessageSize = MaxMessageSize, MaxSendMessageSize = MaxMessageSize },
        options.MaxAttempts, DocumentService.Descriptor, EntityService.Descriptor, PredictionService.Descriptor);

    public void Dispose() => _channel.Dispose();
}
