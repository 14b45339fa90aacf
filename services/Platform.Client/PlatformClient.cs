using Platform.Documents.V1;
using Platform.Entities.V1;
using Platform.Grpc.Client;
using Platform.Predictions.V1;

namespace Platform.Client;

/// <summary>
/// The platform through its gateway: documents, entities and predictions on one HTTP/2 connection pool.
/// <code>
/// using var platform = PlatformClient.Create(new() { Gateway = new("http://127.0.0.1:8080"), ApiKey = key });
/// var board = await platform.Predictions.GetScoreboardAsync(new GetScoreboardRequest { MinResolved = 3 });
/// </code>
/// Errors arrive as <see cref="Platform.Grpc.RpcException"/> with the gRPC status the gateway or service chose
/// (UNAUTHENTICATED, PERMISSION_DENIED, INVALID_ARGUMENT naming the field, NOT_FOUND, RESOURCE_EXHAUSTED…).
/// </summary>
public sealed class PlatformClient : IDisposable
{
    private readonly GrpcChannel _channel;

    private PlatformClient(GrpcChannel channel)
    {
        _channel = channel;
        Documents = new DocumentService.DocumentServiceClient(channel);
        Entities = new EntityService.EntityServiceClient(channel);
        Predictions = new PredictionService.PredictionServiceClient(channel);
    }

    public DocumentService.DocumentServiceClient Documents { get; }

    public EntityService.EntityServiceClient Entities { get; }

    public PredictionService.PredictionServiceClient Predictions { get; }

    public Uri Gateway => _channel.Address;

    public static PlatformClient Create(PlatformClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var channelOptions = new GrpcChannelOptions
        {
            RetryPolicy = new RetryPolicy { MaxAttempts = Math.Max(1, options.MaxAttempts) },
            MaxReceiveMessageSize = 16 * 1024 * 1024,
            MaxSendMessageSize = 16 * 1024 * 1024,
        };
        channelOptions.Interceptors.Add(new CredentialsInterceptor(options));
        return new PlatformClient(GrpcChannel.ForAddress(options.Gateway, channelOptions));
    }

    public void Dispose() => _channel.Dispose();
}
