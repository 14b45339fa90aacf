namespace Platform.Grpc.Server;

/// <summary>Server-wide settings, configured with <c>services.AddGrpcServer(o => ...)</c>.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>Largest request message accepted (after decompression); larger ones end the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest response message sent; a larger one ends the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxSendMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Include exception messages in INTERNAL statuses. Off in production: details can leak secrets.</summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>Compress responses with gzip by default when the client accepts it.</summary>
    public bool CompressResponses { get; set; }

    /// <summary>Interceptors run in order around every call (the first added is the outermost).</summary>
    public IList<IServerInterceptor> Interceptors { get; } = [];

    /// <summary>Interceptor types resolved from the container once, after the instances above.</summary>
    public IList<Type> InterceptorTypes { get; } = [];

    public GrpcServerOptions AddInterceptor<T>()
        where T : IServerInterceptor
    {
        InterceptorTypes.Add(typeof(T));
        return this;
    }
}
