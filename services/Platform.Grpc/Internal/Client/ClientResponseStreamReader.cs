using Google.Protobuf;

namespace Platform.Grpc.Internal.Client;

/// <summary>Reads response messages of a server-streaming or duplex call; the end of the stream carries the status.</summary>
internal sealed class ClientResponseStreamReader<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call) : IAsyncStreamReader<TResponse>
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    private TResponse? _current;

    public TResponse Current => _current ?? throw new InvalidOperationException("MoveNext has not returned true.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        var message = await call.ReadNextMessageAsync(cancellationToken);
        _current = message;
        return message is not null;
    }
}
