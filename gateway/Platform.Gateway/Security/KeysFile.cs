using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Platform.Gateway.Security;

/// <summary>
/// The API keys file that <c>platform keys create|revoke</c> writes (<c>Gateway:KeysFile</c>; the app host sets it to
/// its data folder's <c>api-keys.json</c>): watched, optional (keys made after the gateway started are picked up when
/// the file first appears), and read for <c>Gateway:ApiKeys</c> only — whatever else the file holds is ignored, so it
/// can add keys but never change a route, a token setting or a limit. It sits before the environment and the command
/// line, so those still win.
/// </summary>
public static class KeysFile
{
    private const string Prefix = "Gateway:ApiKeys:";

    public static void Add(ConfigurationManager configuration)
    {
        if (configuration["Gateway:KeysFile"] is not { Length: > 0 } path)
        {
            return;
        }

        // Polled (every 4 s), not watched: the file sits in the data folder beside the databases, and a directory
        // watcher there woke on every write of theirs — 3 % of a core through an ingest.
        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var source = new OnlyApiKeysSource
        {
            Path = System.IO.Path.GetFileName(full),
            Optional = true,
            ReloadOnChange = true,
            FileProvider = new PhysicalFileProvider(folder) { UsePollingFileWatcher = true, UseActivePolling = true },
        };
        var sources = ((IConfigurationBuilder)configuration).Sources;
        var environment = sources.Select((s, i) => (s, i))
            .FirstOrDefault(p => p.s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        sources.Insert(environment.s is null ? sources.Count : environment.i, source);
    }

    private sealed class OnlyApiKeysSource : JsonConfigurationSource
    {
        public override IConfigurationProvider Build(IConfigurationBuilder builder)
        {
            EnsureDefaults(builder);
            return new OnlyApiKeysProvider(this);
        }
    }

    private sealed class OnlyApiKeysProvider(JsonConfigurationSource source) : JsonConfigurationProvider(source)
    {
        public override void Load(Stream stream)
        {
            base.Load(stream);
            Data = Data.Where(pair => pair.Key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
                .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
        }
    }
}
