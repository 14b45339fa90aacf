using Google.Api;
using Google.Protobuf.Reflection;

namespace Platform.Gateway.Transcoding;

/// <summary>One REST binding of a gRPC method, from its google.api.http rule (additional_bindings included).</summary>
public sealed record TranscodedMethod(MethodDescriptor Method, string HttpMethod, PathTemplate Template, string Body)
{
    /// <summary>"/package.Service/Method", the gRPC path the call is sent to.</summary>
    public string GrpcPath { get; } = $"/{Method.Service.FullName}/{Method.Name}";

    /// <summary>Every unary method in the files that carries a google.api.http rule.</summary>
    public static List<TranscodedMethod> FromFiles(IEnumerable<FileDescriptor> files)
    {
        var methods = new List<TranscodedMethod>();
        foreach (var file in files)
        {
            foreach (var service in file.Services)
            {
                foreach (var method in service.Methods)
                {
                    var rule = method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);
                    if (rule is null)
                    {
                        continue;
                    }

                    if (method.IsClientStreaming || method.IsServerStreaming)
                    {
                        throw new InvalidOperationException($"{method.FullName} streams; the gateway transcodes unary methods only.");
                    }

                    foreach (var binding in (HttpRule[])[rule, .. rule.AdditionalBindings])
                    {
                        methods.Add(FromRule(method, binding));
                    }
                }
            }
        }

        return methods;
    }

    private static TranscodedMethod FromRule(MethodDescriptor method, HttpRule rule)
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
        return new TranscodedMethod(method, verb, PathTemplate.Parse(path), rule.Body);
    }
}
