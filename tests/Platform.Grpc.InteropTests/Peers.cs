namespace Platform.Grpc.InteropTests;

/// <summary>The standard interop cases as xunit theory data; the peers themselves come from <see cref="Platform.Testing.InteropPeers"/>.</summary>
public static class Peers
{
    public const string GrpcTestData = Platform.Testing.InteropPeers.GrpcTestData;

    public static string InteropClient => Platform.Testing.InteropPeers.InteropClient;

    public static string InteropServer => Platform.Testing.InteropPeers.InteropServer;

    public static string CppServer => Platform.Testing.InteropPeers.CppServer;

    public static string ReflectionClient => Platform.Testing.InteropPeers.ReflectionClient;

    public static string[] StandardCases => Platform.Testing.InteropPeers.StandardCases;

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in StandardCases)
        {
            data.Add(name);
        }

        return data;
    }

    public static Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan limit) =>
        Platform.Testing.InteropPeers.RunAsync(fileName, arguments, limit);
}
