using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Platform.Deploy.Tests;

/// <summary>
/// Each overlay renders with kubectl, passes the schema and policy validator, and has the properties an
/// operator relies on: only the gateway is exposed, images are pinned, drains are not cut short, and the
/// datastores are where the environment says.
/// </summary>
public sealed partial class OverlayTests
{
    public static TheoryData<string> Overlays => new() { "dev", "prod" };

    private static readonly string[] Backends = ["documents", "entities", "predictions"];
    private static readonly string[] PlatformDeployments = ["documents", "entities", "predictions", "gateway"];

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Overlay_RenderedByKubectl_PassesTheValidator(string overlay)
    {
        var rendered = await RenderedOverlay.GetAsync(overlay);

        Assert.True(rendered.Validation.Ok, $"{overlay}: the validator rejected the rendered manifests:\n{rendered.Validation.Describe()}");
        Assert.StartsWith("OK:", rendered.Validation.Summary, StringComparison.Ordinal);
        Assert.Empty(rendered.Validation.Problems);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Ingresses_RouteOnlyToTheGateway(string overlay)
    {
        var rendered = await RenderedOverlay.GetAsync(overlay);

        var ingresses = rendered.OfKind("Ingress").ToList();
        Assert.NotEmpty(ingresses);
        foreach (var ingress in ingresses)
        {
            foreach (var serviceName in Manifest.IngressBackendServices(ingress))
            {
                var service = rendered.Get("Service", serviceName);
                var selected = rendered.WorkloadsSelectedBy(service["spec"]!["selector"]?.AsObject()).Select(Manifest.Name).ToList();
                Assert.True(selected.SequenceEqual(["gateway"]),
                    $"{overlay}: Ingress/{Manifest.Name(ingress)} reaches Service/{serviceName}, which selects [{string.Join(", ", selected)}], not only the gateway.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Images_ArePinnedNeverLatest(string overlay)
    {
        var rendered = await RenderedOverlay.GetAsync(overlay);

        foreach (var workload in rendered.OfKind("Deployment").Concat(rendered.OfKind("StatefulSet")))
        {
            foreach (var container in Manifest.AllContainers(workload))
            {
                var image = (string)container["image"]!;
                var lastPart = image.Split('/')[^1];
                Assert.True(lastPart.Contains(':', StringComparison.Ordinal) || image.Contains('@', StringComparison.Ordinal),
                    $"{overlay}: {Manifest.Name(workload)} runs {image} without a tag");
                Assert.False(image.EndsWith(":latest", StringComparison.Ordinal), $"{overlay}: {Manifest.Name(workload)} runs {image}");
            }
        }

        foreach (var name in PlatformDeployments)
        {
            var image = (string)Manifest.Containers(rendered.Get("Deployment", name)).Single()["image"]!;
            if (overlay == "dev")
            {
                Assert.Equal($"platform/{name}:dev", image);
            }
            else
            {
                // A registry and a released version, not the mutable dev tag.
                Assert.Matches(@"^[a-z0-9.-]+\.[a-z]+(:\d+)?/platform/" + name + @":\d+\.\d+\.\d+$", image);
            }
        }
    }

    [Theory]
    [InlineData("dev", 1)]
    [InlineData("prod", 3)]
    public async Task Deployments_RunTheEnvironmentsReplicas_AndAutoscaleFromThere(string overlay, int replicas)
    {
        var rendered = await RenderedOverlay.GetAsync(overlay);

        foreach (var name in PlatformDeployments)
        {
            Assert.Equal(replicas, (int)rendered.Get("Deployment", name)["spec"]!["replicas"]!);
            var hpa = rendered.Get("HorizontalPodAutoscaler", name);
            Assert.Equal(replicas, (int)hpa["spec"]!["minReplicas"]!);
            Assert.True((int)hpa["spec"]!["maxReplicas"]! > replicas, $"{overlay}: HorizontalPodAutoscaler/{name} cannot scale out");
            var pdb = rendered.Get("PodDisruptionBudget", name)["spec"]!;
            // One pod may always be evicted (a node drain must not hang), and with more than one replica
            // at least one always stays.
            if (pdb["minAvailable"] is JsonNode minAvailable)
            {
                Assert.True((int)minAvailable! < replicas, $"{overlay}: PodDisruptionBudget/{name} minAvailable {minAvailable} blocks every eviction");
            }
            else
            {
                Assert.Equal(1, (int)pdb["maxUnavailable"]!);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Probes_GrpcForTheBackends_HttpForTheGateway(string overlay)
    {
        var rendered = await RenderedOverlay.GetAsync(overlay);

        foreach (var name in PlatformDeployments)
        {
            var container = Manifest.Containers(rendered.Get("Deployment", name)).Single();
            foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
            {
                var spec = container[probe] ?? throw new Xunit.Sdk.XunitException($"{overlay}: {name} has no {probe}");
                if (name == "gateway")
                {
                    Assert.Equal(probe == "readinessProbe" ? "/health/ready" : "/health/live", (string)spec["httpGet"]!["path"]!);
                }
                else
                {
                    // The backends' port speaks only h2c: HTTP probes cannot reach it, gRPC health can.
                    Assert.Equal(8080, (int)spec["grpc"]!["port"]!);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Pods_DrainBeforeTheyAreKilled(string overlay)
    {
        var rendered = await RenderedOverlay.GetAsync(overlay);

        foreach (var name in PlatformDeployments)
        {
            var deployment = rendered.Get("Deployment", name);
            var container = Manifest.Containers(deployment).Single();
            var shutdown = int.Parse(Manifest.Environment(rendered, container)["ServiceDefaults__ShutdownTimeoutSeconds"]);
            var preStop = (int)container["lifecycle"]!["preStop"]!["sleep"]!["seconds"]!;
            var grace = (int)Manifest.PodSpec(deployment)["terminationGracePeriodSeconds"]!;

            Assert.True(preStop > 0, $"{overlay}: {name} stops before its endpoints are removed");
            Assert.True(grace > preStop + shutdown,
                $"{overlay}: {name} is killed after {grace} s, before its preStop sleep ({preStop} s) and drain ({shutdown} s) are over");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Gateway_BalancesOverHeadlessServicesOfTheBackends(string overlay)
    {
        var rendered = await RenderedOverlay.GetAsync(overlay);
        var env = Manifest.Environment(rendered, Manifest.Containers(rendered.Get("Deployment", "gateway")).Single());

        // One gateway-wide switch: every destination host is resolved to its addresses, so all must be headless.
        Assert.Equal("true", env["Gateway__DnsDestinations__Enabled"]);
        Assert.DoesNotContain(env.Keys, k => k.StartsWith("Gateway__Clusters__", StringComparison.OrdinalIgnoreCase));
        var destinations = env.Keys.Where(k => k.StartsWith("ReverseProxy__Clusters__", StringComparison.OrdinalIgnoreCase)).Order().ToList();
        Assert.Equal(Backends.Select(b => $"ReverseProxy__Clusters__{b}__Destinations__main__Address").Order(), destinations);
        foreach (var backend in Backends)
        {
            Assert.Equal($"http://{backend}-headless:8080", env[$"ReverseProxy__Clusters__{backend}__Destinations__main__Address"]);
            var headless = rendered.Get("Service", $"{backend}-headless");
            Assert.Equal("None", (string)headless["spec"]!["clusterIP"]!);
            Assert.Equal([backend], rendered.WorkloadsSelectedBy(headless["spec"]!["selector"]!.AsObject()).Select(Manifest.Name));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Backends_UsePostgres_EachWithOnlyItsOwnConnectionString(string overlay)
    {
        var rendered = await RenderedOverlay.GetAsync(overlay);

        foreach (var backend in Backends)
        {
            var container = Manifest.Containers(rendered.Get("Deployment", backend)).Single();
            Assert.Equal("postgres", Manifest.Environment(rendered, container)["Storage__Provider"]);
            var secretRefs = container["env"]!.AsArray()
                .Where(e => e!["valueFrom"]?["secretKeyRef"]?["name"]?.GetValue<string>() == "platform-db")
                .Select(e => ((string)e!["name"]!, (string)e["valueFrom"]!["secretKeyRef"]!["key"]!))
                .ToList();
            var property = "ConnectionStrings__" + char.ToUpperInvariant(backend[0]) + backend[1..];
            Assert.Equal([(property, backend)], secretRefs);
            Assert.Null(container["envFrom"]!.AsArray().FirstOrDefault(f => f?["secretRef"] is not null));
        }
    }

    [Fact]
    public async Task Dev_RunsRedisAndPostgresInCluster_WithMatchingCredentials()
    {
        var rendered = await RenderedOverlay.GetAsync("dev");

        foreach (var (name, port) in new[] { ("redis", 6379), ("postgres", 5432) })
        {
            var statefulSet = rendered.Get("StatefulSet", name);
            Assert.Equal(name, (string)statefulSet["spec"]!["serviceName"]!);
            Assert.Equal("data", (string)statefulSet["spec"]!["volumeClaimTemplates"]![0]!["metadata"]!["name"]!);
            var service = rendered.Get("Service", name);
            Assert.Equal("None", (string)service["spec"]!["clusterIP"]!);
            Assert.Equal(port, (int)service["spec"]!["ports"]![0]!["port"]!);
        }

        // The init script creates the three databases with the passwords of postgres-credentials, and the
        // services' connection strings must carry the same ones.
        var init = rendered.OfKind("ConfigMap").Single(c => Manifest.Name(c).StartsWith("postgres-init-", StringComparison.Ordinal));
        var script = (string)init["data"]!["init-databases.sh"]!;
        var credentials = rendered.Get("Secret", "postgres-credentials")["stringData"]!;
        var connectionStrings = rendered.Get("Secret", "platform-db")["stringData"]!;
        foreach (var backend in Backends)
        {
            Assert.Contains($"CREATE DATABASE {backend} OWNER {backend};", script, StringComparison.Ordinal);
            var password = (string)credentials[$"{backend.ToUpperInvariant()}_DB_PASSWORD"]!;
            Assert.Equal($"Host=postgres;Port=5432;Database={backend};Username={backend};Password={password}", (string)connectionStrings[backend]!);
        }

        var redisPassword = (string)rendered.Get("Secret", "redis-credentials")["stringData"]!["REDIS_PASSWORD"]!;
        Assert.Equal($"redis://default:{redisPassword}@redis:6379/0", (string)rendered.Get("Secret", "platform-redis")["stringData"]!["connection-string"]!);
    }

    [Fact]
    public async Task Prod_HasNoStatefulSet_AndReachesExternalDatastoresOnlyThroughEgressRules()
    {
        var rendered = await RenderedOverlay.GetAsync("prod");

        Assert.Empty(rendered.OfKind("StatefulSet"));
        foreach (var (name, port) in new[] { ("postgres", 5432), ("redis", 6380) })
        {
            var service = rendered.Get("Service", name);
            Assert.Equal("ExternalName", (string)service["spec"]!["type"]!);
            Assert.False(string.IsNullOrEmpty((string?)service["spec"]!["externalName"]));

            // Egress is denied by default; the backends may reach the datastore's CIDR on its port.
            var rules = rendered.Get("NetworkPolicy", "backends-egress")["spec"]!["egress"]!.AsArray();
            Assert.Contains(rules, r =>
                r!["to"]!.AsArray().Any(t => t!["ipBlock"] is not null) &&
                r["ports"]!.AsArray().Any(p => (int)p!["port"]! <= port && port <= ((int?)p["endPort"] ?? (int)p["port"]!)));
        }

        Assert.Empty(rendered.Get("NetworkPolicy", "default-deny-egress")["spec"]!["egress"]?.AsArray() ?? []);
    }

    [Fact]
    public async Task Prod_IngressesServeTheirHostsOverTls()
    {
        var rendered = await RenderedOverlay.GetAsync("prod");

        var ingresses = rendered.OfKind("Ingress").ToList();
        Assert.Equal(["gateway", "gateway-grpc"], ingresses.Select(Manifest.Name).Order());
        foreach (var ingress in ingresses)
        {
            var hosts = ingress["spec"]!["rules"]!.AsArray().Select(r => (string?)r!["host"]).ToList();
            var tlsHosts = ingress["spec"]!["tls"]!.AsArray().SelectMany(t => t!["hosts"]!.AsArray()).Select(h => (string?)h).ToList();
            Assert.All(hosts, h => Assert.False(string.IsNullOrEmpty(h), $"Ingress/{Manifest.Name(ingress)} has a rule for any host"));
            Assert.All(hosts, h => Assert.Contains(h, tlsHosts));
        }

        var grpc = rendered.Get("Ingress", "gateway-grpc");
        Assert.Equal("GRPC", (string)grpc["metadata"]!["annotations"]!["nginx.ingress.kubernetes.io/backend-protocol"]!);
    }

    [Fact]
    public async Task Prod_SecretsArePlaceholders_NeverRealCredentials()
    {
        var rendered = await RenderedOverlay.GetAsync("prod");

        foreach (var secret in rendered.OfKind("Secret"))
        {
            Assert.Null(secret["data"]);
            foreach (var (key, value) in secret["stringData"]!.AsObject())
            {
                if (key.EndsWith("__Roles", StringComparison.Ordinal))
                {
                    continue;
                }

                // Real secrets come from the secret store at deploy time, never from this repository.
                Assert.True(PlaceholderPattern().IsMatch((string)value!),
                    $"Secret/{Manifest.Name(secret)} {key} is not a REPLACE_ME placeholder: keep production secrets out of the repository");
            }
        }
    }

    [GeneratedRegex("REPLACE_ME")]
    private static partial Regex PlaceholderPattern();
}
