using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Google.Protobuf.Reflection;
using Platform.Gateway.Api;

namespace Platform.Gateway.Tests;

/// <summary>The mutations <see cref="RestFuzzCases"/> applies to a route's valid seed request.</summary>
internal sealed partial class RestFuzzCases
{
    /// <summary>Applies one mutation; returns a short detail for the failure report.</summary>
    private string Mutate(Draft d, RestRoute route, string mutation, Random random)
    {
        var bodyMessage = route.Body switch { "" => null, "*" => route.Method.InputType, var f => route.Method.InputType.FindFieldByName(f).MessageType };
        switch (mutation)
        {
            case "invalid-utf8":
            {
                var bad = Pick(random, BadUtf8);
                var field = StringField(bodyMessage!, random);
                var text = random.Next(4) == 0 ? d.Body!.ToJsonString() : Splice(d.Body!, field, field.IsRepeated ? "[\"abFUZZcd\"]" : "\"abFUZZcd\"");
                var bytes = Encoding.UTF8.GetBytes(text);
                var marker = bytes.AsSpan().IndexOf("FUZZ"u8);
                var at = marker >= 0 ? marker : random.Next(bytes.Length + 1);
                d.Bytes = [.. bytes[..at], .. bad, .. bytes[(at + (marker >= 0 ? 4 : 0))..]];
                return $"{Convert.ToHexString(bad)} at byte {at}";
            }

            case "lone-surrogate":
            {
                var field = StringField(bodyMessage!, random);
                var raw = Pick(random, Surrogates);
                if (random.Next(5) == 0)
                {
                    d.Text = $"{{{raw}:\"x\"}}";
                    return $"key {raw}";
                }

                d.Text = Splice(d.Body!, field, field.IsRepeated ? $"[{raw}]" : raw);
                return $"{field.JsonName}={raw}";
            }

            case "utf16-body":
            {
                var variant = random.Next(6);
                var text = d.Body!.ToJsonString();
                byte[] utf16 = variant is 1 ? Encoding.BigEndianUnicode.GetBytes(text) : Encoding.Unicode.GetBytes(text);
                (byte[] Bytes, string Type) chosen = variant switch
                {
                    0 => (utf16, "application/json; charset=utf-16"),
                    1 => (utf16, "application/json; charset=utf-16BE"),
                    2 => ([0xFF, 0xFE, .. utf16], "application/json; charset=utf-16"),
                    3 => (utf16[..^1], "application/json; charset=utf-16"),
                    4 => ([.. utf16[..^4], 0x00, 0xD8, .. utf16[^4..]], "application/json; charset=utf-16"),
                    _ => (utf16, "application/json"),
                };
                (d.Bytes, d.ContentType) = chosen;
                return $"variant {variant}";
            }

            case "deep-nesting":
            {
                var depth = Pick(random, [63, 64, 65, 200, 1_000, 10_000, 100_000]);
                var raw = random.Next(3) switch
                {
                    0 => new string('[', depth) + new string(']', depth),
                    1 => new string('[', depth),
                    _ => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth),
                };
                var field = AnyField(bodyMessage!, random);
                d.Text = random.Next(4) == 0 ? raw : Splice(d.Body!, field, raw);
                return $"{depth} levels at {field.JsonName}";
            }

            case "huge-number" or "wrong-type":
            {
                var field = AnyField(bodyMessage!, random);
                var raw = Pick(random, mutation == "huge-number" ? HugeNumbers : WrongTypes);
                if (field.IsRepeated && random.Next(2) == 0)
                {
                    raw = $"[{raw}]";
                }

                d.Text = Splice(d.Body!, field, raw, random.Next(3) == 0);
                return $"{field.JsonName}={JsonSerializedClip(raw)}";
            }

            case "unknown-field":
            {
                var name = Pick(random, UnknownNames);
                var raw = Pick(random, WrongTypes);
                var text = d.Body!.ToJsonString();
                d.Text = text == "{}" ? $"{{\"{name}\":{raw}}}" : $"{text[..^1]},\"{name}\":{raw}}}";
                return $"\"{name}\"";
            }

            case "duplicate-key":
            {
                var text = d.Body!.ToJsonString();
                var key = d.Body.Select(p => p.Key).ElementAt(random.Next(d.Body.Count));
                d.Text = $"{text[..^1]},\"{key}\":{Pick(random, WrongTypes)}}}";
                return key;
            }

            case "long-string":
            {
                var field = StringField(bodyMessage!, random);
                var length = random.Next(10) == 0 ? 1_000_000 : Pick(random, [1_000, 10_000, 100_000]);
                var unit = Pick(random, ["a", "é", "☃", "😀", "\u0301", "\u202e", "\\u0000", " ", "\\n", "\\\"", "<script>", "%00"]);
                var value = new StringBuilder(length + 16).Append('"');
                while (value.Length < length)
                {
                    value.Append(unit);
                }

                var raw = value.Append('"').ToString();
                d.Text = random.Next(4) == 0 && field.IsRepeated
                    ? Splice(d.Body!, field, "[" + string.Join(',', Enumerable.Repeat("\"x\"", 10_000)) + "]")
                    : Splice(d.Body!, field, field.IsRepeated ? $"[{raw}]" : raw);
                return $"{field.JsonName}: {length} x '{unit}'";
            }

            case "truncated":
            {
                var text = d.Body!.ToJsonString();
                var cut = random.Next(text.Length);
                d.Text = text[..cut];
                return $"at {cut}";
            }

            case "empty-body":
                var empty = random.Next(3);
                d.Bytes = empty < 2 ? [] : null;
                d.ContentType = empty == 0 ? "application/json" : null;
                d.Body = null;
                return "";
            case "content-type":
                d.ContentType = random.Next(8) == 0 ? null : Pick(random, ContentTypes);
                return d.ContentType ?? "none";
            case "root-type":
                d.Text = Pick(random, RootBodies);
                return d.Text;
            case "json-syntax":
                d.Text = Pick(random, SyntaxBodies);
                return JsonSerializedClip(d.Text);
            case "query-on-body-route":
                d.Query.Add((Pick(random, ["pageSize", "note", "id", "colour", "updateMask", "title"]), Pick(random, QueryValues)));
                return d.Query[^1].Key;
            case "query-wrong-type" or "query-number-edge":
            {
                var fields = route.Method.InputType.Fields.InDeclarationOrder().Where(f => !route.Variables.Contains(f.Name)).ToList();
                if (fields.Count == 0)
                {
                    d.Query.Add(("x", "1"));
                    return "no query fields";
                }

                var field = Pick(random, fields);
                var name = random.Next(3) == 0 ? field.Name : field.JsonName;
                d.Query.RemoveAll(q => q.Key == field.JsonName || q.Key == field.Name);
                d.Query.Add((name, Pick(random, mutation == "query-wrong-type" ? QueryValues : NumberEdges)));
                return $"{name}={d.Query[^1].Value}";
            }

            case "query-repeated":
            {
                var (key, value) = d.Query.Count > 0 ? Pick(random, d.Query) : ("pageSize", "1");
                var times = Pick(random, [2, 3, 50]);
                for (var i = 1; i < times; i++)
                {
                    d.Query.Add((key, random.Next(2) == 0 ? value : Pick(random, QueryValues)));
                }

                return $"{key} x{times}";
            }

            case "query-unknown":
                d.Query.Add((Pick(random, ["colour", "", "a.b.c", "pageSize.x", "%00", "%FF", "id", "entity_id", "document.title", "%E2%98%83", "&", "$filter"]), "1"));
                return d.Query[^1].Key;
            case "query-odd-chars":
            {
                var value = random.Next(8) == 0 ? new string('q', 4_000) : Pick(random, OddEncoded);
                if (d.Query.Count > 0 && random.Next(2) == 0)
                {
                    var at = random.Next(d.Query.Count);
                    d.Query[at] = (d.Query[at].Key, value);
                }
                else
                {
                    d.Query.Add((Pick(random, ["query", "predictor", "outlet", "pageToken", "ids", "namePrefix", "asOf", "windowEnd"]), value));
                }

                return FuzzRequest.Clip(value, 40);
            }

            case "path-odd":
            {
                if (route.Variables.Count == 0)
                {
                    d.Template = Pick(random, [d.Template + "/", d.Template + "%2F", d.Template + "/extra", d.Template.ToUpperInvariant(), "//" + d.Template.TrimStart('/')]);
                    return d.Template;
                }

                var name = Pick(random, route.Variables);
                var value = random.Next(10) switch
                {
                    0 => new string('x', 4_000),
                    1 => string.Concat(Enumerable.Repeat("%E2%98%83", 600)),
                    2 => Uri.EscapeDataString("ünï☃😀 ɪᴅ"),
                    _ => Pick(random, OddEncoded),
                };
                d.Path[name] = value;
                d.RawPath.Add(name);
                return $"{name}={FuzzRequest.Clip(value, 40)}";
            }

            case "wrong-verb":
                d.Method = Pick(random, Verbs.Where(m => m != route.HttpMethod).ToArray());
                if (d.Method is "DELETE" or "POST")
                {
                    // GET /v1/documents/{id} as DELETE is DeleteDocument: only the victim may go (and the prediction only it may be rejected).
                    foreach (var (name, value) in d.Path.ToList())
                    {
                        d.Path[name] = value == ids.DocumentId ? ids.VictimDocumentId : value == ids.PredictionId ? ids.VictimPredictionId : value;
                    }
                }

                return d.Method;
            case "unexpected-body":
                (d.Text, d.ContentType) = random.Next(3) switch
                {
                    0 => ("{\"pageSize\":\"abc\"}", "application/json"),
                    1 => (new string('[', 10_000), "application/json"),
                    _ => ("\u00ff", "text/plain"),
                };
                return JsonSerializedClip(d.Text);
            default:
                return "";
        }
    }
}
