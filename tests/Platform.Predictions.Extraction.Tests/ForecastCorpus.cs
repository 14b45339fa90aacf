using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Predictions.Extraction.Tests;

/// <summary>A document of the forecast corpus (see Corpus/GUIDELINES.md): header, plain body, gold sentences.</summary>
internal sealed record ForecastDocument(string Name, DateOnly Published, string Author, string Outlet, string Body, IReadOnlyList<GoldSentence> Sentences);

/// <summary>A gold sentence: a forecast with its fields, or a marked non-forecast.</summary>
internal sealed record GoldSentence(int Start, int End, bool IsForecast, string? Predictor, bool Attributed, ProbabilityBand? Band, DateOnly? Deadline);

internal static partial class ForecastCorpus
{
    public static IReadOnlyList<ForecastDocument> Load(string part)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Corpus", part);
        return Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal).Select(f => Parse(Path.GetFileName(f), File.ReadAllText(f))).ToList();
    }

    public static ForecastDocument Parse(string name, string file)
    {
        var text = file.Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var header = text[..split].Split('\n').Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        var annotated = text[(split + 2)..];
        var published = DateOnly.ParseExact(header["published"], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var body = new StringBuilder(annotated.Length);
        var sentences = new List<GoldSentence>();
        var position = 0;
        foreach (Match match in Markup().Matches(annotated))
        {
            body.Append(annotated, position, match.Index - position);
            var parts = match.Groups["inner"].Value.Split('|');
            var sentence = parts[^1];
            var start = body.Length;
            body.Append(sentence);
            if (parts[0] == "N")
            {
                sentences.Add(new GoldSentence(start, body.Length, false, null, false, null, null));
            }
            else
            {
                var fields = parts[1..^1].Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
                sentences.Add(new GoldSentence(start, body.Length, true, fields["by"], fields["attributed"] == "yes", ParseBand(name, fields["band"]),
                    fields["deadline"] == "none" ? null : DateOnly.ParseExact(fields["deadline"], "yyyy-MM-dd", CultureInfo.InvariantCulture)));
            }

            position = match.Index + match.Length;
        }

        body.Append(annotated, position, annotated.Length - position);
        return new ForecastDocument(name, published, header["author"], header.GetValueOrDefault("outlet", ""), body.ToString(), sentences);
    }

    private static ProbabilityBand ParseBand(string name, string band) => band switch
    {
        "remote" => ProbabilityBand.Remote,
        "very-unlikely" => ProbabilityBand.VeryUnlikely,
        "unlikely" => ProbabilityBand.Unlikely,
        "even" => ProbabilityBand.Even,
        "may" => ProbabilityBand.May,
        "likely" => ProbabilityBand.Likely,
        "very-likely" => ProbabilityBand.VeryLikely,
        "will" => ProbabilityBand.Will,
        "certain" => ProbabilityBand.Certain,
        _ => throw new FormatException($"{name}: unknown band '{band}'"),
    };

    [GeneratedRegex(@"\{\{(?<inner>[FN]\|[^{}]*)\}\}")]
    private static partial Regex Markup();
}
