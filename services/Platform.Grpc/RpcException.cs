namespace Platform.Grpc;

/// <summary>
/// A call that ended with a status other than OK. Thrown by clients; thrown by a service handler to end
/// its call with that status (and optional trailers) instead of INTERNAL.
/// </summary>
public sealed class RpcException : Exception
{
    public RpcException(Status status)
        : this(status, new Metadata())
    {
    }

    public RpcException(Status status, Metadata trailers)
        : base(status.ToString())
    {
        Status = status;
        Trailers = trailers;
    }

    public RpcException(Status status, Metadata trailers, Exception? innerException)
        : base(status.ToString(), innerException)
    {
        Status = status;
        Trailers = trailers;
    }

    public RpcException()
        : this(new Status(StatusCode.Unknown))
    {
    }

    public RpcException(string message)
        : this(new Status(StatusCode.Unknown, message))
    {
    }

    public RpcException(string message, Exception innerException)
        : this(new Status(StatusCode.Unknown, message), new Metadata(), innerException)
    {
    }

    public Status Status { get; }

    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>Trailing metadata the server sent with the status (client side), or will send (server side).</summary>
    public Metadata Trailers { get; }
}
