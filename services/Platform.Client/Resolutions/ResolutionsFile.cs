using System.Globalization;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Platform.Predictions.V1;

namespace Platform.Client.Resolutions;

/// <summary>One line of a resolutions file: the request it asks for, or why it cannot be read. Line numbers count from 1.</summary>
public sealed record ResolutionsFileLine(int Line, ResolvePredictionRequest? Request, string? Error);

/// <summary>
/// Reads a file of resolutions for ImportResolutions: CSV with a header row, or JSON lines, with the fields
/// id, outcome (true, false, partial, annulled), fraction (0–1, PARTIAL only), note, evidence_url and resolved
/// (yyyy-mm-dd). Every line is returned: the readable ones as requests, the others with the reason, so a caller
/// can send the good ones and report the bad ones by line number. The server still judges what it receives
/// (an unknown id, a fraction on a TRUE outcome…).
/// </summary>
public static class ResolutionsFile
{
    public static readonly IReadOnlyList<string> Fields = ["id", "outcome", "fraction", "note", "evidence_url", "resolved"];

    /// <summary>Whether the file's extension names a format this reader knows (.csv, .jsonl, .json).</summary>
    public static bool IsSupported(string path) => Path.GetExtension(path).ToLowerInvariant() is ".csv" or ".jsonl" or ".json";

    public static async Task<IReadOnlyList<ResolutionsFileLine>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => ParseCsv(text),
            ".jsonl" or ".json" => ParseJsonLines(text),
            _ => throw new NotSupportedException($"{path}: a resolutions file is .csv or .jsonl (.json), not '{Path.GetExtension(path)}'"),
        };
    }

    public static IReadOnlyList<ResolutionsFileLine> ParseCsv(string text)
    {
        var lines = new List<ResolutionsFileLine>();
        string[]? header = null;
        foreach (var record in CsvReader.Read(text))
        {
            if (header is null)
            {
                if (record.Error is not null)
                {
                    return [new ResolutionsFileLine(record.Line, null, "header: " + record.Error)];
                }

                header = [.. record.Fields.Select(f => f.Trim().ToLowerInvariant())];
                var problem = HeaderProblem(header);
                if (problem is not null)
                {
                    return [new ResolutionsFileLine(record.Line, null, "header: " + problem)];
                }

                continue;
            }

            if (record.Error is not null)
            {
                lines.Add(new ResolutionsFileLine(record.Line, null, record.Error));
            }
            else if (record.Fields.Count != header.Length)
            {
                lines.Add(new ResolutionsFileLine(record.Line, null, $"{record.Fields.Count} fields where the header has {header.Length}"));
            }
            else
            {
                var values = new Dictionary<string, string?>(StringComparer.Ordinal);
                for (var i = 0; i < header.Length; i++)
                {
                    values[header[i]] = record.Fields[i];
                }

                lines.Add(Build(record.Line, values));
            }
        }

        return lines;
    }

    public static IReadOnlyList<ResolutionsFileLine> ParseJsonLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<ResolutionsFileLine>();
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            lines.Add(ParseJsonLine(number, line));
        }

        return lines;
    }

    private static ResolutionsFileLine ParseJsonLine(int number, string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new ResolutionsFileLine(number, null, "not a JSON object");
            }

            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (!Fields.Contains(property.Name))
                {
                    return new ResolutionsFileLine(number, null, $"unknown field '{property.Name}' (known: {string.Join(", ", Fields)})");
                }

                values[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetRawText(),
                    JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                    JsonValueKind.Null => null,
                    _ => throw new FormatException($"{property.Name}: expected a string or a number"),
                };
            }

            return Build(number, values);
        }
        catch (JsonException e)
        {
            return new ResolutionsFileLine(number, null, "not valid JSON: " + e.Message);
        }
        catch (FormatException e)
        {
            return new ResolutionsFileLine(number, null, e.Message);
        }
    }

    private static string? HeaderProblem(string[] header)
    {
        if (header.FirstOrDefault(h => !Fields.Contains(h)) is { } unknown)
        {
            return $"unknown column '{unknown}' (known: {string.Join(", ", Fields)})";
        }

        if (header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            return $"column '{repeated.Key}' appears twice";
        }

        return header.Contains("id") && header.Contains("outcome") ? null : "the columns id and outcome are required";
    }

    private static ResolutionsFileLine Build(int number, Dictionary<string, string?> values)
    {
        try
        {
            var request = Request(
                values.GetValueOrDefault("id"), values.GetValueOrDefault("outcome"), values.GetValueOrDefault("fraction"),
                values.GetValueOrDefault("note"), values.GetValueOrDefault("evidence_url"), values.GetValueOrDefault("resolved"));
            return new ResolutionsFileLine(number, request, null);
        }
        catch (FormatException e)
        {
            return new ResolutionsFileLine(number, null, e.Message);
        }
    }

    /// <summary>A resolution from text values, as a person writes them; <see cref="FormatException"/> names the bad field.</summary>
    public static ResolvePredictionRequest Request(string? id, string? outcome, string? fraction, string? note, string? evidenceUrl, string? resolved)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new FormatException("id: missing");
        }

        var request = new ResolvePredictionRequest
        {
            Id = id.Trim(),
            Outcome = ParseOutcome(outcome),
            Note = note?.Trim() ?? "",
            EvidenceUrl = evidenceUrl?.Trim() ?? "",
        };
        if (!string.IsNullOrWhiteSpace(fraction))
        {
            if (!double.TryParse(fraction.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < 0 or > 1 || double.IsNaN(value))
            {
                throw new FormatException($"fraction: '{fraction.Trim()}' is not a number between 0 and 1");
            }

            request.Fraction = value;
        }

        if (!string.IsNullOrWhiteSpace(resolved))
        {
            request.ResolvedTime = Timestamp.FromDateTime(ParseDay(resolved.Trim(), "resolved").ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        }

        return request;
    }

    /// <summary>true, false, partial or annulled, in any case.</summary>
    public static Outcome ParseOutcome(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "TRUE" => Outcome.True,
        "FALSE" => Outcome.False,
        "PARTIAL" => Outcome.Partial,
        "ANNULLED" => Outcome.Annulled,
        null or "" => throw new FormatException("outcome: missing (true, false, partial or annulled)"),
        _ => throw new FormatException($"outcome: '{text.Trim()}' is not true, false, partial or annulled"),
    };

    /// <summary>A yyyy-mm-dd date; <see cref="FormatException"/> names <paramref name="field"/>.</summary>
    public static DateOnly ParseDay(string text, string field) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new FormatException($"{field}: '{text}' is not a date in the form yyyy-mm-dd");
}
