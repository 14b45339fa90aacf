using Grpc.Core;
using Platform.Entities.V1;
using Platform.Testing;

namespace Platform.Entities.Tests;

/// <summary>ExtractEntities and ForgetDocument, and what they do to the index, on either database.</summary>
public abstract class ExtractionTests : EntityServiceFixture
{
    [Fact]
    public async Task Extract_FindsCanonicalEntitiesWithOffsets_AndLinksShortForms()
    {
        var response = await ExtractAsync("doc_a", Texts.Mosul);

        Assert.Empty(response.SkippedReason);
        foreach (var mention in response.Mentions)
        {
            Assert.Equal(mention.Text, Texts.Mosul[mention.Start..mention.End]);
        }

        var abadi = response.Mentions.Where(m => m.CanonicalName == "Haider al-Abadi").ToList();
        Assert.Equal(["Haider al-Abadi", "Abadi"], abadi.Select(m => m.Text));
        Assert.Single(abadi.Select(m => m.EntityId).Distinct());
        Assert.All(abadi, m => Assert.Equal(EntityType.Person, m.Type));

        var pmu = response.Mentions.Where(m => m.Type == EntityType.Org && m.Text is "PMU" or "Popular Mobilisation Units").ToList();
        Assert.Equal(3, pmu.Count);
        Assert.Single(pmu.Select(m => m.EntityId).Distinct());
        Assert.Contains(response.Mentions, m => m is { Text: "Mosul", Type: EntityType.Gpe });
        Assert.Contains(response.Mentions, m => m is { Text: "Lena Marsh", Type: EntityType.Person });
        Assert.Contains(response.Mentions, m => m is { Text: "Tigris Policy Institute", Type: EntityType.Org });
        Assert.Contains(response.Mentions, m => m is { Text: "Kurdish", Type: EntityType.Norp });
    }

    [Fact]
    public async Task Extract_IsIdempotentPerDocumentAndHash_AndANewHashReplacesTheOldMentions()
    {
        var first = await ExtractAsync("doc_a", Texts.Mosul);
        var again = await ExtractAsync("doc_a", Texts.Mosul);
        var abadiId = first.Mentions.First(m => m.Text == "Abadi").EntityId;
        var counted = await Entities.GetEntityAsync(new GetEntityRequest { Id = abadiId }, Deadline);

        Assert.Equal(first.Mentions.Select(m => (m.EntityId, m.Start)), again.Mentions.Select(m => (m.EntityId, m.Start)));
        Assert.Equal((2, 1), (counted.MentionCount, counted.DocumentCount));

        var edited = await ExtractAsync("doc_a", "Haider al-Abadi met Masoud Barzani in Erbil.", hash: "h2");
        var recounted = await Entities.GetEntityAsync(new GetEntityRequest { Id = abadiId }, Deadline);
        Assert.Equal(3, edited.Mentions.Count);
        Assert.Equal((1, 1), (recounted.MentionCount, recounted.DocumentCount));
    }

    [Fact]
    public async Task SpellingsAcrossDocuments_MeetInOneEntity()
    {
        var mosul = await ExtractAsync("doc_a", Texts.Mosul);
        var erbil = await ExtractAsync("doc_b", Texts.Erbil);
        var beirut = await ExtractAsync("doc_c", Texts.Beirut);

        string Id(ExtractEntitiesResponse r, string text) => r.Mentions.First(m => m.Text == text).EntityId;
        Assert.Equal(Id(mosul, "Haider al-Abadi"), Id(erbil, "Al Abadi"));
        Assert.Equal(Id(mosul, "PMU"), Id(erbil, "Popular Mobilization Units"));
        Assert.Equal(Id(beirut, "Hizbullah"), Id(beirut, "Hezbollah"));
        var abadi = await Entities.GetEntityAsync(new GetEntityRequest { Id = Id(erbil, "Al Abadi") }, Deadline);
        Assert.Equal((3, 2), (abadi.MentionCount, abadi.DocumentCount));
        Assert.Contains(abadi.Aliases, a => a.Name == "Al Abadi");
    }

    [Fact]
    public async Task ConcurrentBatchesOfOverlappingEntities_AllSucceed_OneEntityPerName_AndTheCountsAddUp()
    {
        // Six batches of eight documents at once, each document the three texts in another order: every batch
        // creates and counts the same entities, in different orders (what replicas do on PostgreSQL).
        string[] texts = [Texts.Mosul, Texts.Erbil, Texts.Beirut];
        var batches = Enumerable.Range(0, 6).Select(b =>
        {
            var request = new ExtractEntitiesBatchRequest();
            request.Items.AddRange(Enumerable.Range(0, 8).Select(d => new ExtractEntitiesRequest
            {
                DocumentId = $"doc_{b}_{d}",
                ContentSha256 = "h1",
                Body = string.Join("\n\n", Enumerable.Range(0, 3).Select(k => texts[(b + d + k * (1 + d % 2)) % 3]).Distinct()),
            }));
            return request;
        }).ToList();

        ExtractEntitiesBatchResponse[] replies;
        try
        {
            replies = await Task.WhenAll(batches.Select(b => Extraction.ExtractEntitiesBatchAsync(b, Deadline).ResponseAsync));
        }
        catch (RpcException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Status}; the service wrote:\n{Service.Output[Math.Max(0, Service.Output.Length - 6000)..]}");
        }

        var documents = replies.SelectMany(r => r.Results).ToList();
        Assert.Equal(48, documents.Count);
        Assert.All(documents, d => Assert.NotNull(d.Extracted));
        var abadi = documents.SelectMany(d => d.Extracted.Mentions).Where(m => m.CanonicalName == "Haider al-Abadi").Select(m => m.EntityId).Distinct().ToList();
        Assert.Single(abadi);
        var entity = await Entities.GetEntityAsync(new GetEntityRequest { Id = abadi[0] }, Deadline);
        var expected = (documents.Sum(d => d.Extracted.Mentions.Count(m => m.EntityId == abadi[0])), documents.Count(d => d.Extracted.Mentions.Any(m => m.EntityId == abadi[0])));
        Assert.Equal(expected, (entity.MentionCount, entity.DocumentCount));
        Assert.DoesNotContain("deadlock detected", Service.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Forget_RemovesTheDocumentsMentions_AndTheCounts()
    {
        var mosul = await ExtractAsync("doc_a", Texts.Mosul);
        await ExtractAsync("doc_b", Texts.Erbil);
        var id = mosul.Mentions.First(m => m.Text == "Abadi").EntityId;

        await Extraction.ForgetDocumentAsync(new ForgetDocumentRequest { DocumentId = "doc_a" }, Deadline);
        await Extraction.ForgetDocumentAsync(new ForgetDocumentRequest { DocumentId = "doc_a" }, Deadline); // idempotent

        var entity = await Entities.GetEntityAsync(new GetEntityRequest { Id = id }, Deadline);
        var mentions = await Entities.ListMentionsAsync(new ListMentionsRequest { EntityId = id }, Deadline);
        Assert.Equal((1, 1), (entity.MentionCount, entity.DocumentCount));
        Assert.Equal(["doc_b"], mentions.Mentions.Select(m => m.DocumentId));
    }

    [Theory]
    [InlineData(Texts.Arabic, "Arabic script")]
    [InlineData(Texts.Spanish, "common English words")]
    [InlineData(Texts.NoEntities, null)]
    [InlineData("Officials\u0000 in\u0007 Erbil\u001b said Haider al-Abadi\u0001 would visit.", null)]
    public async Task UnreadableOrEmptyOfNames_AnswersWithAReason_OrNothing_NeverAFailure(string body, string? reason)
    {
        var response = await ExtractAsync("doc_x", body);

        if (reason is null)
        {
            Assert.Empty(response.SkippedReason);
            Assert.All(response.Mentions, m => Assert.Equal(m.Text, body[m.Start..m.End]));
        }
        else
        {
            Assert.Contains("language not supported", response.SkippedReason, StringComparison.Ordinal);
            Assert.Contains(reason, response.SkippedReason, StringComparison.Ordinal);
            Assert.Empty(response.Mentions);
        }
    }

    [Fact]
    public async Task EmptyOrHugeBody_IsRefusedNamingTheField()
    {
        var empty = await Assert.ThrowsAsync<RpcException>(async () => await ExtractAsync("doc_x", "  \n "));
        // Over the platform's one document limit (2 MiB of UTF-8), the one the document service refuses at ingest.
        var huge = await Assert.ThrowsAsync<RpcException>(async () => await ExtractAsync("doc_x", new string('a', (2 * 1024 * 1024) + 1)));
        var noId = await Assert.ThrowsAsync<RpcException>(async () => await ExtractAsync("", "Mosul"));

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.ResourceExhausted, StatusCode.InvalidArgument), (empty.StatusCode, huge.StatusCode, noId.StatusCode));
        Assert.StartsWith("body: empty", empty.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("over the platform's document limit of 2097152 bytes", huge.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("document_id", noId.Status.Detail, StringComparison.Ordinal);
    }
}

public sealed class SqliteExtractionTests : ExtractionTests
{
    protected override Task<Dictionary<string, string>> StorageSettingsAsync() => Task.FromResult(new Dictionary<string, string>());
}

public sealed class PostgresExtractionTests : ExtractionTests
{
    private PostgresServer? _postgres;

    protected override async Task<Dictionary<string, string>> StorageSettingsAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        await _postgres.CreateDatabaseAsync("entities");
        return new()
        {
            ["Storage__Provider"] = "postgres",
            ["ConnectionStrings__Entities"] = _postgres.ConnectionString("entities"),
        };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
