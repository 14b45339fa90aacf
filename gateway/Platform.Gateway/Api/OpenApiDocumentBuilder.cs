using System.Text.Json.Nodes;
using Google.Protobuf.Reflection;
using Platform.Gateway.Security;

namespace Platform.Gateway.Api;

/// <summary>
/// An OpenAPI 3.0 document for the REST routes, generated from the same descriptors and annotations the
/// gateway routes by, so it cannot drift from what the gateway serves. Schemas follow the proto3 JSON mapping.
/// </summary>
public static class OpenApiDocumentBuilder
{
    public static JsonObject Build(RestRouteTable table, Func<RestRoute, MethodAccess> access, string title, string version)
    {
        var schemas = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var paths = new JsonObject();
        foreach (var group in table.Routes.GroupBy(OpenApiPath).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var item = new JsonObject();
            foreach (var method in group.OrderBy(m => m.HttpMethod, StringComparer.Ordinal))
            {
                item[method.HttpMethod.ToLowerInvariant()] = Operation(method, access(method), schemas);
            }

            paths[group.Key] = item;
        }

        var components = new JsonObject
        {
            ["schemas"] = new JsonObject(schemas.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))),
            ["securitySchemes"] = new JsonObject
            {
                ["apiKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "x-api-key" },
                ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" },
            },
        };
        components["schemas"]!["Error"] = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["code"] = new JsonObject { ["type"] = "integer", ["description"] = "The gRPC status code." },
                ["status"] = new JsonObject { ["type"] = "string", ["example"] = "NOT_FOUND" },
                ["message"] = new JsonObject { ["type"] = "string" },
            },
        };

        return new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject { ["title"] = title, ["version"] = version },
            ["paths"] = paths,
            ["components"] = components,
        };
    }

    /// <summary>"/v1/predictions/{id}:resolve" stays as is; "{name=**}" becomes "{name}".</summary>
    private static string OpenApiPath(RestRoute route)
    {
        var text = route.Template;
        foreach (var variable in route.Variables)
        {
            text = text.Replace("{" + variable + "=**}", "{" + variable + "}", StringComparison.Ordinal)
                .Replace("{" + variable + "=*}", "{" + variable + "}", StringComparison.Ordinal);
        }

        return text;
    }

    private static JsonObject Operation(RestRoute method, MethodAccess access, SortedDictionary<string, JsonNode> schemas)
    {
        var input = method.Method.InputType;
        var parameters = new JsonArray();
        var bound = new HashSet<string>(method.Variables, StringComparer.Ordinal);
        foreach (var variable in method.Variables)
        {
            parameters.Add(new JsonObject
            {
                ["name"] = variable,
                ["in"] = "path",
                ["required"] = true,
                ["schema"] = new JsonObject { ["type"] = "string" },
            });
        }

        if (method.Body != "*")
        {
            foreach (var (name, field) in QueryFields(input, "", bound, method.Body, depth: 0))
            {
                parameters.Add(new JsonObject { ["name"] = name, ["in"] = "query", ["schema"] = FieldSchema(field, schemas) });
            }
        }

        var operation = new JsonObject
        {
            ["operationId"] = method.Method.Name,
            ["tags"] = new JsonArray(method.Method.Service.Name),
            ["summary"] = $"{method.Method.Service.Name}.{method.Method.Name}",
            ["x-grpc-method"] = method.GrpcPath,
            ["x-required-role"] = access.Role,
            ["parameters"] = parameters,
            ["responses"] = new JsonObject
            {
                ["200"] = Content("OK", MessageRef(method.Method.OutputType, schemas)),
                ["default"] = Content("An error, with the gRPC status mapped to the HTTP status.", new JsonObject { ["$ref"] = "#/components/schemas/Error" }),
            },
            ["security"] = access.Public
                ? new JsonArray(new JsonObject(), new JsonObject { ["apiKey"] = new JsonArray() }, new JsonObject { ["bearer"] = new JsonArray() })
                : new JsonArray(new JsonObject { ["apiKey"] = new JsonArray() }, new JsonObject { ["bearer"] = new JsonArray() }),
        };
        if (method.Body.Length > 0)
        {
            var bodySchema = method.Body == "*"
                ? MessageRef(input, schemas)
                : FieldSchema(FindField(input, method.Body), schemas);
            operation["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = bodySchema } },
            };
        }

        return operation;
    }

    private static FieldDescriptor FindField(MessageDescriptor message, string name) =>
        message.FindFieldByName(name) ?? throw new InvalidOperationException($"Body field '{name}' is not in {message.FullName}.");

    private static JsonObject Content(string description, JsonNode schema) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema } },
    };

    private static IEnumerable<(string Name, FieldDescriptor Field)> QueryFields(
        MessageDescriptor message, string prefix, HashSet<string> bound, string body, int depth)
    {
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            var path = prefix + field.Name;
            if (bound.Contains(path) || path == body || field.IsMap)
            {
                continue;
            }

            if (field.FieldType == FieldType.Message && !IsScalarMessage(field.MessageType))
            {
                if (!field.IsRepeated && depth < 2)
                {
                    foreach (var nested in QueryFields(field.MessageType, path + ".", bound, body, depth + 1))
                    {
                        yield return nested;
                    }
                }

                continue;
            }

            yield return (prefix.Length == 0 ? field.JsonName : prefix + field.JsonName, field);
        }
    }

    private static bool IsScalarMessage(MessageDescriptor message) => message.FullName.StartsWith("google.protobuf.", StringComparison.Ordinal)
        && message.FullName is not ("google.protobuf.Struct" or "google.protobuf.Any" or "google.protobuf.Empty");

    private static JsonObject MessageRef(MessageDescriptor message, SortedDictionary<string, JsonNode> schemas)
    {
        if (!schemas.ContainsKey(message.FullName))
        {
            schemas[message.FullName] = new JsonObject(); // placeholder, so recursive messages terminate
            var properties = new JsonObject();
            foreach (var field in message.Fields.InDeclarationOrder())
            {
                properties[field.JsonName] = FieldSchema(field, schemas);
            }

            schemas[message.FullName] = new JsonObject { ["type"] = "object", ["properties"] = properties };
        }

        return new JsonObject { ["$ref"] = "#/components/schemas/" + message.FullName };
    }

    private static JsonObject FieldSchema(FieldDescriptor field, SortedDictionary<string, JsonNode> schemas)
    {
        if (field.IsMap)
        {
            var value = field.MessageType.FindFieldByNumber(2);
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = SingleSchema(value, schemas) };
        }

        var single = SingleSchema(field, schemas);
        return field.IsRepeated ? new JsonObject { ["type"] = "array", ["items"] = single } : single;
    }

    private static JsonObject SingleSchema(FieldDescriptor field, SortedDictionary<string, JsonNode> schemas) => field.FieldType switch
    {
        FieldType.String => new JsonObject { ["type"] = "string" },
        FieldType.Bytes => new JsonObject { ["type"] = "string", ["format"] = "byte" },
        FieldType.Bool => new JsonObject { ["type"] = "boolean" },
        FieldType.Double or FieldType.Float => new JsonObject { ["type"] = "number" },
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 or FieldType.UInt32 or FieldType.Fixed32 =>
            new JsonObject { ["type"] = "integer", ["format"] = "int32" },
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 or FieldType.UInt64 or FieldType.Fixed64 =>
            new JsonObject { ["type"] = "string", ["format"] = "int64" },
        FieldType.Enum => new JsonObject
        {
            ["type"] = "string",
            ["enum"] = new JsonArray(field.EnumType.Values.Select(v => (JsonNode?)JsonValue.Create(v.Name)).ToArray()),
        },
        FieldType.Message => field.MessageType.FullName switch
        {
            "google.protobuf.Timestamp" => new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            "google.protobuf.Duration" => new JsonObject { ["type"] = "string", ["example"] = "1.5s" },
            "google.protobuf.FieldMask" => new JsonObject { ["type"] = "string", ["example"] = "title,labels" },
            "google.protobuf.Empty" => new JsonObject { ["type"] = "object" },
            _ => MessageRef(field.MessageType, schemas),
        },
        _ => new JsonObject(),
    };
}
