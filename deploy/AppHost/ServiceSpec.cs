namespace Platform.AppHost;

/// <summary>
/// One process the host starts: which project's build output, where it listens, how to probe it. gRPC services
/// listen with HTTP/2 only (cleartext gRPC needs prior knowledge), so their probe speaks HTTP/2 too.
/// </summary>
internal sealed record ServiceSpec(
    string Name,
    string ProjectName,
    int Port,
    IReadOnlyDictionary<string, string> Environment,
    bool Http2Only = false)
{
    /// <summary>A program that is not one of ours (redis-server): run as given, probed with a Redis PING.</summary>
    public string? Executable { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public Uri ReadinessUri => new(BaseAddress, "/health/ready");
}
