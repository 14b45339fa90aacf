using Google.Protobuf.Reflection;

namespace Platform.Gateway.Transcoding;

/// <summary>The outcome of looking a REST call up: the binding and its path variables, or why there is none.</summary>
public readonly record struct RestMatch(TranscodedMethod? Method, Dictionary<string, string>? Variables, IReadOnlyList<string> AllowedMethods);

/// <summary>Every REST route the protos declare, matched by HTTP method and path.</summary>
public sealed class TranscodingTable
{
    public TranscodingTable(IEnumerable<FileDescriptor> files)
    {
        Methods = TranscodedMethod.FromFiles(files);
        var duplicate = Methods.GroupBy(m => (m.HttpMethod, m.Template.Text)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"{duplicate.Key.HttpMethod} {duplicate.Key.Text} is declared by more than one method: {string.Join(", ", duplicate.Select(m => m.Method.FullName))}.");
        }
    }

    public IReadOnlyList<TranscodedMethod> Methods { get; }

    public RestMatch Match(string httpMethod, string path)
    {
        var allowed = new List<string>();
        foreach (var method in Methods)
        {
            if (!method.Template.TryMatch(path, out var variables))
            {
                continue;
            }

            if (string.Equals(method.HttpMethod, httpMethod, StringComparison.OrdinalIgnoreCase))
            {
                return new RestMatch(method, variables, []);
            }

            allowed.Add(method.HttpMethod);
        }

        return new RestMatch(null, null, allowed);
    }
}
