using Grpc.Core;
using Platform.Predictions.V1;
using Platform.Testing;

namespace Platform.Predictions.Tests;

/// <summary>Extraction, tracking, resolution and scores, on either database.</summary>
public abstract class TrackingTests : PredictionServiceFixture
{
    private async Task<IReadOnlyList<Prediction>> MosulAsync() =>
        await IngestAsync("doc_mosul", Articles.Mosul, "Lena Marsh", "Tigris Review", Articles.Published, Articles.MosulEntities);

    [Fact]
    public async Task Extract_StoresEachForecastWithItsFields()
    {
        var found = await MosulAsync();

        Assert.Equal(4, found.Count);
        Assert.All(found, p => Assert.Equal(p.Quote, Articles.Mosul[p.Start..p.End]));
        Assert.All(found, p => Assert.Equal(PredictionStatus.Due, p.Status)); // published in 2016: every review date has passed
        var (battle, hashd, displaced, khazali) = (found[0], found[1], found[2], found[3]);
        Assert.Equal((0.9, "2017-12-31", "Lena Marsh", false), (battle.Probability, battle.Deadline, battle.Predictor, battle.Attributed));
        Assert.Equal((0.7, "2017-06-30", "likely"), (hashd.Probability, hashd.Deadline, hashd.Band));
        Assert.Equal((0.4, "2017-04-17", true), (displaced.Probability, displaced.Deadline, displaced.NonDirectional));
        Assert.Equal(("Qais al-Khazali", true, "", "2017-10-17"), (khazali.Predictor, khazali.Attributed, khazali.Deadline, khazali.ReviewDate));
        Assert.Equal(["ent_khazali", "ent_talafar"], khazali.Entities.Select(e => e.EntityId).Order());
        Assert.Equal("created", Assert.Single(battle.History).Kind);
        Assert.Equal("Tigris Review", battle.Outlet);
    }

    [Fact]
    public async Task Extract_IsIdempotentPerDocumentAndHash()
    {
        var first = await MosulAsync();
        var again = await MosulAsync();

        Assert.Equal(first.Select(p => p.Id), again.Select(p => p.Id));
    }

    [Fact]
    public async Task Resolutions_GiveTheWorkedExampleScores_AndReResolutionKeepsHistory()
    {
        var found = await MosulAsync();
        await ResolveAsync(found[0].Id, Outcome.True);     // p 0.9
        await ResolveAsync(found[1].Id, Outcome.True);     // p 0.7, changed below
        await ResolveAsync(found[2].Id, Outcome.True);     // p 0.4 ("could")
        var corrected = await ResolveAsync(found[1].Id, Outcome.False, resolver: "ben");

        var board = await Predictions.GetScoreboardAsync(new GetScoreboardRequest { Group = ScoreGroup.Predictor, MinResolved = 1, IncludeCalibration = true }, Deadline);
        var marsh = Assert.Single(board.Entries, e => e.Name == "Lena Marsh").Scores;

        // Brier = ((0.9 − 1)² + (0.7 − 0)² + (0.4 − 1)²) / 3; one forecast per bin, so REL = Brier, BS = REL − RES + UNC.
        Assert.Equal(3, marsh.Resolved);
        Assert.Equal(0.286667, marsh.Brier, 5);
        Assert.Equal(1 - 0.286667 / 0.25, marsh.Skill, 5);
        Assert.Equal((Math.Log(0.9) + Math.Log(0.3) + Math.Log(0.4)) / 3, marsh.LogScore, 5);
        Assert.Equal(0.5, marsh.HitRate, 5);
        Assert.Equal(1 / 3.0, marsh.Vagueness, 5);
        Assert.Equal(0.286667, marsh.Reliability, 5);
        Assert.Equal(2 / 9.0, marsh.Resolution, 5);
        Assert.Equal(2 / 9.0, marsh.Uncertainty, 5);
        Assert.Equal(marsh.Brier, marsh.Reliability - marsh.Resolution + marsh.Uncertainty, 9);
        Assert.Equal(3, marsh.Calibration.Count);
        Assert.Equal([Outcome.True, Outcome.False], corrected.Resolutions.Select(r => r.Outcome));
        Assert.Equal(["ana", "ben"], corrected.Resolutions.Select(r => r.Resolver));
        Assert.Equal(["created", "resolved", "resolved"], corrected.History.Select(h => h.Kind));

        var directional = await Predictions.GetScoreboardAsync(new GetScoreboardRequest { MinResolved = 1, DirectionalOnly = true }, Deadline);
        Assert.Equal(2, Assert.Single(directional.Entries, e => e.Name == "Lena Marsh").Scores.Resolved);
    }

    [Fact]
    public async Task Annulled_IsNotScored_AndIsFinal()
    {
        var found = await MosulAsync();
        await ResolveAsync(found[0].Id, Outcome.Annulled);

        var again = await Assert.ThrowsAsync<RpcException>(() => ResolveAsync(found[0].Id, Outcome.True));
        var board = await Predictions.GetScoreboardAsync(new GetScoreboardRequest { MinResolved = 0 }, Deadline);

        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        Assert.Contains("annulled", again.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(board.Entries, e => e.Name == "Lena Marsh" && e.Scores.Resolved > 0);
    }

    [Fact]
    public async Task BadInput_GetsAStatusNamingTheProblem_AndChangesNothing()
    {
        var found = await MosulAsync();
        var id = found[0].Id;

        var unknown = await Assert.ThrowsAsync<RpcException>(() => ResolveAsync("prd_missing", Outcome.True));
        var probability = await Assert.ThrowsAsync<RpcException>(async () =>
            await Predictions.UpdatePredictionAsync(new UpdatePredictionRequest { Id = id, Probability = 1.5 }, As("ana")));
        var early = await Assert.ThrowsAsync<RpcException>(() => ResolveAsync(id, Outcome.True, at: new DateTime(2015, 1, 1)));
        var partial = await Assert.ThrowsAsync<RpcException>(() => ResolveAsync(id, Outcome.Partial));
        var anonymous = await Assert.ThrowsAsync<RpcException>(async () =>
            await Predictions.ResolvePredictionAsync(new ResolvePredictionRequest { Id = id, Outcome = Outcome.True }, Deadline));
        var badDate = await Assert.ThrowsAsync<RpcException>(async () =>
            await Predictions.UpdatePredictionAsync(new UpdatePredictionRequest { Id = id, Deadline = "2017-13-01" }, As("ana")));

        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal((StatusCode.InvalidArgument, "probability: 1.5 is outside [0, 1]"), (probability.StatusCode, probability.Status.Detail));
        Assert.Equal(StatusCode.InvalidArgument, early.StatusCode);
        Assert.Contains("before the forecast was made (2016-10-17)", early.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("fraction:", partial.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
        Assert.StartsWith("deadline:", badDate.Status.Detail, StringComparison.Ordinal);
        var unchanged = await Predictions.GetPredictionAsync(new GetPredictionRequest { Id = id }, Deadline);
        Assert.Equal((PredictionStatus.Due, 0.9, 1), (unchanged.Status, unchanged.Probability, unchanged.History.Count));
    }

    [Fact]
    public async Task Update_KeepsTheOldValuesInTheHistory_AndMovesTheScore()
    {
        var found = await MosulAsync();
        await ResolveAsync(found[0].Id, Outcome.False);

        var updated = await Predictions.UpdatePredictionAsync(new UpdatePredictionRequest { Id = found[0].Id, Probability = 0.6, Note = "hedged in print" }, As("ana"));
        var board = await Predictions.GetScoreboardAsync(new GetScoreboardRequest { MinResolved = 1 }, Deadline);

        Assert.Contains("probability 0.9 → 0.6 (hedged in print)", updated.History[^1].Detail, StringComparison.Ordinal);
        Assert.Equal(0.36, Assert.Single(board.Entries).Scores.Brier, 6);
    }

    [Fact]
    public async Task Import_ReportsBadLinesByNumber_AndKeepsTheGoodOnes()
    {
        var found = await MosulAsync();
        using var call = Predictions.ImportResolutions(As("importer"));
        await call.RequestStream.WriteAsync(new ImportResolutionLine { Line = 2, Resolution = new ResolvePredictionRequest { Id = found[0].Id, Outcome = Outcome.True } });
        await call.RequestStream.WriteAsync(new ImportResolutionLine { Line = 3, Resolution = new ResolvePredictionRequest { Id = "prd_nope", Outcome = Outcome.True } });
        await call.RequestStream.WriteAsync(new ImportResolutionLine { Line = 4, Resolution = new ResolvePredictionRequest { Id = found[1].Id, Outcome = Outcome.Unspecified } });
        await call.RequestStream.WriteAsync(new ImportResolutionLine { Line = 5, Resolution = new ResolvePredictionRequest { Id = found[2].Id, Outcome = Outcome.Partial, Fraction = 0.5 } });
        await call.RequestStream.CompleteAsync();
        var result = await call.ResponseAsync;

        Assert.Equal(2, result.Accepted);
        Assert.Equal([3, 4], result.Errors.Select(e => e.Line));
        Assert.Contains("prd_nope", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("outcome", result.Errors[1].Message, StringComparison.Ordinal);
        var resolved = await Predictions.ListPredictionsAsync(new ListPredictionsRequest { Status = PredictionStatus.Resolved }, Deadline);
        Assert.Equal(2, resolved.Predictions.Count);
    }

    [Fact]
    public async Task Lists_FilterByPredictorEntityAndStatus_AndTheDueQueueFollowsTheCalendar()
    {
        var found = await MosulAsync();
        await ResolveAsync(found[0].Id, Outcome.True);
        await Predictions.RejectPredictionAsync(new RejectPredictionRequest { Id = found[1].Id, Reason = "a plan, not a forecast" }, As("ana"));

        var khazali = await Predictions.ListPredictionsAsync(new ListPredictionsRequest { Predictor = "qais al khazali" }, Deadline);
        var aboutNineveh = await Predictions.ListPredictionsAsync(new ListPredictionsRequest { EntityId = "ent_nineveh", Status = PredictionStatus.Rejected }, Deadline);
        var due = await Predictions.ListDueAsync(new ListDueRequest { AsOf = "2017-05-01" }, Deadline);
        var dueLater = await Predictions.ListDueAsync(new ListDueRequest { AsOf = "2018-01-01" }, Deadline);
        var all = await Predictions.ListPredictionsAsync(new ListPredictionsRequest(), Deadline);

        Assert.Equal([found[3].Id], khazali.Predictions.Select(p => p.Id));
        Assert.Equal([found[1].Id], aboutNineveh.Predictions.Select(p => p.Id));
        Assert.Equal([found[2].Id], due.Predictions.Select(p => p.Id));
        Assert.Equal([found[2].Id, found[3].Id], dueLater.Predictions.Select(p => p.Id));
        Assert.Equal(3, all.Predictions.Count);
        Assert.Equal(PredictionStatus.Due, dueLater.Predictions[0].Status);
    }

    [Fact]
    public async Task LaterDocument_SuggestsTheOpenForecastsItMaySettle()
    {
        var found = await MosulAsync();
        await IngestAsync("doc_later", Articles.MosulLater, "Omar Said", "Baghdad Post", new DateTime(2017, 7, 10), ("Mosul", "ent_mosul", Platform.Entities.V1.EntityType.Gpe));

        var suggestions = await Predictions.SuggestEvidenceAsync(new SuggestEvidenceRequest { DocumentId = "doc_later" }, Deadline);

        var top = Assert.Single(suggestions.Suggestions);
        Assert.Equal(found[0].Id, top.Prediction.Id);
        Assert.Contains("1 shared entity", top.Reasons);
    }

    [Fact]
    public async Task ScoresKeptIncrementally_EqualAFullRecomputation()
    {
        var random = new Random(7);
        var expected = new List<(double P, double O)>();
        for (var i = 0; i < 40; i++)
        {
            var p = Math.Round(random.NextDouble(), 2);
            var created = await Predictions.CreatePredictionAsync(new CreatePredictionRequest
            {
                Claim = $"Claim {i}", Predictor = "Test Forecaster", Outlet = "Test Outlet", Probability = p,
                PublishedTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2016, 1 + i % 12, 1, 0, 0, 0, DateTimeKind.Utc)),
            }, As("ana"));
            var outcome = random.Next(3) switch { 0 => Outcome.True, 1 => Outcome.False, _ => Outcome.Partial };
            var fraction = outcome == Outcome.Partial ? 0.25 : 0;
            await ResolveAsync(created.Id, outcome, fraction);
            if (i % 5 == 0)
            {
                outcome = Outcome.True; // a re-resolution replaces the scored outcome
                fraction = 0;
                await ResolveAsync(created.Id, outcome);
            }

            expected.Add((p, outcome switch { Outcome.True => 1, Outcome.False => 0, _ => fraction }));
        }

        var scores = Assert.Single((await Predictions.GetScoreboardAsync(new GetScoreboardRequest { MinResolved = 1 }, Deadline)).Entries).Scores;
        var window = await Predictions.GetScoreboardAsync(new GetScoreboardRequest { MinResolved = 1, WindowStart = "2016-01", WindowEnd = "2016-04" }, Deadline);

        Assert.Equal(expected.Average(e => (e.P - e.O) * (e.P - e.O)), scores.Brier, 9);
        Assert.Equal(expected.Average(e => e.O * Math.Log(Math.Clamp(e.P, 0.01, 0.99)) + (1 - e.O) * Math.Log(1 - Math.Clamp(e.P, 0.01, 0.99))), scores.LogScore, 9);
        Assert.Equal(expected.Where((_, i) => i % 12 < 3).Count(), Assert.Single(window.Entries).Scores.Resolved);
    }

    [Fact]
    public async Task Forget_RemovesTheDocumentsForecastsAndTheirScores()
    {
        var found = await MosulAsync();
        await ResolveAsync(found[0].Id, Outcome.True);

        await Extraction.ForgetDocumentAsync(new ForgetDocumentRequest { DocumentId = "doc_mosul" }, Deadline);

        var gone = await Assert.ThrowsAsync<RpcException>(async () => await Predictions.GetPredictionAsync(new GetPredictionRequest { Id = found[0].Id }, Deadline));
        var board = await Predictions.GetScoreboardAsync(new GetScoreboardRequest { MinResolved = 1 }, Deadline);
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
        Assert.Empty(board.Entries);
    }
}

public sealed class SqliteTrackingTests : TrackingTests;

public sealed class PostgresTrackingTests : TrackingTests
{
    private readonly PostgresPredictionsDatabase _database = new();

    protected override Task<Dictionary<string, string>> StorageSettingsAsync() => _database.StartAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.StopAsync();
    }
}
