namespace Platform.Grpc.Server;

/// <summary>How generated code calls a service's method for each call shape; TService is the generated base class.</summary>
public delegate Task<TResponse> UnaryServerMethod<in TService, in TRequest, TResponse>(
    TService service, TRequest request, ServerCallContext context);

public delegate Task<TResponse> ClientStreamingServerMethod<in TService, TRequest, TResponse>(
    TService service, IAsyncStreamReader<TRequest> requests, ServerCallContext context);

public delegate Task ServerStreamingServerMethod<in TService, in TRequest, TResponse>(
    TService service, TRequest request, IAsyncStreamWriter<TResponse> responses, ServerCallContext context);

public delegate Task DuplexStreamingServerMethod<in TService, TRequest, TResponse>(
    TService service, IAsyncStreamReader<TRequest> requests, IAsyncStreamWriter<TResponse> responses, ServerCallContext context);
