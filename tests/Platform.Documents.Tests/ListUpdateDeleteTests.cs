using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Documents.V1;

namespace Platform.Documents.Tests;

/// <summary>Listing, metadata updates and deletes, on SQLite and on a real PostgreSQL.</summary>
public abstract class ListUpdateDeleteTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("docs-").FullName;

    internal DocumentServiceProcess Service { get; private set; } = null!;

    private static CallOptions Deadline => new CallOptions().WithDeadline(DateTime.UtcNow + TimeSpan.FromSeconds(20));

    protected abstract Task<Dictionary<string, string>> StorageSettingsAsync();

    public virtual async Task InitializeAsync() => Service = await DocumentServiceProcess.StartAsync(_data, await StorageSettingsAsync());

    public virtual async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task List_PagesNewestFirst_WithFilters_AndRefusesBadTokensAndSizes()
    {
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var request = new IngestDocumentRequest
            {
                Content = Articles.Opinion(100 + i),
                Outlet = i % 2 == 0 ? "The Ledger" : "Northern Post",
                Authors = { i < 3 ? "Ada Brook" : "Omar Haddad" },
                PublishedTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2016, 10, 1 + i, 12, 0, 0, TimeSpan.Zero)),
            };
            ids.Add((await Service.Client.IngestDocumentAsync(request, Deadline)).Document.Id);
        }

        var page1 = await Service.Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 3 }, Deadline);
        var page2 = await Service.Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 3, PageToken = page1.NextPageToken }, Deadline);
        var page3 = await Service.Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 3, PageToken = page2.NextPageToken }, Deadline);
        var listed = page1.Documents.Concat(page2.Documents).Concat(page3.Documents).Select(d => d.Id).ToList();
        Assert.Equal(Enumerable.Reverse(ids), listed);
        Assert.Equal("", page3.NextPageToken);

        var byAuthor = await Service.Client.ListDocumentsAsync(new ListDocumentsRequest { Author = "ada  BROOK" }, Deadline);
        Assert.Equal(3, byAuthor.Documents.Count);
        var byOutlet = await Service.Client.ListDocumentsAsync(new ListDocumentsRequest { Outlet = "northern post" }, Deadline);
        Assert.Equal(3, byOutlet.Documents.Count);
        var byDate = await Service.Client.ListDocumentsAsync(new ListDocumentsRequest
        {
            PublishedAfter = Timestamp.FromDateTimeOffset(new DateTimeOffset(2016, 10, 3, 0, 0, 0, TimeSpan.Zero)),
            PublishedBefore = Timestamp.FromDateTimeOffset(new DateTimeOffset(2016, 10, 5, 0, 0, 0, TimeSpan.Zero)),
        }, Deadline);
        Assert.Equal([ids[3], ids[2]], byDate.Documents.Select(d => d.Id));
        var byWords = await Service.Client.ListDocumentsAsync(new ListDocumentsRequest { Query = "(piece 104) displaced" }, Deadline);
        Assert.Equal([ids[4]], byWords.Documents.Select(d => d.Id));

        await AssertInvalidAsync(new ListDocumentsRequest { PageSize = 101 }, "page_size");
        await AssertInvalidAsync(new ListDocumentsRequest { PageToken = "garbage!" }, "page_token");
        await AssertInvalidAsync(new ListDocumentsRequest { PageSize = 3, PageToken = page1.NextPageToken, Outlet = "The Ledger" }, "page_token");
    }

    [Fact]
    public async Task UpdateMetadata_ChangesOnlyMaskedFields_AndReadsSeeTheChangeAtOnce()
    {
        var id = (await Service.Client.IngestDocumentAsync(new IngestDocumentRequest { Content = Articles.Opinion(200), Outlet = "Old" }, Deadline)).Document.Id;
        Assert.Equal("Old", (await Service.Client.GetDocumentAsync(new GetDocumentRequest { Id = id }, Deadline)).Outlet);

        var updated = await Service.Client.UpdateDocumentMetadataAsync(new UpdateDocumentMetadataRequest
        {
            Document = new Document { Id = id, Outlet = "New", Title = "ignored", Labels = { ["region"] = "iraq" } },
            UpdateMask = new FieldMask { Paths = { "outlet", "labels" } },
        }, Deadline);

        var fetched = await Service.Client.GetDocumentAsync(new GetDocumentRequest { Id = id }, Deadline);
        Assert.Equal(("New", "iraq"), (updated.Outlet, updated.Labels["region"]));
        Assert.Equal(("New", "iraq", ""), (fetched.Outlet, fetched.Labels["region"], fetched.Title));

        var e = await Assert.ThrowsAsync<RpcException>(async () => await Service.Client.UpdateDocumentMetadataAsync(new UpdateDocumentMetadataRequest
        {
            Document = new Document { Id = id, Body = "rewritten" },
            UpdateMask = new FieldMask { Paths = { "body" } },
        }, Deadline));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("'body' cannot be changed", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_RemovesTheDocument_AndASecondDeleteIsNotFound()
    {
        var id = (await Service.Client.IngestDocumentAsync(new IngestDocumentRequest { Content = Articles.Opinion(300) }, Deadline)).Document.Id;
        await Service.Client.GetDocumentAsync(new GetDocumentRequest { Id = id }, Deadline);

        await Service.Client.DeleteDocumentAsync(new DeleteDocumentRequest { Id = id }, Deadline);

        var get = await Assert.ThrowsAsync<RpcException>(async () => await Service.Client.GetDocumentAsync(new GetDocumentRequest { Id = id }, Deadline));
        var again = await Assert.ThrowsAsync<RpcException>(async () => await Service.Client.DeleteDocumentAsync(new DeleteDocumentRequest { Id = id }, Deadline));
        Assert.Equal((StatusCode.NotFound, StatusCode.NotFound), (get.StatusCode, again.StatusCode));
    }

    private async Task AssertInvalidAsync(ListDocumentsRequest request, string field)
    {
        var e = await Assert.ThrowsAsync<RpcException>(async () => await Service.Client.ListDocumentsAsync(request, Deadline));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains(field, e.Status.Detail, StringComparison.Ordinal);
    }
}

public sealed class SqliteListUpdateDeleteTests : ListUpdateDeleteTests
{
    protected override Task<Dictionary<string, string>> StorageSettingsAsync() => Task.FromResult(new Dictionary<string, string>());
}

public sealed class PostgresListUpdateDeleteTests : ListUpdateDeleteTests
{
    private Platform.Testing.PostgresServer? _postgres;

    protected override async Task<Dictionary<string, string>> StorageSettingsAsync()
    {
        _postgres = await Platform.Testing.PostgresServer.StartAsync();
        await _postgres.CreateDatabaseAsync("documents");
        return new()
        {
            ["Storage__Provider"] = "postgres",
            ["ConnectionStrings__Documents"] = _postgres.ConnectionString("documents"),
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
