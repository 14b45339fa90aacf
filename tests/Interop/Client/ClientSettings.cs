namespace Platform.Interop.Client;

/// <summary>The interop client's flags; defaults match grpc-go's interop client.</summary>
internal sealed record ClientSettings
{
    public const string DefaultCaFile = "/usr/share/gocode/src/google.golang.org/grpc/testdata/ca.pem";

    public string ServerHost { get; init; } = "localhost";

    public int ServerPort { get; init; } = 10000;

    /// <summary>The name the TLS certificate is checked against instead of <see cref="ServerHost"/>.</summary>
    public string? ServerHostOverride { get; init; }

    public string TestCase { get; init; } = "large_unary";

    public bool UseTls { get; init; }

    public bool UseTestCa { get; init; }

    public string CaFile { get; init; } = DefaultCaFile;

    public bool ShowHelp { get; init; }
}
