namespace Platform.AppHost;

/// <summary>One process the host starts: which project's build output, where it listens, how to probe it.</summary>
internal sealed record ServiceSpec(
    string Name,
    string ProjectName,
    int Port,
    IReadOnlyDictionary<string, string> Environment)
{
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public Uri ReadinessUri => new(BaseAddress, "/health/ready");
}
