using Platform.Predictions.V1;

namespace Platform.Cli;

/// <summary>How a forecast reads on the terminal: one row in a list, or the full card with its resolutions.</summary>
internal static class PredictionView
{
    public static string Status(PredictionStatus status) => status.ToString().ToUpperInvariant();

    public static string OutcomeName(Outcome outcome) => outcome.ToString().ToUpperInvariant();

    /// <summary>The deadline, or the review date of an open-ended forecast.</summary>
    public static string Due(Prediction prediction) =>
        prediction.Deadline.Length > 0 ? prediction.Deadline : prediction.ReviewDate.Length > 0 ? $"({prediction.ReviewDate})" : "";

    public static void Card(Prediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var hedge = prediction.Hedge.Length > 0 ? $"\"{prediction.Hedge}\", band {prediction.Band}" : $"band {prediction.Band}";
        Output.Fields(
            ("Claim", prediction.Claim),
            ("Quote", prediction.Quote),
            ("Id", prediction.Id),
            ("Predictor", prediction.Predictor + (prediction.Attributed ? " (reported by the article)" : "")),
            ("Outlet", prediction.Outlet),
            ("Document", prediction.DocumentId),
            ("Published", Output.Day(prediction.PublishedTime)),
            ("Probability", $"{Output.Percent(prediction.Probability)} ({hedge}{(prediction.NonDirectional ? ", non-directional" : "")})"),
            ("Condition", prediction.Condition),
            ("Deadline", prediction.Deadline.Length > 0 ? prediction.Deadline : $"none (review on {prediction.ReviewDate})"),
            ("Entities", string.Join(", ", prediction.Entities.Select(e => e.Name))),
            ("Status", Status(prediction.Status)));
        if (prediction.Resolutions.Count == 0)
        {
            return;
        }

        Output.Line();
        var table = Output.Table("Resolved", "Outcome", "Resolver", "Note", "Evidence");
        foreach (var resolution in prediction.Resolutions)
        {
            var outcome = resolution.Outcome == Outcome.Partial ? $"PARTIAL ({Output.Percent(resolution.Fraction)})" : OutcomeName(resolution.Outcome);
            var evidence = string.Join(" ", new[] { resolution.EvidenceUrl, resolution.EvidenceDocumentId }.Where(e => e.Length > 0));
            Output.Row(table, Output.Day(resolution.ResolvedTime), outcome, resolution.Resolver, resolution.Note, evidence);
        }

        Output.Write(table);
        if (prediction.Resolutions.Count > 1)
        {
            Output.Line("The last resolution counts.");
        }
    }

    /// <summary>A table of forecasts, as list and due show them.</summary>
    public static void Table(IEnumerable<Prediction> predictions)
    {
        var table = Output.Table("Id", "Deadline", "Status", "P>", "Predictor", "Claim");
        foreach (var prediction in predictions)
        {
            Output.Row(table, prediction.Id, Due(prediction), Status(prediction.Status), Output.Percent(prediction.Probability), prediction.Predictor,
                Output.Shorten(prediction.Claim, 100));
        }

        Output.Write(table);
    }
}
