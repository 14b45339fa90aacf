namespace Platform.Benchmarks;

/// <summary>
/// One row of the gateway benchmark: where h2load sends which call, how many DATA bytes a good response has, and
/// whose CPU is counted — the proxy in between (none when direct) and the backend that answers.
/// </summary>
internal sealed record LoadTarget(string Name, int Port, H2Load.Call Call, long BytesPerResponse, ProcessCpu? Proxy, ProcessCpu Backend)
{
    /// <summary>
    /// Warm-up seconds of the same load first, as an h2load run of their own: h2load's --warm-up-time would leave
    /// the warm-up's CPU and response bytes in the readings. Then the measured run, with the CPU the proxy and
    /// the backend used over it divided by the calls it completed.
    /// </summary>
    public async Task<Measurement> MeasureAsync(LoadOptions options)
    {
        if (options.Warmup > 0)
        {
            await H2Load.RunAsync(Name, Port, Call, options with { Seconds = options.Warmup, Warmup = 0 });
        }

        var proxyBefore = Proxy?.Seconds() ?? 0;
        var backendBefore = Backend.Seconds();
        var load = await H2Load.RunAsync(Name, Port, Call, options with { Warmup = 0 });
        var proxyAfter = Proxy?.Seconds() ?? 0;
        var backendAfter = Backend.Seconds();
        load = load.CountEmptyResponsesAsFailed(BytesPerResponse);
        var calls = Math.Max(1, load.Succeeded + load.Failed);
        return new Measurement(load,
            Proxy is null ? double.NaN : (proxyAfter - proxyBefore) * 1e6 / calls,
            (backendAfter - backendBefore) * 1e6 / calls);
    }
}

/// <summary>One measured run: h2load's figures and microseconds of CPU per completed call.</summary>
internal sealed record Measurement(H2Load.Result Load, double ProxyCpuUsPerCall, double BackendCpuUsPerCall);
