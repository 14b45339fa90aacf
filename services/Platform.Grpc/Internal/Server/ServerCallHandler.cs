using System.Diagnostics;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Platform.Grpc.Internal.Telemetry;
using Platform.Grpc.Server;

namespace Platform.Grpc.Internal.Server;

/// <summary>
/// Serves one method. The shared steps live here; each call shape only supplies <see cref="HandleAsync"/>.
///   1. refuse what is not a gRPC request (wrong protocol, verb, content-type, encoding) before any handler runs;
///   2. turn grpc-timeout into a deadline and a cancellation token;
///   3. run the interceptors and the method;
///   4. map the outcome to a status (RpcException → its status, deadline → DEADLINE_EXCEEDED,
///      anything else → INTERNAL without details) and send it as trailers or Trailers-Only.
/// </summary>
internal abstract class ServerCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method, ServerMethodRuntime<TService> runtime)
    where TService : class
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    protected Method<TRequest, TResponse> Method { get; } = method;

    protected ServerMethodRuntime<TService> Runtime { get; } = runtime;

    public async Task HandleCallAsync(HttpContext httpContext)
    {
        // 1. Protocol checks.
        if (!RequestValidation.Validate(httpContext, Runtime.Logger))
        {
            return;
        }

        TimeSpan? timeout = null;
        if (httpContext.Request.Headers[GrpcProtocol.TimeoutHeader].ToString() is { Length: > 0 } timeoutText)
        {
            if (!GrpcTimeout.TryParse(timeoutText, out var parsed))
            {
                await RequestValidation.RejectAsync(httpContext, new Status(StatusCode.Internal, $"Invalid grpc-timeout '{timeoutText}'"));
                return;
            }

            timeout = parsed;
        }

        var started = Stopwatch.GetTimestamp();
        var activity = Activity.Current;
        if (activity is not null)
        {
            GrpcTelemetry.SetCallTags(activity, Method.ServiceName, Method.Name);
        }

        // 2. Deadline and cancellation.
        using var state = new ServerCallState(httpContext, Method.FullName, Runtime.Options, timeout, Runtime.Time);
        var context = new ServerCallContext(state);

        // 3. Interceptors and the method itself.
        Status status;
        try
        {
            if (state.RequestEncoding is { } encoding && !GrpcCompression.IsSupported(encoding))
            {
                throw new RpcException(new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding '{encoding}'"));
            }

            var service = Runtime.Activator.Get(httpContext);
            if (Runtime.Interceptors.Count == 0)
            {
                await HandleAsync(service, context, state);
            }
            else
            {
                await RunInterceptorsAsync(0, service, context, state);
            }

            status = state.DeadlineExceeded && !httpContext.Response.HasStarted
                ? new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded")
                : state.Status;
        }
        catch (Exception e)
        {
            status = StatusFor(e, state);
        }

        // 4. The status.
        if (state.ClientCancelled)
        {
            // The stream is already reset; nothing more can reach the client.
            status = new Status(StatusCode.Cancelled, "Cancelled by the client");
            ServerLog.CallCancelled(Runtime.Logger, Method.FullName);
        }
        else
        {
            state.WriteStatus(status);
        }

        if (activity is not null)
        {
            GrpcTelemetry.SetStatus(activity, status.StatusCode, server: true);
        }

        GrpcTelemetry.ServerDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
            GrpcTelemetry.Tags(Method.ServiceName, Method.Name, status.StatusCode));
    }

    protected abstract Task HandleAsync(TService service, ServerCallContext context, ServerCallState state);

    /// <summary>Reads the single request of a unary or server-streaming call.</summary>
    protected async Task<TRequest> ReadSingleRequestAsync(ServerCallState state)
    {
        var reader = state.HttpContext.Request.BodyReader;
        var request = await MessageReader.ReadAsync(reader, Method.RequestParser, state.RequestEncoding,
            Runtime.Options.MaxReceiveMessageSize, state.CancellationToken);
        if (request is null)
        {
            throw new RpcException(new Status(StatusCode.Internal, "The request ended without a message"));
        }

        var extra = await MessageReader.ReadAsync(reader, Method.RequestParser, state.RequestEncoding,
            Runtime.Options.MaxReceiveMessageSize, state.CancellationToken);
        if (extra is not null)
        {
            throw new RpcException(new Status(StatusCode.Internal, "More than one request message for a single-request method"));
        }

        return request;
    }

    /// <summary>Writes the single response of a unary or client-streaming call.</summary>
    protected static async Task WriteSingleResponseAsync(ServerCallState state, TResponse? response)
    {
        if (response is null)
        {
            throw new InvalidOperationException("The method returned no response message.");
        }

        state.PrepareResponseHeaders();
        var writer = state.HttpContext.Response.BodyWriter;
        MessageWriter.Write(writer, response, state.ShouldCompress, state.Options.MaxSendMessageSize);
        await writer.FlushAsync(state.CancellationToken);
    }

    private Task RunInterceptorsAsync(int index, TService service, ServerCallContext context, ServerCallState state) =>
        index == Runtime.Interceptors.Count
            ? HandleAsync(service, context, state)
            : Runtime.Interceptors[index].InterceptAsync(context, c => RunInterceptorsAsync(index + 1, service, c, state));

    private Status StatusFor(Exception exception, ServerCallState state)
    {
        switch (exception)
        {
            case RpcException rpc when !(state.DeadlineExceeded && rpc.StatusCode == StatusCode.Cancelled):
                foreach (var entry in rpc.Trailers)
                {
                    state.ResponseTrailers.Add(entry);
                }

                if (rpc.StatusCode is StatusCode.Internal or StatusCode.Unknown or StatusCode.ResourceExhausted)
                {
                    ServerLog.CallFailed(Runtime.Logger, Method.FullName, rpc.StatusCode, rpc.Status.Detail);
                }

                return rpc.Status;
            case var _ when state.DeadlineExceeded:
                ServerLog.DeadlineExceeded(Runtime.Logger, Method.FullName);
                return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
            case OperationCanceledException or IOException when state.ClientCancelled:
                return new Status(StatusCode.Cancelled, "Cancelled by the client");
            default:
                ServerLog.UnhandledException(Runtime.Logger, Method.FullName, exception);
                return new Status(StatusCode.Internal, Runtime.Options.EnableDetailedErrors
                    ? $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}"
                    : "Exception was thrown by handler.");
        }
    }
}
