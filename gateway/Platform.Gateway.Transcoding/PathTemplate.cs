namespace Platform.Gateway.Transcoding;

/// <summary>
/// A google.api.http path template: literal segments, variables ("{id}", "{document.id}", "{name=*}",
/// "{path=**}") and an optional ":verb" on the last segment. Variables bind to request fields.
/// </summary>
public sealed class PathTemplate
{
    private readonly Segment[] _segments;

    private PathTemplate(string text, Segment[] segments, string? verb)
    {
        Text = text;
        _segments = segments;
        Verb = verb;
    }

    public string Text { get; }

    public string? Verb { get; }

    /// <summary>Field paths bound by the template's variables, in order.</summary>
    public IEnumerable<string> Variables => _segments.Where(s => s.Variable is not null).Select(s => s.Variable!);

    private sealed record Segment(string? Literal, string? Variable, bool MatchesRest);

    public static PathTemplate Parse(string template)
    {
        if (!template.StartsWith('/'))
        {
            throw new FormatException($"The path template '{template}' does not start with '/'.");
        }

        var path = template[1..];
        string? verb = null;
        var lastSlash = path.LastIndexOf('/');
        var lastBrace = path.LastIndexOf('}');
        var colon = path.LastIndexOf(':');
        if (colon > lastSlash && colon > lastBrace)
        {
            verb = path[(colon + 1)..];
            path = path[..colon];
        }

        var segments = new List<Segment>();
        foreach (var part in SplitOutsideBraces(path))
        {
            if (part.StartsWith('{') && part.EndsWith('}'))
            {
                var inner = part[1..^1];
                var equals = inner.IndexOf('=', StringComparison.Ordinal);
                var field = equals < 0 ? inner : inner[..equals];
                var pattern = equals < 0 ? "*" : inner[(equals + 1)..];
                if (pattern is not ("*" or "**"))
                {
                    throw new FormatException($"The path template '{template}' uses the pattern '{pattern}', which the gateway does not support.");
                }

                segments.Add(new Segment(null, field, pattern == "**"));
            }
            else
            {
                segments.Add(new Segment(part, null, false));
            }
        }

        return new PathTemplate(template, [.. segments], verb);
    }

    private static List<string> SplitOutsideBraces(string path)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < path.Length; i++)
        {
            depth += path[i] == '{' ? 1 : path[i] == '}' ? -1 : 0;
            if (path[i] == '/' && depth == 0)
            {
                parts.Add(path[start..i]);
                start = i + 1;
            }
        }

        parts.Add(path[start..]);
        return parts;
    }

    /// <summary>Matches a request path; on success the variables hold percent-decoded values.</summary>
    public bool TryMatch(string requestPath, out Dictionary<string, string> variables)
    {
        variables = [];
        if (!requestPath.StartsWith('/'))
        {
            return false;
        }

        var path = requestPath[1..];
        if (Verb is not null)
        {
            if (!path.EndsWith(":" + Verb, StringComparison.Ordinal))
            {
                return false;
            }

            path = path[..^(Verb.Length + 1)];
        }

        var parts = path.Split('/');
        var last = _segments[^1];
        if (parts.Length != _segments.Length && !(last.MatchesRest && parts.Length >= _segments.Length))
        {
            return false;
        }

        for (var i = 0; i < _segments.Length; i++)
        {
            var segment = _segments[i];
            if (segment.Literal is not null)
            {
                if (!string.Equals(segment.Literal, parts[i], StringComparison.Ordinal))
                {
                    return false;
                }

                continue;
            }

            var value = segment.MatchesRest ? string.Join('/', parts[i..]) : parts[i];
            // A verb-less template must not take "x:verb" as a value meant for another method.
            if (value.Length == 0 || (Verb is null && !segment.MatchesRest && value.Contains(':', StringComparison.Ordinal)))
            {
                return false;
            }

            variables[segment.Variable!] = Uri.UnescapeDataString(value);
        }

        return true;
    }

    public override string ToString() => Text;
}
