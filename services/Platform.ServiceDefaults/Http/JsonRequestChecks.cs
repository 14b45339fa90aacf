using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Google.Api;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// What JSON transcoding lets through silently and the platform refuses, naming the parameter or field: query
/// parameters that are no field of the request (or that the path or body already gives), values that do not parse,
/// and body fields the message does not have. Each check returns the problem, or null when there is none.
/// </summary>
internal static partial class JsonRequestChecks
{
    public static string? CheckQuery(IQueryCollection query, MethodDescriptor method, HttpRule rule)
    {
        if (query.Count == 0)
        {
            return null;
        }

        var pathVariables = PathVariables(rule);
        foreach (var (key, values) in query)
        {
            if (rule.Body == "*")
            {
                return $"Unknown query parameter '{key}': {method.Name} takes its fields in the JSON body, not in the query string.";
            }

            var problem = CheckQueryParameter(key, values, method.InputType, rule.Body, pathVariables);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? CheckQueryParameter(string key, StringValues values, MessageDescriptor input, string body, HashSet<string> pathVariables)
    {
        var parts = key.Split('.');
        var descriptor = input;
        var protoPath = new List<string>();
        FieldDescriptor? field = null;
        for (var i = 0; i < parts.Length; i++)
        {
            field = FindField(descriptor, parts[i]);
            if (field is null)
            {
                return $"Unknown query parameter '{key}': {descriptor.Name} has no field '{parts[i]}'.";
            }

            protoPath.Add(field.Name);
            if (i < parts.Length - 1)
            {
                if (field.FieldType != FieldType.Message || field.IsRepeated || field.IsMap || IsWellKnown(field.MessageType))
                {
                    return $"The query parameter '{key}' goes through '{parts[i]}', which is not a message field.";
                }

                descriptor = field.MessageType;
            }
        }

        var path = string.Join('.', protoPath);
        if (pathVariables.Contains(path))
        {
            return $"The query parameter '{key}' is already given by the path.";
        }

        if (body.Length > 0 && (path == body || path.StartsWith(body + ".", StringComparison.Ordinal)))
        {
            return $"The query parameter '{key}' belongs in the JSON body.";
        }

        if (field!.IsMap || (field.FieldType == FieldType.Message && !IsScalarWellKnown(field.MessageType)))
        {
            return $"The query parameter '{key}' is a message; set its fields one by one ('{key}.name').";
        }

        if (!field.IsRepeated && values.Count > 1)
        {
            return $"The query parameter '{key}' is given {values.Count} times but takes one value.";
        }

        foreach (var value in values)
        {
            if (CheckScalar(field, value ?? "") is { } expected)
            {
                return $"The query parameter '{key}' must be {expected}, not '{value}'.";
            }
        }

        return null;
    }

    /// <summary>What the value should have been, when it does not parse as transcoding will parse it; null when it does.</summary>
    private static string? CheckScalar(FieldDescriptor field, string value)
    {
        const NumberStyles Integer = NumberStyles.Integer;
        var invariant = CultureInfo.InvariantCulture;
        return field.FieldType switch
        {
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => int.TryParse(value, Integer, invariant, out _) ? null : "an integer",
            FieldType.UInt32 or FieldType.Fixed32 => uint.TryParse(value, Integer, invariant, out _) ? null : "a non-negative integer",
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => long.TryParse(value, Integer, invariant, out _) ? null : "an integer",
            FieldType.UInt64 or FieldType.Fixed64 => ulong.TryParse(value, Integer, invariant, out _) ? null : "a non-negative integer",
            FieldType.Double or FieldType.Float =>
                double.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, invariant, out _) ? null : "a number",
            FieldType.Bool => bool.TryParse(value, out _) ? null : "true or false",
            FieldType.Enum => IsEnumValue(field.EnumType, value) ? null : "one of " + string.Join(", ", field.EnumType.Values.Select(v => v.Name)),
            FieldType.Message when field.MessageType.Fields.InDeclarationOrder() is [{ Name: "value" } wrapped] && IsWellKnown(field.MessageType) =>
                CheckScalar(wrapped, value),
            FieldType.Message => TimeFormat(field.MessageType) is { } format && !Parses(field.MessageType, value) ? format : null,
            _ => null,
        };
    }

    /// <summary>What a Timestamp or Duration must look like; null for other messages.</summary>
    private static string? TimeFormat(MessageDescriptor message) => message.FullName switch
    {
        "google.protobuf.Timestamp" => "an RFC 3339 time such as 2026-03-02T00:00:00Z",
        "google.protobuf.Duration" => "a duration in seconds such as 1.5s",
        _ => null,
    };

    /// <summary>Whether Google.Protobuf reads the string as the (Timestamp or Duration) message, as transcoding will.</summary>
    private static bool Parses(MessageDescriptor message, string value)
    {
        try
        {
            JsonParser.Default.Parse(JsonSerializer.Serialize(value), message);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }

    private static bool IsEnumValue(EnumDescriptor type, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? type.FindValueByNumber(number) is not null
            : type.FindValueByName(value) is not null;

    /// <summary>Checks a JSON body against the message it is read into: the whole request, or the rule's body field.</summary>
    public static string? CheckBody(JsonElement json, MethodDescriptor method, HttpRule rule)
    {
        if (rule.Body == "*")
        {
            return CheckMessage(json, method.InputType, "");
        }

        var field = method.InputType.FindFieldByName(rule.Body);
        return field is null ? null : CheckField(json, field, "");
    }

    private static string? CheckMessage(JsonElement json, MessageDescriptor message, string path)
    {
        if (json.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        // google.protobuf types have JSON forms of their own: wrappers are their value, Timestamp and Duration strings.
        if (IsWellKnown(message))
        {
            if (message.Name.EndsWith("Value", StringComparison.Ordinal) && message.Fields.InDeclarationOrder() is [{ Name: "value" } value])
            {
                return CheckSingle(json, value, path);
            }

            return TimeFormat(message) is { } format && (json.ValueKind != JsonValueKind.String || !Parses(message, json.GetString()!))
                ? Expected(path, format, json)
                : null;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            return Expected(path, "a JSON object", json);
        }

        foreach (var property in json.EnumerateObject())
        {
            var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            var field = FindField(message, property.Name);
            if (field is null)
            {
                return $"Unknown field '{at}' in the request body: {message.Name} has no field '{property.Name}'.";
            }

            if (CheckField(property.Value, field, at) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? CheckField(JsonElement json, FieldDescriptor field, string path)
    {
        if (json.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (field.IsMap)
        {
            if (json.ValueKind != JsonValueKind.Object)
            {
                return Expected(path, "a JSON object", json);
            }

            var valueField = field.MessageType.FindFieldByNumber(2);
            foreach (var entry in json.EnumerateObject())
            {
                if (CheckSingle(entry.Value, valueField, $"{path}.{entry.Name}") is { } problem)
                {
                    return problem;
                }
            }

            return null;
        }

        if (field.IsRepeated)
        {
            if (json.ValueKind != JsonValueKind.Array)
            {
                return Expected(path, "a JSON array", json);
            }

            var index = 0;
            foreach (var item in json.EnumerateArray())
            {
                var at = $"{path}[{index++}]";
                if (item.ValueKind == JsonValueKind.Null)
                {
                    return $"The request body field '{at}' is null; a list cannot hold nulls.";
                }

                if (CheckSingle(item, field, at) is { } problem)
                {
                    return problem;
                }
            }

            return null;
        }

        return CheckSingle(json, field, path);
    }

    /// <summary>One value against its field, accepting what transcoding's reader accepts (numbers as JSON numbers; 64-bit integers also as strings).</summary>
    private static string? CheckSingle(JsonElement json, FieldDescriptor field, string path)
    {
        var kind = json.ValueKind;
        if (field.FieldType == FieldType.String && kind == JsonValueKind.String && !IsText(json))
        {
            return $"The request body field '{path}' holds half of a UTF-16 surrogate pair (such as \\ud800 alone): send whole characters.";
        }

        var fits = field.FieldType switch
        {
            FieldType.Message or FieldType.Group => null,
            FieldType.String => kind == JsonValueKind.String ? "" : "a string",
            FieldType.Bytes => kind == JsonValueKind.String && IsBase64(json.GetString()!) ? "" : "a base64 string",
            FieldType.Bool => kind is JsonValueKind.True or JsonValueKind.False ? "" : "true or false",
            FieldType.Enum => (kind == JsonValueKind.Number && json.TryGetInt32(out _))
                || (kind == JsonValueKind.String && field.EnumType.FindValueByName(json.GetString()!) is not null)
                    ? "" : "one of " + string.Join(", ", field.EnumType.Values.Select(v => v.Name)),
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => kind == JsonValueKind.Number && json.TryGetInt32(out _) ? "" : "an integer",
            FieldType.UInt32 or FieldType.Fixed32 => kind == JsonValueKind.Number && json.TryGetUInt32(out _) ? "" : "a non-negative integer",
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 =>
                (kind == JsonValueKind.Number && json.TryGetInt64(out _))
                || (kind == JsonValueKind.String && long.TryParse(json.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                    ? "" : "an integer",
            FieldType.UInt64 or FieldType.Fixed64 =>
                (kind == JsonValueKind.Number && json.TryGetUInt64(out _))
                || (kind == JsonValueKind.String && ulong.TryParse(json.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                    ? "" : "a non-negative integer",
            _ => kind == JsonValueKind.Number || (kind == JsonValueKind.String && json.GetString() is "NaN" or "Infinity" or "-Infinity")
                ? "" : "a number",
        };
        return fits switch
        {
            null => CheckMessage(json, field.MessageType, path),
            "" => null,
            _ => Expected(path, fits, json),
        };
    }

    /// <summary>A JSON string escape can name half a UTF-16 pair ("\ud800"), which no .NET string reader accepts.</summary>
    private static bool IsText(JsonElement json)
    {
        try
        {
            _ = json.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsBase64(string value) => Convert.TryFromBase64String(value, new byte[value.Length], out _)
        || Convert.TryFromBase64String(value.Replace('-', '+').Replace('_', '/'), new byte[value.Length], out _);

    private static string Expected(string path, string what, JsonElement json)
    {
        var kind = json.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            _ => json.ValueKind.ToString().ToLowerInvariant(),
        };
        return path.Length == 0
            ? $"The request body must be {what}, not {kind}."
            : $"The request body field '{path}' must be {what}, not {kind}.";
    }

    /// <summary>A field by its proto name ("page_size") or its JSON name ("pageSize"), as transcoding accepts both.</summary>
    private static FieldDescriptor? FindField(MessageDescriptor message, string name) =>
        message.FindFieldByName(name) ?? message.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == name);

    private static bool IsWellKnown(MessageDescriptor message) => message.File.Package == "google.protobuf";

    private static bool IsScalarWellKnown(MessageDescriptor message) =>
        IsWellKnown(message) && message.Name is "Timestamp" or "Duration" or "FieldMask" or "StringValue" or "BytesValue"
            or "Int32Value" or "Int64Value" or "UInt32Value" or "UInt64Value" or "BoolValue" or "DoubleValue" or "FloatValue";

    /// <summary>The field paths the rule's URL template binds: "/v1/documents/{document.id}" binds "document.id".</summary>
    private static HashSet<string> PathVariables(HttpRule rule)
    {
        var template = rule.PatternCase switch
        {
            HttpRule.PatternOneofCase.Get => rule.Get,
            HttpRule.PatternOneofCase.Put => rule.Put,
            HttpRule.PatternOneofCase.Post => rule.Post,
            HttpRule.PatternOneofCase.Delete => rule.Delete,
            HttpRule.PatternOneofCase.Patch => rule.Patch,
            HttpRule.PatternOneofCase.Custom => rule.Custom.Path,
            _ => "",
        };
        return [.. Variable().Matches(template).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex(@"\{([^}=]+)")]
    private static partial Regex Variable();
}
