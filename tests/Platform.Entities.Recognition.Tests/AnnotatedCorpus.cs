using System.Text;
using System.Text.RegularExpressions;
using Platform.Entities.Recognition;

namespace Platform.Entities.Recognition.Tests;

/// <summary>A document of the annotated corpus: the plain body and its gold mentions (see Corpus/GUIDELINES.md).</summary>
internal sealed record AnnotatedDocument(string Name, string Body, IReadOnlyList<GoldMention> Mentions);

internal sealed record GoldMention(int Start, int End, EntityKind Kind, string Id, string Text);

internal static partial class AnnotatedCorpus
{
    public static IReadOnlyList<AnnotatedDocument> Load(string part)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Corpus", part);
        return Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal).Select(f => Parse(Path.GetFileName(f), File.ReadAllText(f))).ToList();
    }

    public static AnnotatedDocument Parse(string name, string annotated)
    {
        var body = new StringBuilder(annotated.Length);
        var mentions = new List<GoldMention>();
        var position = 0;
        foreach (Match match in Markup().Matches(annotated))
        {
            body.Append(annotated, position, match.Index - position);
            var surface = match.Groups["text"].Value;
            var kind = match.Groups["type"].Value switch
            {
                "PERSON" => EntityKind.Person,
                "ORG" => EntityKind.Org,
                "GPE" => EntityKind.Gpe,
                "LOC" => EntityKind.Loc,
                "NORP" => EntityKind.Norp,
                "EVENT" => EntityKind.Event,
                var other => throw new FormatException($"{name}: unknown type '{other}' in {match.Value}"),
            };
            mentions.Add(new GoldMention(body.Length, body.Length + surface.Length, kind, match.Groups["id"].Value, surface));
            body.Append(surface);
            position = match.Index + match.Length;
        }

        body.Append(annotated, position, annotated.Length - position);
        var plain = body.ToString();
        if (plain.Contains("[[", StringComparison.Ordinal) || plain.Contains("]]", StringComparison.Ordinal))
        {
            throw new FormatException($"{name}: malformed markup left in the text");
        }

        return new AnnotatedDocument(name, plain, mentions);
    }

    [GeneratedRegex(@"\[\[(?<text>[^\[\]|]+)\|(?<type>[A-Z]+)\|(?<id>[a-z0-9\-]+)\]\]")]
    private static partial Regex Markup();
}
