using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Testing;

namespace Platform.Gateway.Tests;

/// <summary>Builds the "Gateway" configuration section the tests run the gateway with.</summary>
internal static class GatewayConfig
{
    public const string ReaderKey = "reader-key-7f3a";
    public const string ContributorKey = "contributor-key-19bd";
    public const string ResolverKey = "resolver-key-c04e";
    public const string AdminKey = "admin-key-5a61";

    /// <summary>The HMAC key the test gateway accepts JWTs signed with (base64 of 32 bytes).</summary>
    public static readonly string JwtSigningKey = Convert.ToBase64String(SHA256.HashData("platform gateway tests"u8));

    public static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static JsonObject ApiKeys() => new()
    {
        ["tests-reader"] = new JsonObject { ["Sha256"] = Sha256(ReaderKey), ["Roles"] = "reader" },
        ["tests-contributor"] = new JsonObject { ["Sha256"] = Sha256(ContributorKey), ["Roles"] = "contributor" },
        ["tests-resolver"] = new JsonObject { ["Sha256"] = Sha256(ResolverKey), ["Roles"] = "resolver" },
        ["tests-admin"] = new JsonObject { ["Sha256"] = Sha256(AdminKey), ["Roles"] = "admin" },
    };

    /// <summary>Limits no test's burst of anonymous calls reaches (the rate-limit tests set their own).</summary>
    public static JsonObject HighRateLimits() => new()
    {
        ["PerAddressPerSecond"] = 100_000, ["PerAddressBurst"] = 100_000, ["PerCallerPerSecond"] = 100_000, ["PerCallerBurst"] = 100_000,
    };

    public static JsonObject Cluster(params string[] addresses) => GatewayProcess.Cluster(addresses);

    /// <summary>A YARP route sending grpc.testing.TestService calls to <paramref name="cluster"/>.</summary>
    public static JsonObject InteropRoute(string cluster) => new()
    {
        ["ClusterId"] = cluster,
        ["Match"] = new JsonObject { ["Path"] = "/grpc.testing.TestService/{**method}" },
    };

    /// <summary>The role table entry for grpc.testing.TestService: every method open to anonymous callers.</summary>
    public static JsonObject InteropAccess() => new()
    {
        ["grpc.testing.TestService"] = new JsonObject
        {
            ["DefaultRole"] = "reader",
            ["Methods"] = new JsonObject
            {
                ["EmptyCall"] = Open(idempotent: true),
                ["UnaryCall"] = Open(idempotent: false),
                ["StreamingOutputCall"] = Open(),
                ["StreamingInputCall"] = Open(),
                ["FullDuplexCall"] = Open(),
                ["HalfDuplexCall"] = Open(),
                ["UnimplementedCall"] = Open(idempotent: true),
            },
        },
    };

    /// <summary>A gateway routing only the interop service to <paramref name="addresses"/>, with limits out of the way.</summary>
    public static JsonObject InteropGateway(string[] addresses, JsonObject? route = null, JsonObject? gateway = null)
    {
        gateway ??= new JsonObject();
        gateway["Services"] ??= InteropAccess();
        gateway["RateLimits"] ??= HighRateLimits();
        return GatewayProcess.Configuration(gateway,
            routes: new JsonObject { ["interop"] = route ?? InteropRoute("interop") },
            clusters: new JsonObject { ["interop"] = Cluster(addresses) });
    }

    private static JsonObject Open(bool idempotent = false) => new()
    {
        ["Role"] = "reader",
        ["Public"] = true,
        ["Idempotent"] = idempotent,
    };

    /// <summary>A compact HS256 JWT, signed with <see cref="JwtSigningKey"/> unless another key is given.</summary>
    public static string Jwt(string subject, string[] roles, DateTimeOffset expires, string? signingKey = null)
    {
        static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = Encode("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
        var payload = new JsonObject
        {
            ["sub"] = subject,
            ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode?)r)]),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["nbf"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(),
        };
        var body = Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = HMACSHA256.HashData(Convert.FromBase64String(signingKey ?? JwtSigningKey), Encoding.ASCII.GetBytes($"{header}.{body}"));
        return $"{header}.{body}.{Encode(signature)}";
    }
}
