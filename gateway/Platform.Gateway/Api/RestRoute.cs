using System.Text.RegularExpressions;
using Google.Api;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Routing.Template;

namespace Platform.Gateway.Api;

/// <summary>
/// One REST binding of a gRPC method, from its google.api.http rule (additional_bindings included). The gateway
/// does not transcode — each service does — but it needs the binding to know which method a JSON call is, for
/// the role it needs, the service (and so the cluster) that answers it, and /openapi.json.
/// </summary>
public sealed partial record RestRoute(MethodDescriptor Method, string HttpMethod, string Template, string Body)
{
    /// <summary>"/package.Service/Method", the gRPC method the service runs for this route.</summary>
    public string GrpcPath { get; } = $"/{Method.Service.FullName}/{Method.Name}";

    /// <summary>The path variables as the template names them ("id", "document.id").</summary>
    public IReadOnlyList<string> Variables { get; } = [.. VariablePattern().Matches(Template).Select(m => m.Groups["name"].Value)];

    /// <summary>Literal characters, so "/v1/predictions/{id}:resolve" is preferred to "/v1/predictions/{id}".</summary>
    public int Specificity { get; } = VariablePattern().Replace(Template, "").Length;

    private TemplateMatcher Matcher { get; } = new(TemplateParser.Parse(ToRouteTemplate(Template)), []);

    public bool Matches(PathString path) => Matcher.TryMatch(path, []);

    /// <summary>Every unary method in the files that carries a google.api.http rule.</summary>
    public static List<RestRoute> FromFiles(IEnumerable<FileDescriptor> files)
    {
        var routes = new List<RestRoute>();
        foreach (var method in files.SelectMany(f => f.Services).SelectMany(s => s.Methods))
        {
            var rule = method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);
            if (rule is null)
            {
                continue;
            }

            if (method.IsClientStreaming || method.IsServerStreaming)
            {
                throw new InvalidOperationException($"{method.FullName} streams; only unary methods have REST routes.");
            }

            foreach (var binding in (HttpRule[])[rule, .. rule.AdditionalBindings])
            {
                routes.Add(FromRule(method, binding));
            }
        }

        return routes;
    }

    private static RestRoute FromRule(MethodDescriptor method, HttpRule rule)
    {
        var (verb, path) = rule.PatternCase switch
        {
            HttpRule.PatternOneofCase.Get => ("GET", rule.Get),
            HttpRule.PatternOneofCase.Post => ("POST", rule.Post),
            HttpRule.PatternOneofCase.Put => ("PUT", rule.Put),
            HttpRule.PatternOneofCase.Patch => ("PATCH", rule.Patch),
            HttpRule.PatternOneofCase.Delete => ("DELETE", rule.Delete),
            HttpRule.PatternOneofCase.Custom => (rule.Custom.Kind, rule.Custom.Path),
            _ => throw new InvalidOperationException($"{method.FullName} has a google.api.http rule without a pattern."),
        };
        return new RestRoute(method, verb, path, rule.Body);
    }

    /// <summary>
    /// "/v1/entities/{entity_id}:merge" becomes the ASP.NET Core template "v1/entities/{v0}:merge" (a complex
    /// segment); "{name=**}" a catch-all. Only matching matters here: the service binds the values.
    /// </summary>
    private static string ToRouteTemplate(string template)
    {
        var index = 0;
        return VariablePattern().Replace(template.TrimStart('/'), m => m.Groups["pattern"].Value == "**" ? $"{{**v{index++}}}" : $"{{v{index++}}}");
    }

    [GeneratedRegex(@"\{(?<name>[^}=]+)(=(?<pattern>[^}]*))?\}")]
    private static partial Regex VariablePattern();
}
