using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Google.Protobuf.Reflection;
using Platform.Gateway.Api;

namespace Platform.Gateway.Tests;

/// <summary>One generated request: what it is, what was done to its seed, and who sends it.</summary>
internal sealed record FuzzRequest(
    int Index, RestRoute Route, string Mutation, string Method, string PathAndQuery, byte[]? Body, string? ContentType, string Caller, bool Http2)
{
    public string RouteName => $"{Route.HttpMethod} {Route.Template}";

    public string Describe() =>
        $"#{Index} {Method} {Clip(PathAndQuery, 300)} (url {PathAndQuery.Length} chars, caller {Caller}, HTTP/{(Http2 ? "2" : "1.1")}, "
        + $"content-type {ContentType ?? "(none)"}, body {(Body is null ? "(none)" : $"{Body.Length} bytes: {Preview(Body, 200)}")})";

    public static string Clip(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    /// <summary>Printable ASCII as is, every other byte as \xNN, so invalid UTF-8 shows exactly.</summary>
    public static string Preview(byte[] bytes, int max)
    {
        var text = new StringBuilder();
        foreach (var b in bytes.AsSpan(0, Math.Min(bytes.Length, max)))
        {
            text.Append(b is >= 0x20 and < 0x7f ? ((char)b).ToString() : $"\\x{b:X2}");
        }

        return bytes.Length > max ? text + "…" : text.ToString();
    }
}

/// <summary>Ids of real records the seeds point at, so valid requests reach the services' own code.</summary>
internal sealed record FuzzIds(
    string DocumentId, string VictimDocumentId, string EntityId, string OtherEntityId, string PredictionId, string VictimPredictionId, string Predictor);

/// <summary>
/// Builds request number <c>index</c> from the seed alone (its own <see cref="Random"/>), so any one request can be
/// rebuilt: a valid seed request for the route, then one mutation — bad UTF-8 or UTF-16, deep nesting, huge
/// numbers, wrong types, unknown fields, long strings, truncated or empty bodies, wrong content types, odd path
/// segments, bad, unknown and repeated query parameters, the wrong verb.
/// </summary>
internal sealed partial class RestFuzzCases(int seed, IReadOnlyList<RestRoute> routes, FuzzIds ids, string adminKey)
{
    public const int MaxUrl = 7_500; // under the gateway's 8 KiB limit on path and query; over-long URLs are a separate test

    private static readonly string[] BodyMutations =
    [
        "valid", "invalid-utf8", "lone-surrogate", "utf16-body", "deep-nesting", "huge-number", "wrong-type", "unknown-field",
        "duplicate-key", "long-string", "truncated", "empty-body", "content-type", "root-type", "json-syntax", "query-on-body-route",
        "path-odd", "wrong-verb",
    ];

    private static readonly string[] QueryMutations =
    [
        "valid", "query-wrong-type", "query-number-edge", "query-repeated", "query-unknown", "query-odd-chars", "path-odd", "wrong-verb", "unexpected-body",
    ];

    private static readonly string[] Verbs = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    private static readonly byte[][] BadUtf8 =
    [
        [0xFF], [0xFE], [0x80], [0xBF], [0xC3], [0xC0, 0x80], [0xC1, 0xBF], [0xE2, 0x82], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80],
        [0xED, 0xBF, 0xBF], [0xF0, 0x9F, 0x98], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFC, 0x84, 0x80, 0x80, 0x80, 0x80],
    ];

    private static readonly string[] Surrogates = [@"""\ud800""", @"""\udfff""", @"""a\ud800b""", @"""\ud800\ud800""", @"""\udc00\ud800""", @"""\uDBFF""", @"""x\ud83d"""];

    private static readonly string[] HugeNumbers =
    [
        "1e400", "-1e400", "1e-400", "99999999999999999999999", "-99999999999999999999999", "18446744073709551616", "9223372036854775808",
        "2147483648", "-2147483649", "4294967296", "1.7976931348623157e308", "123456789012345678901234567890.5", "-0", "-0.0", "1E+2",
        "0.000000000000000000000000001", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e400\"", "\"99999999999999999999999\"", "-1", "-2147483648",
        new string('9', 5000), "1" + new string('0', 400) + ".5",
    ];

    private static readonly string[] WrongTypes =
    [
        "1", "-1.5", "0", "\"text\"", "\"\"", "true", "false", "null", "{}", "[]", "[1,2]", "[\"a\",null]", "{\"a\":\"b\"}", "[[]]", "{\"seconds\":1}",
        "\"2026-13-45T99:99:99Z\"", "\"PREDICTOR\"", "\"NOT_A_VALUE\"", "999", "\"AAAA\"", "\"not base64!\"", "[{\"a\":1}]", "{\"\":null}",
    ];

    private static readonly string[] UnknownNames = ["colour", "__proto__", "", " ", "Title", "page_size", "document", "a.b", "\\u0000", "\\ud800", "id ", "ID", "$type"];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=bogus",
        "application/json; charset=latin1", "application/json; charset=utf-32", "application/json; charset=us-ascii", "application/json;;;",
        "application/json; charset=\"utf-8\"", "application/merge-patch+json", "application/vnd.api+json", "text/json", "*/*", "json", "application/",
        "APPLICATION/JSON", "application/json; boundary=1; charset=utf-8; q=0",
    ];

    private static readonly string[] RootBodies =
    [
        "[]", "[{}]", "\"x\"", "1", "null", "true", " ", "\n\t", "{}{}", "{} x", "{\"a\":1}garbage", "[1,2,3]", "\"\\ud800\"", "{\"\":{}}",
    ];

    private static readonly string[] SyntaxBodies =
    [
        "{'note':'x'}", "{note:\"x\"}", "{\"note\":\"x\",}", "/*c*/{}", "// c\n{}", "{\"note\":NaN}", "{\"note\":01}", "{\"note\":\"x\"\n",
        "{\"note\":\"\\x\"}", "{\"note\":\"\\u12\"}", "{\"note\":\"a\tb\"}", "{\"note\":\"a\u0001b\"}", "\u0000{}", "{\"note\" \"x\"}",
        "{\"note\":\"x\"]", "{\"note\":+1}", "{\"note\":.5}", "{\"note\":1.}", "{\"note\":Infinity}", "{,}", "{\"note\":undefined}",
    ];

    private static readonly string[] QueryValues =
    [
        "abc", "-1", "0", "1.5", "1e3", "0x10", "", " ", "true", "yes", "null", "[]", "{}", "NaN", "Infinity", "-0", "+1", "%EF%BC%91",
        "2026-02-30", "not-a-time", "NOT_A_VALUE", "999", "-999", "2026-03-02T00:00:00Z", "1s", "PREDICTOR", "%2C", "a,b",
    ];

    private static readonly string[] NumberEdges =
    [
        "2147483647", "2147483648", "-2147483648", "-2147483649", "99999999999999999999999", "-1", "0", "4294967296", "1e400", "00000000001", "1_000",
    ];

    // No "%00" in a path: Kestrel refuses a NUL in the request target itself, before any middleware runs, with a bare
    // 400 (HTTP/1.1) or a stream reset (HTTP/2) and no hook to write a body. A NUL in the query is covered below.
    private static readonly string[] OddEncoded =
    [
        "%FF", "%ED%A0%80", "%C0%80", "%C0%AF", "%F4%90%80%80", "%", "%zz", "%2", "%25", "+", "a+b", "%2B", "%E2%98%83",
        "%F0%9F%98%80", "%2F", "a%2Fb", "%2f..%2f", "%5C", "%0D%0A", "%09", "%20", "%3A", "%3Aresolve", "..", "%2E%2E", ".", "~", "*", "%7Bid%7D",
        "%27%3B%20DROP%20TABLE%20documents%3B--", "-1", "0", "null", "doc_0000000000000000", "ent_0000000000000000", "prd_0000000000000000", "&", "=",
        "%26", "%3D", "%23",
    ];

    public FuzzRequest Create(int index)
    {
        var random = new Random(unchecked((seed * 1_000_003) + index));
        var route = routes[index % routes.Count];
        var draft = Seed(route);
        var mutations = route.Body.Length > 0 ? BodyMutations : QueryMutations;
        var mutation = mutations[random.Next(mutations.Length)];
        var detail = Mutate(draft, route, mutation, random);
        var caller = random.Next(20) switch { < 16 => "admin", < 19 => "anonymous", _ => "wrong-key" };
        var url = draft.Url();
        if (url.Length > MaxUrl)
        {
            throw new InvalidOperationException($"#{index} {mutation}: the URL is {url.Length} chars, over {MaxUrl}.");
        }

        var body = draft.Bytes ?? (draft.Text is { } text ? Encoding.UTF8.GetBytes(text) : draft.Body is { } json ? Encoding.UTF8.GetBytes(json.ToJsonString()) : null);
        return new FuzzRequest(index, route, detail.Length > 0 ? $"{mutation}({detail})" : mutation, draft.Method, url, body,
            body is null ? null : draft.ContentType, caller, random.Next(10) == 0);
    }

    public string? KeyFor(FuzzRequest request) => request.Caller switch
    {
        "admin" => adminKey,
        "wrong-key" => "not-a-key-" + request.Index,
        _ => null,
    };

    /// <summary>A request the route should accept as it is (with the admin key).</summary>
    private Draft Seed(RestRoute route)
    {
        var d = new Draft(route.HttpMethod, route.Template);
        switch (route.Method.Name)
        {
            case "IngestDocument":
                d.Body = new JsonObject
                {
                    ["content"] = "The fuzzed harbour council will probably approve the new ferry line before 2028, said Orsolya Quennimore.",
                    ["title"] = "Fuzz seed", ["authors"] = new JsonArray("Orsolya Quennimore"), ["outlet"] = "The Fuzz Gazette",
                    ["published"] = "2026-03-02", ["labels"] = new JsonObject { ["source"] = "fuzz" }, ["format"] = "CONTENT_FORMAT_PLAIN_TEXT",
                };
                break;
            case "GetDocument" or "DeleteDocument":
                d.Path["id"] = route.Method.Name == "DeleteDocument" ? ids.VictimDocumentId : ids.DocumentId;
                break;
            case "BatchGetDocuments":
                d.Query.AddRange([("ids", ids.DocumentId), ("ids", ids.DocumentId)]);
                break;
            case "ListDocuments":
                d.Query.AddRange([("pageSize", "10"), ("outlet", "The Fuzz Gazette"), ("publishedAfter", "2020-01-01T00:00:00Z"), ("processingState", "STAGE_STATE_DONE")]);
                break;
            case "UpdateDocumentMetadata":
                d.Path["document.id"] = ids.DocumentId;
                d.Query.Add(("updateMask", "title,authors"));
                d.Body = new JsonObject { ["title"] = "Fuzz title", ["authors"] = new JsonArray("Orsolya Quennimore") };
                break;
            case "GetEntity":
                d.Path["id"] = ids.EntityId;
                break;
            case "ListEntities":
                d.Query.AddRange([("pageSize", "5"), ("type", "PERSON"), ("namePrefix", "Q")]);
                break;
            case "SearchEntities":
                d.Query.AddRange([("query", "Quennimore"), ("type", "PERSON"), ("limit", "3")]);
                break;
            case "ListMentions":
                d.Path["entity_id"] = ids.EntityId;
                d.Query.AddRange([("pageSize", "5"), ("documentId", ids.DocumentId)]);
                break;
            case "ListEntityEdits":
                d.Path["entity_id"] = ids.EntityId;
                break;
            case "AddAlias":
                d.Path["entity_id"] = ids.EntityId;
                d.Body = new JsonObject { ["alias"] = "Fuzz Alias", ["note"] = "fuzz" };
                break;
            case "MergeEntities":
                d.Path["target_id"] = ids.EntityId;
                d.Body = new JsonObject { ["sourceIds"] = new JsonArray(ids.OtherEntityId), ["note"] = "fuzz" };
                break;
            case "SplitEntity":
                d.Path["entity_id"] = ids.EntityId;
                d.Body = new JsonObject { ["aliases"] = new JsonArray("Fuzz Alias"), ["newCanonicalName"] = "Fuzz Alias", ["newType"] = "PERSON", ["note"] = "fuzz" };
                break;
            case "GetPrediction":
                d.Path["id"] = ids.PredictionId;
                break;
            case "ListPredictions":
                d.Query.AddRange([("pageSize", "20"), ("predictor", ids.Predictor), ("status", "OPEN"), ("deadlineFrom", "2026-01-01"), ("deadlineTo", "2030-01-01")]);
                break;
            case "CreatePrediction":
                d.Body = new JsonObject
                {
                    ["claim"] = "The fuzzed ferry line opens before 2028-01-01", ["predictor"] = ids.Predictor, ["probability"] = 0.3,
                    ["deadline"] = "2028-01-01", ["publishedTime"] = "2026-01-10T00:00:00Z", ["attributed"] = true, ["note"] = "fuzz",
                };
                break;
            case "UpdatePrediction":
                d.Path["id"] = ids.PredictionId;
                d.Body = new JsonObject { ["probability"] = 0.35, ["claim"] = "The fuzzed ferry line opens before 2029-01-01", ["deadline"] = "2029-01-01", ["note"] = "fuzz" };
                break;
            case "RejectPrediction":
                d.Path["id"] = ids.VictimPredictionId;
                d.Body = new JsonObject { ["reason"] = "fuzz" };
                break;
            case "ResolvePrediction":
                d.Path["id"] = ids.PredictionId;
                d.Body = new JsonObject
                {
                    ["outcome"] = "PARTIAL", ["fraction"] = 0.5, ["evidenceUrl"] = "https://example.org/fuzz", ["note"] = "fuzz",
                    ["resolvedTime"] = "2026-10-01T00:00:00Z",
                };
                break;
            case "ListDue":
                d.Query.AddRange([("asOf", "2030-01-01"), ("pageSize", "10")]);
                break;
            case "GetScoreboard":
                d.Query.AddRange([("group", "PREDICTOR"), ("minResolved", "1"), ("orderBy", "BRIER"), ("includeCalibration", "true"), ("limit", "10"), ("windowStart", "2020-01")]);
                break;
            case "GetPredictorProfile":
                d.Path["name"] = ids.Predictor;
                d.Query.Add(("recent", "5"));
                break;
            case "SuggestEvidence":
                d.Path["document_id"] = ids.DocumentId;
                d.Query.Add(("limit", "5"));
                break;
            default:
                throw new InvalidOperationException($"No fuzz seed for {route.Method.FullName} ({route.HttpMethod} {route.Template}); add one.");
        }

        if (d.Body is not null)
        {
            d.ContentType = "application/json";
        }

        return d;
    }

    private static string JsonSerializedClip(string raw) => FuzzRequest.Clip(raw, 40);

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static FieldDescriptor AnyField(MessageDescriptor message, Random random) => Pick<FieldDescriptor>(random, [.. message.Fields.InDeclarationOrder()]);

    private static FieldDescriptor StringField(MessageDescriptor message, Random random)
    {
        var strings = message.Fields.InDeclarationOrder().Where(f => f.FieldType == FieldType.String).ToList();
        return strings.Count > 0 ? Pick(random, strings) : AnyField(message, random);
    }

    /// <summary>The body with <paramref name="field"/> set to raw JSON text (by its JSON or proto name).</summary>
    private static string Splice(JsonObject body, FieldDescriptor field, string raw, bool protoName = false)
    {
        var copy = (JsonObject)body.DeepClone();
        copy.Remove(field.JsonName);
        copy.Remove(field.Name);
        var text = copy.ToJsonString();
        var key = JsonSerializer.Serialize(protoName ? field.Name : field.JsonName);
        return text == "{}" ? $"{{{key}:{raw}}}" : $"{text[..^1]},{key}:{raw}}}";
    }

    private sealed partial class Draft(string method, string template)
    {
        public string Method { get; set; } = method;

        public string Template { get; set; } = template;

        public Dictionary<string, string> Path { get; } = [];

        public HashSet<string> RawPath { get; } = [];

        /// <summary>Keys and values as given; seeds' are escaped when the URL is built, mutations' are sent as they are.</summary>
        public List<(string Key, string Value)> Query { get; } = [];

        public JsonObject? Body { get; set; }

        public string? Text { get; set; }

        public byte[]? Bytes { get; set; }

        public string? ContentType { get; set; }

        public string Url()
        {
            var path = Variable().Replace(Template, m =>
            {
                var name = m.Groups[1].Value;
                var value = Path.GetValueOrDefault(name, "");
                return RawPath.Contains(name) ? value : Uri.EscapeDataString(value);
            });
            return Query.Count == 0 ? path : path + "?" + string.Join('&', Query.Select(q => $"{Escape(q.Key)}={Escape(q.Value)}"));
        }

        // Seed values are plain text; mutated ones carry their own percent-encoding, sent as they are.
        private static string Escape(string text) => text.Contains('%', StringComparison.Ordinal) || text.Contains('+', StringComparison.Ordinal)
            ? text
            : Uri.EscapeDataString(text);

        [GeneratedRegex(@"\{([^}=]+)(=[^}]*)?\}")]
        private static partial Regex Variable();
    }
}
