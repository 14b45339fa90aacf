using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Cli.Keys;

/// <summary>One API key as the gateway knows it: a name, its roles, and only the SHA-256 of the key itself.</summary>
internal sealed record StoredKey(string Name, string Roles, string Sha256, string? Created);

/// <summary>
/// The API keys file of a local platform (<c>&lt;data folder&gt;/api-keys.json</c>): the gateway reads it as part of
/// its configuration (<c>Gateway:KeysFile</c>, which the app host sets) and reloads it when it changes, so a key made
/// or revoked here takes effect without a restart. It holds hashes only; a key is shown once, when it is made.
/// </summary>
internal static class KeyFile
{
    public const string FileName = "api-keys.json";

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    /// <summary>A new key: "plk_" and 48 hex digits (192 random bits), the form the app host's own key has.</summary>
    public static string NewKey() => "plk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The keys in the file; none when it does not exist. A file that is not the expected JSON is refused naming it.</summary>
    public static List<StoredKey> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            var keys = JsonNode.Parse(File.ReadAllText(path))?["Gateway"]?["ApiKeys"]?.AsObject() ?? [];
            return [.. keys.Select(pair => new StoredKey(
                pair.Key,
                pair.Value?["Roles"]?.GetValue<string>() ?? "",
                pair.Value?["Sha256"]?.GetValue<string>() ?? "",
                pair.Value?["Created"]?.GetValue<string>()))];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path} is not an API keys file ({e.Message}); fix or remove it.", e);
        }
    }

    /// <summary>
    /// Replaces the file in one step (a new file renamed over the old), readable by its owner only, so the gateway
    /// never reads half a file.
    /// </summary>
    public static void Write(string path, IEnumerable<StoredKey> keys)
    {
        var apiKeys = new JsonObject();
        foreach (var key in keys.OrderBy(k => k.Name, StringComparer.Ordinal))
        {
            apiKeys[key.Name] = new JsonObject { ["Sha256"] = key.Sha256, ["Roles"] = key.Roles, ["Created"] = key.Created };
        }

        var text = new JsonObject { ["Gateway"] = new JsonObject { ["ApiKeys"] = apiKeys } }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".new";
        File.WriteAllText(temporary, text + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
