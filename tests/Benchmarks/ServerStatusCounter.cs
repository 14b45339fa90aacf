using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Platform.Benchmarks;

/// <summary>
/// Counts the grpc-status our in-process server ends calls with, read from each response's trailers (or its headers,
/// for a trailers-only answer) by a middleware in front of Grpc.AspNetCore: h2load only sees HTTP :status 200, which
/// a gRPC error also carries, so this proves the calls succeeded.
/// </summary>
internal sealed class ServerStatusCounter
{
    private long _ok;
    private long _cancelled;
    private long _failed;

    public void Attach(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        var status = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers["grpc-status"] is { Count: > 0 } trailer
            ? trailer.ToString()
            : context.Response.Headers["grpc-status"].ToString();
        // A stream h2load resets when its time is up ends without a status, or CANCELLED.
        if (status == "0")
        {
            Interlocked.Increment(ref _ok);
        }
        else if (context.RequestAborted.IsCancellationRequested || status == "1")
        {
            Interlocked.Increment(ref _cancelled);
        }
        else
        {
            Interlocked.Increment(ref _failed);
        }
    });

    public (long Ok, long Cancelled, long Failed) TakeCounts() =>
        (Interlocked.Exchange(ref _ok, 0), Interlocked.Exchange(ref _cancelled, 0), Interlocked.Exchange(ref _failed, 0));
}
