using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.Grpc.Tests.Functional;
using Platform.Grpc.Tests.Support;
using static Platform.Grpc.Tests.Functional.CallShapesTests;

namespace Platform.Grpc.Tests.Functional;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Call_ProducesClientAndServerSpansInOneTrace_WithRpcAttributes()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Platform.Grpc" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var server = await TestGrpcServer.StartAsync();
        using var channel = server.CreateChannel();

        await new FunctionalService.FunctionalServiceClient(channel).EchoAsync(new EchoRequest { Text = "trace me" }, Deadline());

        var client = await WaitForAsync(spans, a => a.Source.Name == "Platform.Grpc" && a.Kind == ActivityKind.Client
            && (string?)a.GetTagItem("rpc.method") == "Echo");
        var serverSpan = await WaitForAsync(spans, a => a.Kind == ActivityKind.Server && a.TraceId == client.TraceId);

        Assert.Equal("platform.testing.v1.FunctionalService/Echo", client.DisplayName);
        Assert.Equal("platform.testing.v1.FunctionalService/Echo", serverSpan.DisplayName);
        Assert.Equal("grpc", serverSpan.GetTagItem("rpc.system"));
        Assert.Equal("platform.testing.v1.FunctionalService", serverSpan.GetTagItem("rpc.service"));
        Assert.Equal(0, serverSpan.GetTagItem("rpc.grpc.status_code"));
        Assert.Equal(0, client.GetTagItem("rpc.grpc.status_code"));
    }

    [Fact]
    public async Task FailedCall_IsRecordedInDurationMetricWithItsStatusCode()
    {
        var measurements = new ConcurrentQueue<(string Instrument, string? Method, int? Code)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Platform.Grpc")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<double>((instrument, _, tags, _) =>
        {
            string? method = null;
            int? code = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "rpc.method")
                {
                    method = tag.Value as string;
                }
                else if (tag.Key == "rpc.grpc.status_code")
                {
                    code = (int?)tag.Value;
                }
            }

            measurements.Enqueue((instrument.Name, method, code));
        });
        meters.Start();
        await using var server = await TestGrpcServer.StartAsync();
        using var channel = server.CreateChannel();

        await Assert.ThrowsAsync<RpcException>(async () =>
            await new FunctionalService.FunctionalServiceClient(channel).FailAsync(new EchoRequest(), Deadline()));

        Assert.Contains(("rpc.server.call.duration", "Fail", (int?)StatusCode.Internal), measurements);
        Assert.Contains(("rpc.client.call.duration", "Fail", (int?)StatusCode.Internal), measurements);
    }

    private static async Task<Activity> WaitForAsync(ConcurrentQueue<Activity> spans, Func<Activity, bool> match)
    {
        for (var i = 0; i < 100; i++)
        {
            if (spans.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("Span not recorded: " + string.Join(", ", spans.Select(s => s.Source.Name + ":" + s.DisplayName)));
    }
}
