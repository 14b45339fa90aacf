using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

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

    public static JsonObject Cluster(params string[] addresses)
    {
        var destinations = new JsonObject();
        for (var i = 0; i < addresses.Length; i++)
        {
            destinations[$"d{i}"] = new JsonObject { ["Address"] = addresses[i] };
        }

        return new JsonObject
        {
            ["Destinations"] = destinations,
            ["ActiveHealthCheck"] = new JsonObject { ["Interval"] = "00:00:01", ["Timeout"] = "00:00:01" },
            ["PassiveHealthCheck"] = new JsonObject { ["ConsecutiveFailures"] = 1, ["EjectionTime"] = "00:00:30" },
        };
    }

    /// <summary>A route to grpc.testing.TestService, every method open to anonymous callers.</summary>
    public static JsonObject InteropRoute(string cluster) => new()
    {
        ["PathPrefix"] = "/grpc.testing.TestService/",
        ["Cluster"] = cluster,
        ["DefaultRole"] = "reader",
        ["Methods"] = new JsonObject
        {
            ["EmptyCall"] = Open(idempotent: true),
            ["UnaryCall"] = Open(idempotent: false),
            ["StreamingOutputCall"] = Open(streaming: true),
            ["StreamingInputCall"] = Open(streaming: true),
            ["FullDuplexCall"] = Open(streaming: true),
            ["HalfDuplexCall"] = Open(streaming: true),
            ["UnimplementedCall"] = Open(idempotent: true),
        },
    };

    private static JsonObject Open(bool idempotent = false, bool streaming = false) => new()
    {
        ["Role"] = "reader",
        ["Public"] = true,
        ["Idempotent"] = idempotent,
        ["Streaming"] = streaming,
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
