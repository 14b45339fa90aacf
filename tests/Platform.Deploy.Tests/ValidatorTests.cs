using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Platform.Deploy.Tests;

/// <summary>
/// The validator can fail: the dev overlay's own rendered objects, which pass as they are, are broken one
/// defect at a time, and each defect must be rejected with a message naming the object and the field.
/// </summary>
public sealed class ValidatorTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Validator_RenderedDevObjectsFedBackAsJson_AreAccepted()
    {
        // The baseline of the tests below: without a defect the same objects pass.
        var result = await Validator.ValidateAsync(Validator.ToStream(await DevObjectsAsync()));

        Assert.True(result.Ok, result.Describe());
    }

    [Theory]
    [InlineData("no limits", "Deployment/documents: spec.template.spec.containers[0](documents).resources.limits.memory: is required")]
    [InlineData("replicas as a string", "Deployment/entities: spec.replicas: schema: must be integer")]
    [InlineData("misspelt field", "Deployment/gateway: spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem: unknown field")]
    [InlineData("unknown kind", "PodDisruptionBudgett/predictions: apiVersion/kind: no Kubernetes model")]
    [InlineData("no readiness probe", "Deployment/predictions: spec.template.spec.containers[0](predictions).readinessProbe: is required")]
    [InlineData("runs as root", "Deployment/documents: spec.template.spec.containers[0](documents).securityContext.runAsUser: must not be 0")]
    [InlineData("privilege escalation", "Deployment/gateway: spec.template.spec.containers[0](gateway).securityContext.allowPrivilegeEscalation: must be false")]
    [InlineData("latest image", "Deployment/entities: spec.template.spec.containers[0](entities).image: \"platform/entities:latest\" uses the latest tag")]
    [InlineData("no autoscaler", "Deployment/gateway: (HorizontalPodAutoscaler): no HorizontalPodAutoscaler scales this Deployment")]
    [InlineData("no disruption budget", "Deployment/documents: (PodDisruptionBudget): no PodDisruptionBudget selects this Deployment's pods")]
    [InlineData("backends open to all", "NetworkPolicy/backends-ingress: spec.ingress[1].from: admits every source")]
    [InlineData("redis open to the gateway", "StatefulSet/redis: (NetworkPolicy): Deployment/gateway may connect")]
    [InlineData("no default deny", "(input): NetworkPolicy: no default-deny ingress policy")]
    [InlineData("grace period too short", "Deployment/entities: spec.template.spec.terminationGracePeriodSeconds: 20 s does not exceed")]
    [InlineData("gateway behind a ClusterIP", "Deployment/gateway: spec.template.spec.containers[0].env(ReverseProxy__Clusters__predictions__Destinations__main__Address): Gateway__DnsDestinations__Enabled is true (for every destination), so \"predictions\" of cluster \"predictions\" must be a headless Service")]
    [InlineData("DNS destinations enabled as True", "Deployment/gateway: spec.template.spec.containers[0].env(ReverseProxy__Clusters__entities__Destinations__main__Address): Gateway__DnsDestinations__Enabled is true (for every destination), so \"entities\" of cluster \"entities\" must be a headless Service")]
    [InlineData("destination to a missing Service", "Deployment/gateway: spec.template.spec.containers[0].env(ReverseProxy__Clusters__documents__Destinations__main__Address): host \"document-headless\" is no Service in the input")]
    [InlineData("destination on a port the pods lack", "Deployment/gateway: spec.template.spec.containers[0].env(ReverseProxy__Clusters__entities__Destinations__main__Address): \"entities-headless\" is a headless Service, so port 9090 must be a container port of Deployment/entities")]
    [InlineData("dispatch to a port the Service lacks", "Deployment/documents: spec.template.spec.containers[0].env(Dispatch__EntitiesAddress): Service \"entities\" has no port 9090")]
    [InlineData("old gateway cluster key", "Deployment/gateway: spec.template.spec.containers[0].env(Gateway__Clusters__documents__Destinations__main__Address): the gateway no longer reads Gateway__Clusters__*")]
    [InlineData("service selects nothing", "Service/documents: spec.selector:")]
    public async Task Validator_DevObjectsWithOneDefect_AreRejectedNamingIt(string defect, string expected)
    {
        var objects = await DevObjectsAsync();
        Break(objects, defect);

        var result = await Validator.ValidateAsync(Validator.ToStream(objects));
        output.WriteLine($"defect \"{defect}\" -> {result.Summary}\n{result.StandardError}");

        Assert.False(result.Ok, $"the validator accepted the manifests with the defect \"{defect}\": {result.Summary}");
        Assert.True(result.Problems.Any(p => p.StartsWith(expected, StringComparison.Ordinal)),
            $"no problem starts with \"{expected}\"; the validator said:\n{string.Join('\n', result.Problems)}");
        // The human-readable report on stderr names it too.
        Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validator_ClusterIpDestination_IsAcceptedWhenDnsDestinationsAreOff()
    {
        // Without Gateway__DnsDestinations__Enabled a destination may be a ClusterIP Service (balanced per connection).
        var objects = await DevObjectsAsync();
        var config = GatewayConfig(objects);
        config.Remove("Gateway__DnsDestinations__Enabled");
        config["ReverseProxy__Clusters__predictions__Destinations__main__Address"] = "http://predictions:8080";

        var result = await Validator.ValidateAsync(Validator.ToStream(objects));

        Assert.True(result.Ok, result.Describe());
    }

    [Fact]
    public async Task Validator_EmptyOrUnreadableInput_ExitsWithUsageError()
    {
        var script = await Validator.ScriptAsync();

        var empty = await Tooling.RunAsync("node", [script], input: "");
        var broken = await Tooling.RunAsync("node", [script], input: "kind: [unclosed\n");

        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("no Kubernetes objects", empty.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("YAML error", broken.StandardError, StringComparison.Ordinal);
    }

    private static async Task<List<JsonNode>> DevObjectsAsync() =>
        (await RenderedOverlay.GetAsync("dev")).Objects.Select(o => o.DeepClone()).ToList();

    private static JsonNode Find(List<JsonNode> objects, string kind, string name) =>
        objects.Single(o => (string?)o["kind"] == kind && Manifest.Name(o) == name);

    private static JsonObject Container(List<JsonNode> objects, string deployment) =>
        Manifest.Containers(Find(objects, "Deployment", deployment)).First();

    /// <summary>The data of the gateway's generated ConfigMap (its name carries a hash).</summary>
    private static JsonObject GatewayConfig(List<JsonNode> objects) =>
        objects.Single(o => (string?)o["kind"] == "ConfigMap" && Manifest.Name(o).StartsWith("platform-gateway-", StringComparison.Ordinal))["data"]!.AsObject();

    private static void Break(List<JsonNode> objects, string defect)
    {
        switch (defect)
        {
            case "no limits":
                Container(objects, "documents")["resources"]!.AsObject().Remove("limits");
                break;
            case "replicas as a string":
                Find(objects, "Deployment", "entities")["spec"]!["replicas"] = "two";
                break;
            case "misspelt field":
                var securityContext = Container(objects, "gateway")["securityContext"]!.AsObject();
                securityContext.Remove("readOnlyRootFilesystem");
                securityContext["readOnlyRootFileSystem"] = true;
                break;
            case "unknown kind":
                Find(objects, "PodDisruptionBudget", "predictions")["kind"] = "PodDisruptionBudgett";
                break;
            case "no readiness probe":
                Container(objects, "predictions").Remove("readinessProbe");
                break;
            case "runs as root":
                Container(objects, "documents")["securityContext"]!["runAsUser"] = 0;
                break;
            case "privilege escalation":
                Container(objects, "gateway")["securityContext"]!["allowPrivilegeEscalation"] = true;
                break;
            case "latest image":
                Container(objects, "entities")["image"] = "platform/entities:latest";
                break;
            case "no autoscaler":
                objects.Remove(Find(objects, "HorizontalPodAutoscaler", "gateway"));
                break;
            case "no disruption budget":
                objects.Remove(Find(objects, "PodDisruptionBudget", "documents"));
                break;
            case "backends open to all":
                // A second rule with ports but no "from": anyone may connect on 8080.
                Find(objects, "NetworkPolicy", "backends-ingress")["spec"]!["ingress"]!.AsArray()
                    .Add(JsonNode.Parse("""{ "ports": [ { "protocol": "TCP", "port": 8080 } ] }"""));
                break;
            case "redis open to the gateway":
                Find(objects, "NetworkPolicy", "redis-ingress")["spec"]!["ingress"]![0]!["from"]!.AsArray()
                    .Add(JsonNode.Parse("""{ "podSelector": { "matchLabels": { "app.kubernetes.io/name": "gateway" } } }"""));
                break;
            case "no default deny":
                objects.Remove(Find(objects, "NetworkPolicy", "default-deny-ingress"));
                break;
            case "grace period too short":
                Manifest.PodSpec(Find(objects, "Deployment", "entities"))["terminationGracePeriodSeconds"] = 20;
                break;
            case "gateway behind a ClusterIP":
                GatewayConfig(objects)["ReverseProxy__Clusters__predictions__Destinations__main__Address"] = "http://predictions:8080";
                break;
            case "DNS destinations enabled as True":
                // .NET reads booleans case-insensitively, so "True" switches it on as well.
                GatewayConfig(objects)["Gateway__DnsDestinations__Enabled"] = "True";
                GatewayConfig(objects)["ReverseProxy__Clusters__entities__Destinations__main__Address"] = "http://entities:8080";
                break;
            case "destination to a missing Service":
                GatewayConfig(objects)["ReverseProxy__Clusters__documents__Destinations__main__Address"] = "http://document-headless:8080";
                break;
            case "destination on a port the pods lack":
                GatewayConfig(objects)["ReverseProxy__Clusters__entities__Destinations__main__Address"] = "http://entities-headless:9090";
                break;
            case "dispatch to a port the Service lacks":
                Container(objects, "documents")["env"]!.AsArray()
                    .Single(e => (string?)e!["name"] == "Dispatch__EntitiesAddress")!["value"] = "http://entities:9090";
                break;
            case "old gateway cluster key":
                // The key the gateway read before YARP: it would now be ignored, leaving the cluster without destinations.
                var data = GatewayConfig(objects);
                data.Remove("ReverseProxy__Clusters__documents__Destinations__main__Address");
                data["Gateway__Clusters__documents__Destinations__main__Address"] = "http://documents-headless:8080";
                break;
            case "service selects nothing":
                Find(objects, "Service", "documents")["spec"]!["selector"]!["app.kubernetes.io/name"] = "document";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(defect), defect, "no such defect");
        }
    }
}
