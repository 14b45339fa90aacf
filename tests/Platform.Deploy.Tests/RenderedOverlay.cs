using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Platform.Deploy.Tests;

/// <summary>
/// One overlay (deploy/k8s/overlays/NAME) rendered by `kubectl kustomize` and validated, once per test run,
/// with helpers to look into the rendered objects.
/// </summary>
internal sealed class RenderedOverlay
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<RenderedOverlay>>> Cache = new();

    private RenderedOverlay(string name, string yaml, string kustomizeMessages, ValidationResult validation)
    {
        Name = name;
        Yaml = yaml;
        KustomizeMessages = kustomizeMessages;
        Validation = validation;
    }

    public string Name { get; }

    public string Yaml { get; }

    /// <summary>What kubectl printed on stderr (deprecation warnings, should a kustomization use an old field).</summary>
    public string KustomizeMessages { get; }

    public ValidationResult Validation { get; }

    public IReadOnlyList<JsonObject> Objects => Validation.Objects;

    public static Task<RenderedOverlay> GetAsync(string name) =>
        Cache.GetOrAdd(name, n => new Lazy<Task<RenderedOverlay>>(() => RenderAsync(n))).Value;

    private static async Task<RenderedOverlay> RenderAsync(string name)
    {
        var folder = Path.Combine(Tooling.DeployFolder, "overlays", name);
        var render = await Tooling.RunAsync(Tooling.Kubectl, ["kustomize", folder]);
        Assert.True(render.ExitCode == 0, $"`{Tooling.Kubectl} kustomize {folder}` failed (exit {render.ExitCode}):\n{render.StandardError}");
        var validation = await Validator.ValidateAsync(render.StandardOutput);
        return new RenderedOverlay(name, render.StandardOutput, render.StandardError, validation);
    }

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    public JsonObject Get(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => Manifest.Name(o) == name)
        ?? throw new Xunit.Sdk.XunitException($"{Name}: no {kind}/{name} in the rendered manifests.");

    /// <summary>The Deployments and StatefulSets whose pod labels a Service-style selector (a plain map) matches.</summary>
    public IEnumerable<JsonObject> WorkloadsSelectedBy(JsonObject? selector) =>
        Objects.Where(o => (string?)o["kind"] is "Deployment" or "StatefulSet")
            .Where(w => selector is { Count: > 0 } && selector.All(kv => (string?)Manifest.PodLabels(w)[kv.Key] == (string?)kv.Value));

    /// <summary>The data of the ConfigMap a name refers to; generated names carry a hash suffix.</summary>
    public JsonObject ConfigMapData(string generatedName) =>
        OfKind("ConfigMap").Single(c => Manifest.Name(c) == generatedName)["data"]!.AsObject();
}

/// <summary>Small readers for Kubernetes objects as JSON.</summary>
internal static class Manifest
{
    public static string Name(JsonNode o) => (string)o["metadata"]!["name"]!;

    public static JsonObject PodSpec(JsonNode workload) => workload["spec"]!["template"]!["spec"]!.AsObject();

    public static JsonObject PodLabels(JsonNode workload) => workload["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();

    public static IEnumerable<JsonObject> Containers(JsonNode workload) =>
        PodSpec(workload)["containers"]!.AsArray().Select(c => c!.AsObject());

    public static IEnumerable<JsonObject> AllContainers(JsonNode workload) =>
        Containers(workload).Concat((PodSpec(workload)["initContainers"]?.AsArray() ?? []).Select(c => c!.AsObject()));

    /// <summary>A container's plain environment: its envFrom ConfigMaps, then its literal env values.</summary>
    public static Dictionary<string, string> Environment(RenderedOverlay overlay, JsonObject container)
    {
        var env = new Dictionary<string, string>();
        foreach (var from in container["envFrom"]?.AsArray() ?? [])
        {
            if (from?["configMapRef"]?["name"] is JsonNode name)
            {
                foreach (var (key, value) in overlay.ConfigMapData((string)name!))
                {
                    env[key] = (string)value!;
                }
            }
        }

        foreach (var e in container["env"]?.AsArray() ?? [])
        {
            if (e?["value"] is JsonNode value)
            {
                env[(string)e["name"]!] = (string)value!;
            }
        }

        return env;
    }

    /// <summary>The Services an Ingress sends traffic to.</summary>
    public static IEnumerable<string> IngressBackendServices(JsonNode ingress)
    {
        var spec = ingress["spec"]!;
        if (spec["defaultBackend"]?["service"]?["name"] is JsonNode defaultName)
        {
            yield return (string)defaultName!;
        }

        foreach (var rule in spec["rules"]?.AsArray() ?? [])
        {
            foreach (var path in rule?["http"]?["paths"]?.AsArray() ?? [])
            {
                yield return (string)path!["backend"]!["service"]!["name"]!;
            }
        }
    }
}
