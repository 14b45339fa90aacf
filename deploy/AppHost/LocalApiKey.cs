using System.Security.Cryptography;
using System.Text;

namespace Platform.AppHost;

/// <summary>
/// The admin API key of a local platform: made on first run, kept in the data folder (readable by its owner
/// only), printed at start-up. The gateway is given only its SHA-256.
/// </summary>
internal static class LocalApiKey
{
    public static string LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "local-api-key");
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= 32 } existing)
        {
            return existing;
        }

        var key = "plk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(path, key + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }

    public static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
