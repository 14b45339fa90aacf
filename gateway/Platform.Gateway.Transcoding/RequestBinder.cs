using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.Primitives;

namespace Platform.Gateway.Transcoding;

/// <summary>A request the caller got wrong; the message names the parameter or field.</summary>
public sealed class TranscodingException(string message) : Exception(message);

/// <summary>
/// Builds the gRPC request message from a REST call: the JSON body (whole, or into one field), then query
/// parameters ("pageSize=10", "filter.outlet=x", repeated by repetition), then path variables. Everything is
/// assembled as proto3 JSON first so Google.Protobuf's parser does all type conversion and validation.
/// </summary>
public static class RequestBinder
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    public static IMessage Bind(
        TranscodedMethod method, IReadOnlyDictionary<string, string> pathVariables,
        IEnumerable<KeyValuePair<string, StringValues>> query, string? body)
    {
        var input = method.Method.InputType;
        var json = new JsonObject();
        if (!string.IsNullOrWhiteSpace(body))
        {
            if (method.Body.Length == 0)
            {
                throw new TranscodingException($"{method.HttpMethod} {method.Template} takes no request body.");
            }

            JsonNode? parsed;
            try
            {
                parsed = JsonNode.Parse(body);
            }
            catch (JsonException e)
            {
                throw new TranscodingException($"The request body is not valid JSON: {e.Message}");
            }

            if (method.Body == "*")
            {
                json = parsed as JsonObject ?? throw new TranscodingException("The request body must be a JSON object.");
            }
            else
            {
                var field = FindField(input, method.Body) ?? throw new InvalidOperationException($"Body field '{method.Body}' is not in {input.FullName}.");
                json[field.JsonName] = parsed;
            }
        }

        if (method.Body != "*")
        {
            foreach (var (name, values) in query)
            {
                Set(json, input, name, values, what: "query parameter");
            }
        }

        foreach (var (name, value) in pathVariables)
        {
            Set(json, input, name, new StringValues(value), what: "path parameter");
        }

        try
        {
            return Parser.Parse(json.ToJsonString(), input);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new TranscodingException($"The request does not fit {input.Name}: {e.Message}");
        }
        catch (InvalidJsonException e)
        {
            throw new TranscodingException($"The request does not fit {input.Name}: {e.Message}");
        }
    }

    /// <summary>Sets a dotted field path ("filter.outlet") in the JSON being built, typed by the descriptor.</summary>
    private static void Set(JsonObject json, MessageDescriptor message, string path, StringValues values, string what)
    {
        var parts = path.Split('.');
        var node = json;
        var descriptor = message;
        for (var i = 0; i < parts.Length; i++)
        {
            var field = FindField(descriptor, parts[i])
                ?? throw new TranscodingException($"Unknown {what} '{path}': {descriptor.Name} has no field '{parts[i]}'.");
            if (i < parts.Length - 1)
            {
                if (field.FieldType != FieldType.Message || field.IsRepeated || field.IsMap)
                {
                    throw new TranscodingException($"The {what} '{path}' goes through '{parts[i]}', which is not a message field.");
                }

                if (node[field.JsonName] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[field.JsonName] = child;
                }

                node = child;
                descriptor = field.MessageType;
                continue;
            }

            if (field.IsMap || (field.FieldType == FieldType.Message && !IsScalarWellKnown(field.MessageType)))
            {
                throw new TranscodingException($"The {what} '{path}' is a message; send it in the body or set its fields one by one.");
            }

            if (field.IsRepeated)
            {
                var array = new JsonArray();
                foreach (var value in values)
                {
                    array.Add(Scalar(field, value, path, what));
                }

                node[field.JsonName] = array;
            }
            else
            {
                if (values.Count > 1)
                {
                    throw new TranscodingException($"The {what} '{path}' is given {values.Count} times but takes one value.");
                }

                node[field.JsonName] = Scalar(field, values.ToString(), path, what);
            }
        }
    }

    private static JsonValue Scalar(FieldDescriptor field, string? value, string path, string what)
    {
        value ??= "";
        switch (field.FieldType)
        {
            case FieldType.Bool:
                return value switch
                {
                    "true" or "True" or "1" => JsonValue.Create(true),
                    "false" or "False" or "0" or "" => JsonValue.Create(false),
                    _ => throw new TranscodingException($"The {what} '{path}' must be true or false, not '{value}'."),
                };
            case FieldType.Double or FieldType.Float:
                return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? JsonValue.Create(number)
                    : throw new TranscodingException($"The {what} '{path}' must be a number, not '{value}'.");
            default:
                // Integers (as strings, which proto3 JSON accepts for every width), enums by name or number,
                // strings, bytes (base64) and scalar well-known types (Timestamp, Duration, FieldMask, wrappers).
                return JsonValue.Create(value);
        }
    }

    private static bool IsScalarWellKnown(MessageDescriptor message) => message.FullName is
        "google.protobuf.Timestamp" or "google.protobuf.Duration" or "google.protobuf.FieldMask"
        or "google.protobuf.StringValue" or "google.protobuf.Int32Value" or "google.protobuf.Int64Value"
        or "google.protobuf.UInt32Value" or "google.protobuf.UInt64Value" or "google.protobuf.BoolValue"
        or "google.protobuf.DoubleValue" or "google.protobuf.FloatValue";

    /// <summary>A field by its proto name ("page_size") or its JSON name ("pageSize").</summary>
    public static FieldDescriptor? FindField(MessageDescriptor message, string name) =>
        message.FindFieldByName(name) ?? message.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == name);
}
