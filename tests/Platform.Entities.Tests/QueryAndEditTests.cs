using Grpc.Core;
using Platform.Entities.V1;
using Platform.Testing;

namespace Platform.Entities.Tests;

/// <summary>Listing, search, mentions and the editor operations, with the Redis cache in front of GetEntity.</summary>
public sealed class QueryAndEditTests : EntityServiceFixture
{
    private RedisServer? _redis;

    protected override async Task<Dictionary<string, string>> StorageSettingsAsync()
    {
        _redis = await RedisServer.StartAsync();
        return new() { ["ConnectionStrings__Redis"] = _redis.ConnectionString };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task ListEntities_FiltersByTypeAndPrefix_AndPagesWithoutGapsOrRepeats()
    {
        await ExtractAsync("doc_a", Texts.Mosul);
        await ExtractAsync("doc_b", Texts.Erbil);
        await ExtractAsync("doc_c", Texts.Beirut);

        var people = await Entities.ListEntitiesAsync(new ListEntitiesRequest { Type = EntityType.Person }, Deadline);
        var prefixed = await Entities.ListEntitiesAsync(new ListEntitiesRequest { NamePrefix = "popular mobili" }, Deadline);
        var all = await Entities.ListEntitiesAsync(new ListEntitiesRequest { PageSize = 500 }, Deadline);
        var paged = new List<string>();
        var token = "";
        do
        {
            var page = await Entities.ListEntitiesAsync(new ListEntitiesRequest { PageSize = 3, PageToken = token }, Deadline);
            Assert.True(page.Entities.Count <= 3);
            paged.AddRange(page.Entities.Select(e => e.Id));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.All(people.Entities, e => Assert.Equal(EntityType.Person, e.Type));
        Assert.Contains(people.Entities, e => e.CanonicalName == "Haider al-Abadi");
        Assert.Equal(["Popular Mobilization Units"], prefixed.Entities.Select(e => e.CanonicalName));
        Assert.Equal(all.Entities.Select(e => e.Id), paged);
        Assert.True(all.Entities.Zip(all.Entities.Skip(1)).All(p => p.First.MentionCount >= p.Second.MentionCount));
        var badToken = await Assert.ThrowsAsync<RpcException>(async () =>
            await Entities.ListEntitiesAsync(new ListEntitiesRequest { PageSize = 3, PageToken = "garbage" }, Deadline));
        Assert.StartsWith("page_token", badToken.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hizballah", "Hezbollah")]
    [InlineData("Popular Mobilisation", "Popular Mobilization Units")]
    [InlineData("al-Abadi", "Haider al-Abadi")]
    [InlineData("Haidar al Abadi", "Haider al-Abadi")]
    [InlineData("Daesh", "Islamic State")]
    public async Task SearchEntities_FindsSpellingAndAliasVariants(string query, string expected)
    {
        await ExtractAsync("doc_a", Texts.Mosul);
        await ExtractAsync("doc_b", Texts.Erbil);
        await ExtractAsync("doc_c", Texts.Beirut);

        var result = await Entities.SearchEntitiesAsync(new SearchEntitiesRequest { Query = query }, Deadline);

        Assert.Equal(expected, result.Matches[0].Entity.CanonicalName);
    }

    [Fact]
    public async Task ListMentions_GivesOffsetsIntoEachDocument_NewestFirst_InPages()
    {
        await Extraction.ExtractEntitiesAsync(new ExtractEntitiesRequest
        {
            DocumentId = "doc_old", ContentSha256 = "1", Body = Texts.Mosul, PublishedTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2016, 10, 1, 0, 0, 0, DateTimeKind.Utc)),
        }, Deadline);
        var erbil = await Extraction.ExtractEntitiesAsync(new ExtractEntitiesRequest
        {
            DocumentId = "doc_new", ContentSha256 = "2", Body = Texts.Erbil, PublishedTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2017, 3, 1, 0, 0, 0, DateTimeKind.Utc)),
        }, Deadline);
        var id = erbil.Mentions.First(m => m.Text == "Al Abadi").EntityId;

        var first = await Entities.ListMentionsAsync(new ListMentionsRequest { EntityId = id, PageSize = 2 }, Deadline);
        var second = await Entities.ListMentionsAsync(new ListMentionsRequest { EntityId = id, PageSize = 2, PageToken = first.NextPageToken }, Deadline);
        var inOld = await Entities.ListMentionsAsync(new ListMentionsRequest { EntityId = id, DocumentId = "doc_old" }, Deadline);

        var all = first.Mentions.Concat(second.Mentions).ToList();
        Assert.Equal(["doc_new", "doc_old", "doc_old"], all.Select(m => m.DocumentId));
        Assert.Equal((3, 2), (first.TotalSize, inOld.TotalSize));
        Assert.Empty(second.NextPageToken);
        Assert.All(all.Where(m => m.DocumentId == "doc_old"), m => Assert.Equal(m.Text, Texts.Mosul[m.Start..m.End]));
    }

    [Fact]
    public async Task EditorOperations_NeedAnIdentity()
    {
        var mosul = await ExtractAsync("doc_a", Texts.Mosul);
        var id = mosul.Mentions[0].EntityId;

        var alias = await Assert.ThrowsAsync<RpcException>(async () =>
            await Entities.AddAliasAsync(new AddAliasRequest { EntityId = id, Alias = "x" }, Deadline));
        var merge = await Assert.ThrowsAsync<RpcException>(async () =>
            await Entities.MergeEntitiesAsync(new MergeEntitiesRequest { TargetId = id, SourceIds = { id } }, Deadline));

        Assert.Equal((StatusCode.Unauthenticated, StatusCode.Unauthenticated), (alias.StatusCode, merge.StatusCode));
        Assert.Contains("x-platform-caller", alias.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAlias_LinksLaterDocuments_AndIsRecordedWithWhoAndWhy()
    {
        var mosul = await ExtractAsync("doc_a", Texts.Mosul);
        var pmu = mosul.Mentions.First(m => m.Text == "PMU").EntityId;

        var updated = await Entities.AddAliasAsync(new AddAliasRequest { EntityId = pmu, Alias = "Mobilisation Committee", Note = "old name" }, AsEditor("ana"));
        var later = await ExtractAsync("doc_b", "The Mobilisation Committee met in Baghdad on Sunday, officials said.");
        var edits = await Entities.ListEntityEditsAsync(new ListEntityEditsRequest { EntityId = pmu }, Deadline);

        Assert.Contains(updated.Aliases, a => a is { Name: "Mobilisation Committee", Source: AliasSource.Editor });
        Assert.Equal(pmu, later.Mentions.First(m => m.Text == "Mobilisation Committee").EntityId);
        var edit = Assert.Single(edits.Edits);
        Assert.Equal(("add_alias", "ana", "old name"), (edit.Operation, edit.Editor, edit.Note));
    }

    [Fact]
    public async Task Merge_MovesMentionsAndAliases_AndTheOldIdAnswersWithTheTarget()
    {
        var doc = await ExtractAsync("doc_a", "Lena Marsh met Lena Marsch in Baghdad. Marsh and Marsch disagreed.");
        var marsh = doc.Mentions.First(m => m.Text == "Lena Marsh").EntityId;
        var marsch = doc.Mentions.First(m => m.Text == "Lena Marsch").EntityId;
        Assert.NotEqual(marsh, marsch);

        var merged = await Entities.MergeEntitiesAsync(new MergeEntitiesRequest { TargetId = marsh, SourceIds = { marsch }, Note = "same person" }, AsEditor());
        var viaOldId = await Entities.GetEntityAsync(new GetEntityRequest { Id = marsch }, Deadline);
        var mentions = await Entities.ListMentionsAsync(new ListMentionsRequest { EntityId = marsh }, Deadline);
        var sourceEdits = await Entities.ListEntityEditsAsync(new ListEntityEditsRequest { EntityId = marsch }, Deadline);

        Assert.Equal((4, 1), (merged.MentionCount, merged.DocumentCount));
        Assert.Equal([marsch], merged.MergedIds);
        Assert.Contains(merged.Aliases, a => a.Name == "Lena Marsch");
        Assert.Equal(marsh, viaOldId.Id);
        Assert.Equal(4, mentions.Mentions.Count);
        Assert.Contains("merged into " + marsh, Assert.Single(sourceEdits.Edits).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Split_MovesTheNamedAliasesAndTheirMentions_ToANewEntity()
    {
        var doc = await ExtractAsync("doc_a", Texts.Mosul);
        var pmu = doc.Mentions.First(m => m.Text == "PMU").EntityId;

        var split = await Entities.SplitEntityAsync(new SplitEntityRequest { EntityId = pmu, Aliases = { "PMU" }, NewCanonicalName = "PMU (acronym)" }, AsEditor());
        var bad = await Assert.ThrowsAsync<RpcException>(async () =>
            await Entities.SplitEntityAsync(new SplitEntityRequest { EntityId = pmu, Aliases = { "Nobody" } }, AsEditor()));

        Assert.Equal(2, split.Created.MentionCount);
        Assert.Equal(1, split.Original.MentionCount);
        Assert.DoesNotContain(split.Original.Aliases, a => a.Name == "PMU");
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Contains("'Nobody' is not an alias", bad.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownIds_AreNotFound()
    {
        var get = await Assert.ThrowsAsync<RpcException>(async () => await Entities.GetEntityAsync(new GetEntityRequest { Id = "ent_missing" }, Deadline));
        var mentions = await Assert.ThrowsAsync<RpcException>(async () => await Entities.ListMentionsAsync(new ListMentionsRequest { EntityId = "ent_missing" }, Deadline));

        Assert.Equal((StatusCode.NotFound, StatusCode.NotFound), (get.StatusCode, mentions.StatusCode));
        Assert.Contains("ent_missing", get.Status.Detail, StringComparison.Ordinal);
    }
}
