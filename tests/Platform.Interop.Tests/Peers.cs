namespace Platform.Interop.Tests;

/// <summary>The interop cases as xunit theory data; the peers themselves come from <see cref="Platform.Testing.InteropPeers"/>.</summary>
public static class Peers
{
    public const string GrpcTestData = Platform.Testing.InteropPeers.GrpcTestData;

    public static string InteropClient => Platform.Testing.InteropPeers.InteropClient;

    public static string InteropServer => Platform.Testing.InteropPeers.InteropServer;

    public static string CppServer => Platform.Testing.InteropPeers.CppServer;

    public static string ReflectionClient => Platform.Testing.InteropPeers.ReflectionClient;

    public static string[] StandardCases => Platform.Testing.InteropPeers.StandardCases;

    /// <summary>The compression cases: grpc-go 1.33's interop client and server implement none of them.</summary>
    public static readonly string[] CompressionCases =
    [
        "client_compressed_unary", "client_compressed_streaming", "server_compressed_unary", "server_compressed_streaming",
    ];

    public static TheoryData<string> Cases() => [.. StandardCases];

    public static TheoryData<string> CompressedCases() => [.. CompressionCases];

    public static Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan limit) =>
        Platform.Testing.InteropPeers.RunAsync(fileName, arguments, limit);
}
