using System.Net;
using System.Text.Json.Nodes;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Predictions.V1;
using static Platform.Gateway.Tests.GatewayConfig;

namespace Platform.Gateway.Tests;

/// <summary>
/// Who may do what, over JSON and gRPC: every REST route against no credentials, a wrong key and each role;
/// bearer tokens; and the identity the services record, which a caller cannot forge.
/// </summary>
[Collection(RunningPlatformGroup.Name)]
public sealed class AccessTests(RunningPlatform platform) : IDisposable
{
    private static readonly (string Role, string Key)[] Keys =
        [("reader", ReaderKey), ("contributor", ContributorKey), ("resolver", ResolverKey), ("admin", AdminKey)];

    private readonly RestClient _api = new(platform.Gateway.Address);

    [Fact]
    public async Task TheRoleTableIsWhatTheIssueAsksFor()
    {
        var paths = RestClient.Ok(await _api.GetAsync("/openapi.json"))["paths"]!;
        string RoleOf(string path, string verb) => paths[path]![verb]!["x-required-role"]!.GetValue<string>();
        bool IsPublic(string path, string verb) => paths[path]![verb]!["security"]!.AsArray().Any(s => s!.AsObject().Count == 0);

        Assert.Equal("contributor", RoleOf("/v1/documents", "post"));
        Assert.Equal("resolver", RoleOf("/v1/predictions/{id}:resolve", "post"));
        Assert.Equal("admin", RoleOf("/v1/documents/{id}", "delete"));
        foreach (var read in (string[])["/v1/scoreboard", "/v1/predictors/{name}", "/v1/predictions", "/v1/predictions/{id}", "/v1/documents/{id}", "/v1/entities/{id}"])
        {
            Assert.True(IsPublic(read, "get"), $"{read} should be open to anonymous readers");
        }

        Assert.False(IsPublic("/v1/predictions/{id}:resolve", "post"));
    }

    /// <summary>Every route × {nobody, a wrong key, each role}: refused exactly when the role table says so.</summary>
    [Fact]
    public async Task EveryRoute_AdmitsExactlyTheRolesItNeeds()
    {
        var paths = RestClient.Ok(await _api.GetAsync("/openapi.json"))["paths"]!.AsObject();
        var checkedCalls = 0;
        foreach (var (template, item) in paths)
        {
            foreach (var (verb, operation) in item!.AsObject())
            {
                var path = template.Replace("{name}", "nobody-in-particular", StringComparison.Ordinal);
                path = System.Text.RegularExpressions.Regex.Replace(path, "\\{[^}]+\\}", "missing-id");
                var method = new HttpMethod(verb.ToUpperInvariant());
                var body = operation!["requestBody"] is null ? null : new JsonObject();
                var required = operation["x-required-role"]!.GetValue<string>();
                var isPublic = operation["security"]!.AsArray().Any(s => s!.AsObject().Count == 0);
                var what = $"{verb.ToUpperInvariant()} {template}";

                var anonymous = await _api.SendAsync(method, path, body: body);
                if (isPublic)
                {
                    AssertAdmitted(anonymous, $"{what} without credentials");
                }
                else
                {
                    Assert.True(anonymous.Status == HttpStatusCode.Unauthorized, $"{what} without credentials: {anonymous}");
                }

                var wrongKey = await _api.SendAsync(method, path, "not-a-key", body);
                Assert.True(wrongKey.Status == HttpStatusCode.Unauthorized, $"{what} with a wrong key: {wrongKey}");
                Assert.Equal("UNAUTHENTICATED", wrongKey.Json!["status"]!.GetValue<string>());

                foreach (var (role, key) in Keys)
                {
                    var reply = await _api.SendAsync(method, path, key, body);
                    if (role == required || role == "admin" || required == "reader")
                    {
                        AssertAdmitted(reply, $"{what} as {role}");
                    }
                    else
                    {
                        Assert.True(reply.Status == HttpStatusCode.Forbidden, $"{what} as {role} (needs {required}): {reply}");
                        Assert.Contains(required, reply.Error, StringComparison.Ordinal);
                    }
                }

                checkedCalls++;
            }
        }

        Assert.Equal(Api.RestRouteTable.ForPlatform().Routes.Count, checkedCalls);
    }

    private static void AssertAdmitted(RestClient.Reply reply, string what) =>
        Assert.True(reply.Status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests), $"{what} was refused: {reply}");

    [Fact]
    public async Task GrpcCalls_FollowTheSameRules()
    {
        using var channel = GrpcChannel.ForAddress(platform.Gateway.Address);
        var client = new PredictionService.PredictionServiceClient(channel);
        Metadata Key(string key) => new() { { "x-api-key", key } };

        var board = await client.GetScoreboardAsync(new GetScoreboardRequest());
        Assert.NotNull(board);

        var anonymous = await Assert.ThrowsAsync<RpcException>(() => client.ResolvePredictionAsync(new ResolvePredictionRequest { Id = "x" }).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);

        var reader = await Assert.ThrowsAsync<RpcException>(() => client.ResolvePredictionAsync(new ResolvePredictionRequest { Id = "x" }, new CallOptions(Key(ReaderKey))).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, reader.StatusCode);

        var wrong = await Assert.ThrowsAsync<RpcException>(() => client.GetScoreboardAsync(new GetScoreboardRequest(), new CallOptions(Key("wrong"))).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);

        // Admitted: the service itself answers (no such forecast).
        var resolver = await Assert.ThrowsAsync<RpcException>(() => client.ResolvePredictionAsync(
            new ResolvePredictionRequest { Id = "prd_0000", Outcome = Outcome.True }, new CallOptions(Key(ResolverKey))).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, resolver.StatusCode);
    }

    [Fact]
    public async Task BearerTokens_CarryRoles_AndBadOnesAreRefused()
    {
        var alice = Jwt("alice", ["resolver"], DateTimeOffset.UtcNow.AddMinutes(10));
        var me = RestClient.Ok(await _api.SendAsync(HttpMethod.Get, "/v1/me", bearer: alice));
        Assert.Equal("jwt:alice", me["identity"]!.GetValue<string>());
        Assert.Equal("resolver", me["roles"]![0]!.GetValue<string>());

        var admitted = await _api.SendAsync(HttpMethod.Post, "/v1/predictions/prd_0000:resolve", body: new JsonObject { ["outcome"] = "TRUE" }, bearer: alice);
        Assert.Equal(HttpStatusCode.NotFound, admitted.Status);

        var bob = Jwt("bob", ["reader"], DateTimeOffset.UtcNow.AddMinutes(10));
        var forbidden = await _api.SendAsync(HttpMethod.Post, "/v1/predictions/prd_0000:resolve", body: new JsonObject { ["outcome"] = "TRUE" }, bearer: bob);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);

        var expired = await _api.SendAsync(HttpMethod.Get, "/v1/me", bearer: Jwt("alice", ["resolver"], DateTimeOffset.UtcNow.AddMinutes(-10)));
        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Contains("bearer token is not valid", expired.Error, StringComparison.Ordinal);

        var forged = await _api.SendAsync(HttpMethod.Get, "/v1/me", bearer: Jwt("mallory", ["admin"], DateTimeOffset.UtcNow.AddMinutes(10), Convert.ToBase64String(new byte[32])));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.Status);
    }

    [Fact]
    public async Task TheRecordedResolver_IsTheKeysIdentity_NotAHeaderTheCallerSent()
    {
        var created = RestClient.Ok(await _api.PostAsync("/v1/predictions", new JsonObject
        {
            ["claim"] = "The port strike ends before 2026-05-01",
            ["predictor"] = "Tomas Reyes",
            ["probability"] = 0.7,
            ["deadline"] = "2026-05-01",
            ["publishedTime"] = "2026-02-01T00:00:00Z",
        }, ResolverKey));
        var forgedHeaders = new Dictionary<string, string> { ["x-platform-caller"] = "mallory", ["x-platform-roles"] = "admin" };
        var resolved = RestClient.Ok(await _api.SendAsync(HttpMethod.Post, $"/v1/predictions/{created["id"]}:resolve", ResolverKey,
            new JsonObject { ["outcome"] = "FALSE", ["resolvedTime"] = "2026-05-02T00:00:00Z" }, headers: forgedHeaders));

        Assert.Equal("key:tests-resolver", resolved["resolutions"]![0]!["resolver"]!.GetValue<string>());

        // Without credentials the forged headers buy nothing either.
        var anonymous = await _api.SendAsync(HttpMethod.Post, $"/v1/predictions/{created["id"]}:resolve", body: new JsonObject { ["outcome"] = "TRUE" }, headers: forgedHeaders);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
    }

    public void Dispose() => _api.Dispose();
}
