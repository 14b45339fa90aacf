using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Grpc.Internal.Telemetry;

/// <summary>
/// The gRPC layer's one ActivitySource and Meter, following the OpenTelemetry RPC semantic conventions
/// (rpc.system, rpc.service, rpc.method, rpc.grpc.status_code; rpc.{server,client}.call.duration in seconds).
/// </summary>
internal static class GrpcTelemetry
{
    public const string Name = "Platform.Grpc";

    public static readonly ActivitySource Source = new(Name);

    // Declared before the histograms: static fields initialise in text order.
    private static readonly double[] Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly Meter Meter = new(Name);

    public static readonly Histogram<double> ServerDuration = Meter.CreateHistogram<double>(
        "rpc.server.call.duration", "s", "Duration of gRPC calls handled by this server.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });

    public static readonly Histogram<double> ClientDuration = Meter.CreateHistogram<double>(
        "rpc.client.call.duration", "s", "Duration of gRPC calls made by this client.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });

    public static void SetCallTags(Activity activity, string service, string method)
    {
        activity.DisplayName = service + "/" + method;
        activity.SetTag("rpc.system", "grpc");
        activity.SetTag("rpc.service", service);
        activity.SetTag("rpc.method", method);
    }

    public static void SetStatus(Activity activity, StatusCode code, bool server)
    {
        activity.SetTag("rpc.grpc.status_code", (int)code);
        if (IsError(code, server))
        {
            activity.SetStatus(ActivityStatusCode.Error, code.ToString());
        }
    }

    public static TagList Tags(string service, string method, StatusCode code) => new()
    {
        { "rpc.system", "grpc" },
        { "rpc.service", service },
        { "rpc.method", method },
        { "rpc.grpc.status_code", (int)code },
    };

    // Semantic conventions: on the server only codes that mean the server failed are errors;
    // on the client every non-OK code is.
    private static bool IsError(StatusCode code, bool server) => server
        ? code is StatusCode.Unknown or StatusCode.DeadlineExceeded or StatusCode.Unimplemented
            or StatusCode.Internal or StatusCode.Unavailable or StatusCode.DataLoss
        : code != StatusCode.OK;
}
