using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Platform.Deploy.Tests;

/// <summary>What deploy/k8s/validate/validate.mjs said about a set of manifests.</summary>
internal sealed record ValidationResult(int ExitCode, string Summary, IReadOnlyList<string> Problems, IReadOnlyList<JsonObject> Objects, string StandardError)
{
    public bool Ok => ExitCode == 0;

    public string Describe() => $"exit {ExitCode}: {Summary}\n{StandardError}";
}

/// <summary>
/// Runs the Node validator. Its source is copied to artifacts/deploy-validate/ (outside the source tree) and
/// its dependencies installed there with `npm ci` from the committed package-lock.json, once per lock file.
/// </summary>
internal static class Validator
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _script;

    public static async Task<string> ScriptAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_script is not null)
            {
                return _script;
            }

            var source = Path.Combine(Tooling.DeployFolder, "validate");
            var target = Path.Combine(Tooling.RepositoryRoot, "artifacts", "deploy-validate");
            Directory.CreateDirectory(target);
            foreach (var file in new[] { "validate.mjs", "package.json", "package-lock.json" })
            {
                File.Copy(Path.Combine(source, file), Path.Combine(target, file), overwrite: true);
            }

            var lockHash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(source, "package-lock.json"))));
            var stamp = Path.Combine(target, "node_modules", ".platform-lock-sha256");
            if (!File.Exists(stamp) || await File.ReadAllTextAsync(stamp) != lockHash)
            {
                var npm = await Tooling.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], target, timeout: TimeSpan.FromMinutes(5));
                Assert.True(npm.ExitCode == 0, $"npm ci failed in {target} (exit {npm.ExitCode}):\n{npm.StandardError}\n{npm.StandardOutput}");
                await File.WriteAllTextAsync(stamp, lockHash);
            }

            _script = Path.Combine(target, "validate.mjs");
            return _script;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Validates a YAML (or JSON, which is YAML) stream of objects.</summary>
    public static async Task<ValidationResult> ValidateAsync(string manifests)
    {
        var script = await ScriptAsync();
        var run = await Tooling.RunAsync("node", [script, "--json"], input: manifests);
        Assert.True(run.ExitCode is 0 or 1, $"the validator could not check the input (exit {run.ExitCode}):\n{run.StandardError}\n{run.StandardOutput}");
        var report = JsonNode.Parse(run.StandardOutput)?.AsObject()
            ?? throw new InvalidOperationException("The validator printed no JSON report.");
        var problems = report["problems"]!.AsArray()
            .Select(p => $"{p!["object"]}: {p["field"]}: {p["message"]}")
            .ToList();
        var objects = report["objects"]!.AsArray().Select(o => o!.AsObject()).ToList();
        return new ValidationResult(run.ExitCode, (string)report["summary"]!, problems, objects, run.StandardError);
    }

    /// <summary>Objects as a YAML stream: one JSON document each (JSON is YAML), separated by ---.</summary>
    public static string ToStream(IEnumerable<JsonNode> objects)
    {
        var text = new StringBuilder();
        foreach (var o in objects)
        {
            text.Append("---\n").Append(o.ToJsonString()).Append('\n');
        }

        return text.ToString();
    }
}
