using System.Diagnostics.Metrics;

namespace Platform.Benchmarks;

/// <summary>
/// Counts the statuses our in-process server ends calls with (Grpc.AspNetCore tags ASP.NET Core's
/// http.server.request.duration with grpc.status): h2load only sees HTTP :status 200, which a gRPC error also
/// carries, so this proves the calls succeeded.
/// </summary>
internal sealed class ServerStatusCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _ok;
    private long _cancelled;
    private long _failed;

    public ServerStatusCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Microsoft.AspNetCore.Hosting" && instrument.Name == "http.server.request.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "grpc.status")
                {
                    // CANCELLED is h2load resetting the streams still in flight when its time is up.
                    var code = tag.Value switch
                    {
                        int number => number,
                        string text when int.TryParse(text, out var parsed) => parsed,
                        _ => -1,
                    };
                    Interlocked.Increment(ref code == 0 ? ref _ok : ref code == 1 ? ref _cancelled : ref _failed);
                }
            }
        });
        _listener.Start();
    }

    public (long Ok, long Cancelled, long Failed) TakeCounts() =>
        (Interlocked.Exchange(ref _ok, 0), Interlocked.Exchange(ref _cancelled, 0), Interlocked.Exchange(ref _failed, 0));

    public void Dispose() => _listener.Dispose();
}
