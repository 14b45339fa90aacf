using Google.Protobuf;

namespace Platform.Grpc.Internal.Server;

/// <summary>The request stream of a client-streaming or duplex call, read from the HTTP/2 request body.</summary>
internal sealed class HttpRequestStreamReader<T>(ServerCallState state, MessageParser<T> parser) : IAsyncStreamReader<T>
    where T : IMessage<T>
{
    private T? _current;
    private bool _completed;

    public T Current => _current ?? throw new InvalidOperationException("MoveNext has not returned true.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        if (_completed)
        {
            return false;
        }

        using var linked = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, state.CancellationToken)
            : null;
        var token = linked?.Token ?? state.CancellationToken;

        var message = await MessageReader.ReadAsync(
            state.HttpContext.Request.BodyReader, parser, state.RequestEncoding, state.Options.MaxReceiveMessageSize, token);
        if (message is null)
        {
            _completed = true;
            _current = default;
            return false;
        }

        _current = message;
        return true;
    }
}
