using System.Globalization;
using Platform.Entities.Recognition.Linking;

namespace Platform.Entities.Recognition.Tests;

/// <summary>
/// Scores the recogniser and linker on annotated documents:
/// - mentions: precision, recall and F1 of (exact span, type);
/// - linking: B-cubed precision, recall and F1 of the cross-document clusters, over the mentions whose span
///   was found (each gold id is a cluster; each linked canonical entity is a system cluster).
/// </summary>
internal sealed record EntityScores(int Gold, int Found, int Correct, double LinkPrecision, double LinkRecall, IReadOnlyList<string> Errors)
{
    public double Precision => Found == 0 ? 0 : (double)Correct / Found;

    public double Recall => Gold == 0 ? 0 : (double)Correct / Gold;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public double LinkF1 => LinkPrecision + LinkRecall == 0 ? 0 : 2 * LinkPrecision * LinkRecall / (LinkPrecision + LinkRecall);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"mentions: gold {Gold}, found {Found}, correct {Correct}; P {Precision:F3} R {Recall:F3} F1 {F1:F3}; linking (B-cubed): P {LinkPrecision:F3} R {LinkRecall:F3} F1 {LinkF1:F3}");

    public static async Task<EntityScores> EvaluateAsync(EntityRecognizer recognizer, IReadOnlyList<AnnotatedDocument> documents)
    {
        var linker = new EntityLinker(new InMemoryEntityCatalog());
        int gold = 0, found = 0, correct = 0;
        var errors = new List<string>();
        var pairs = new List<(string GoldId, string SystemId)>();
        foreach (var document in documents)
        {
            var result = recognizer.Recognize(document.Body);
            var system = new Dictionary<(int, int), (EntityKind Kind, string Id, string Text)>();
            foreach (var entity in result.Entities)
            {
                var linked = await linker.LinkAsync(entity, CancellationToken.None);
                foreach (var mention in entity.Mentions)
                {
                    system[(mention.Start, mention.End)] = (entity.Kind, linked.Id + " " + linked.CanonicalName, mention.Text);
                }
            }

            gold += document.Mentions.Count;
            found += system.Count;
            foreach (var mention in document.Mentions)
            {
                if (system.TryGetValue((mention.Start, mention.End), out var hit))
                {
                    pairs.Add((mention.Id, hit.Id));
                    if (hit.Kind == mention.Kind)
                    {
                        correct++;
                        continue;
                    }

                    errors.Add($"{document.Name}: '{mention.Text}' is {mention.Kind}, found as {hit.Kind}");
                }
                else
                {
                    errors.Add($"{document.Name}: missed '{mention.Text}' ({mention.Kind}) at {mention.Start}");
                }
            }

            var goldSpans = document.Mentions.Select(m => (m.Start, m.End)).ToHashSet();
            foreach (var ((start, end), hit) in system)
            {
                if (!goldSpans.Contains((start, end)))
                {
                    errors.Add($"{document.Name}: spurious '{hit.Text}' ({hit.Kind}) at {start}");
                }
            }
        }

        var (precision, recall) = BCubed(pairs);
        return new EntityScores(gold, found, correct, precision, recall, errors);
    }

    private static (double Precision, double Recall) BCubed(List<(string Gold, string System)> pairs)
    {
        if (pairs.Count == 0)
        {
            return (0, 0);
        }

        var goldSize = pairs.GroupBy(p => p.Gold).ToDictionary(g => g.Key, g => g.Count());
        var systemSize = pairs.GroupBy(p => p.System).ToDictionary(g => g.Key, g => g.Count());
        var both = pairs.GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        double precision = 0, recall = 0;
        foreach (var pair in pairs)
        {
            precision += (double)both[pair] / systemSize[pair.System];
            recall += (double)both[pair] / goldSize[pair.Gold];
        }

        return (precision / pairs.Count, recall / pairs.Count);
    }
}
