using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Predictions.V1;
using Platform.Testing;

namespace Platform.Predictions.Tests;

/// <summary>
/// Writers side by side, as the dispatcher's workers and replicas run them: batches of documents by the same
/// forecasters, outlet and entities, and resolutions of their forecasts, all at once. Every forecast is stored once,
/// the score sums equal a recomputation, and on PostgreSQL (no one-writer gate there) nothing deadlocks.
/// </summary>
public abstract class ConcurrentWriteTests : PredictionServiceFixture
{
    private static readonly string[] Authors = ["Ana Ruiz", "Ben Ode"];

    [Fact]
    public async Task ConcurrentBatchesAndResolutions_SharingGroups_KeepExactScores_WithoutDeadlock()
    {
        // Six batches of eight documents at once: 48 documents, four forecasts each, all in the same groups.
        var first = await Task.WhenAll(Enumerable.Range(0, 6).Select(b => ExtractBatchAsync($"a{b}", 8)));
        var resolvedIds = first.SelectMany(ids => ids).ToList();
        Assert.Equal(48 * 4, resolvedIds.Count);
        Assert.Equal(resolvedIds.Count, resolvedIds.Distinct().Count());

        // Then every one of them resolved, eight at a time, while three more batches arrive.
        var outcomes = resolvedIds.Select((id, i) => (Id: id, Outcome: i % 3 == 0 ? Outcome.False : Outcome.True)).ToList();
        var resolving = Parallel.ForEachAsync(outcomes, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (o, _) => await ResolveAsync(o.Id, o.Outcome, resolver: "ana"));
        var second = await Task.WhenAll(Enumerable.Range(0, 3).Select(b => ExtractBatchAsync($"b{b}", 8)));
        await resolving;
        var openIds = second.SelectMany(ids => ids).ToList();

        var resolved = new List<(Prediction Forecast, double Outcome)>();
        foreach (var (id, outcome) in outcomes)
        {
            resolved.Add((await Predictions.GetPredictionAsync(new GetPredictionRequest { Id = id }, Deadline), outcome == Outcome.True ? 1 : 0));
        }

        var open = new List<Prediction>();
        foreach (var id in openIds)
        {
            open.Add(await Predictions.GetPredictionAsync(new GetPredictionRequest { Id = id }, Deadline));
        }

        var board = await Predictions.GetScoreboardAsync(new GetScoreboardRequest { Group = ScoreGroup.Predictor, MinResolved = 1 }, Deadline);
        foreach (var entry in board.Entries)
        {
            var theirs = resolved.Where(r => r.Forecast.Predictor == entry.Name).ToList();
            Assert.Equal(theirs.Count, entry.Scores.Resolved);
            Assert.Equal(open.Count(p => p.Predictor == entry.Name), entry.Scores.Open);
            Assert.Equal(theirs.Average(r => (r.Forecast.Probability - r.Outcome) * (r.Forecast.Probability - r.Outcome)), entry.Scores.Brier, 9);
        }

        Assert.Equal(resolved.Select(r => r.Forecast.Predictor).Distinct().Order(), board.Entries.Select(e => e.Name).Order());
        var outlet = Assert.Single((await Predictions.GetScoreboardAsync(new GetScoreboardRequest { Group = ScoreGroup.Outlet, MinResolved = 1 }, Deadline)).Entries);
        Assert.Equal((resolved.Count, open.Count), (outlet.Scores.Resolved, outlet.Scores.Open));
        Assert.DoesNotContain("deadlock detected", Service.Output, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>One ExtractPredictionsBatch of <paramref name="count"/> copies of the Mosul article; the ids of the forecasts stored.</summary>
    private async Task<List<string>> ExtractBatchAsync(string prefix, int count)
    {
        var request = new ExtractPredictionsBatchRequest();
        for (var d = 0; d < count; d++)
        {
            var item = new ExtractPredictionsRequest
            {
                DocumentId = $"doc_{prefix}_{d}",
                ContentSha256 = "h1",
                Body = Articles.Mosul,
                Outlet = "Tigris Review",
                PublishedTime = Timestamp.FromDateTime(DateTime.SpecifyKind(Articles.Published.AddDays(d), DateTimeKind.Utc)),
            };
            item.Authors.Add(Authors[d % Authors.Length]);
            foreach (var (text, id, type) in Articles.MosulEntities)
            {
                var at = Articles.Mosul.IndexOf(text, StringComparison.Ordinal);
                item.Mentions.Add(new Entities.V1.Mention { EntityId = id, CanonicalName = text, Type = type, Text = text, Start = at, End = at + text.Length });
            }

            request.Items.Add(item);
        }

        try
        {
            var response = await Extraction.ExtractPredictionsBatchAsync(request, Deadline);
            Assert.All(response.Results, r => Assert.NotNull(r.Extracted));
            return [.. response.Results.SelectMany(r => r.Extracted.PredictionIds)];
        }
        catch (RpcException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Status}; the service wrote:\n{Service.Output[Math.Max(0, Service.Output.Length - 6000)..]}");
        }
    }
}

public sealed class SqliteConcurrentWriteTests : ConcurrentWriteTests;

public sealed class PostgresConcurrentWriteTests : ConcurrentWriteTests
{
    private readonly PostgresPredictionsDatabase _database = new();

    protected override Task<Dictionary<string, string>> StorageSettingsAsync() => _database.StartAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.StopAsync();
    }
}
