using Grpc.Core;
using Platform.Documents.V1;

namespace Platform.Documents.Tests;

public sealed class IngestTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("docs-").FullName;
    private DocumentServiceProcess _service = null!;

    public async Task InitializeAsync() =>
        _service = await DocumentServiceProcess.StartAsync(_data, new() { ["DocumentLimits__MaxBytes"] = "20000" });

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    private static CallOptions Deadline => new CallOptions().WithDeadline(DateTime.UtcNow + TimeSpan.FromSeconds(20));

    [Fact]
    public async Task PlainText_IsStoredWithAuthorFromClosingBioLine_AndServedBack()
    {
        var response = await _service.Client.IngestDocumentAsync(new IngestDocumentRequest { Content = Articles.Opinion(), Outlet = "The Ledger" }, Deadline);

        var document = response.Document;
        Assert.True(response.Created);
        Assert.Matches("^doc_[0-9a-f]{32}$", document.Id);
        Assert.Equal(["Lena Marsh"], document.Authors);
        Assert.Equal("closing-bio-line", document.AuthorRule);
        Assert.Equal(64, document.ContentSha256.Length);
        Assert.Equal(StageState.Pending, document.Status.Entities.State);
        var fetched = await _service.Client.GetDocumentAsync(new GetDocumentRequest { Id = document.Id }, Deadline);
        Assert.Equal(document.Body, fetched.Body);
        Assert.Equal("The Ledger", fetched.Outlet);
    }

    [Fact]
    public async Task SameContentWithDifferentWhitespace_ReturnsTheExistingDocument()
    {
        var first = await _service.Client.IngestDocumentAsync(new IngestDocumentRequest { Content = Articles.Opinion(1) }, Deadline);
        var reflowed = Articles.Opinion(1).Replace("\n\n", "\n\n\n", StringComparison.Ordinal).Replace("  ", " ", StringComparison.Ordinal) + "\n\n";

        var second = await _service.Client.IngestDocumentAsync(new IngestDocumentRequest { Content = reflowed }, Deadline);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Document.Id, second.Document.Id);
    }

    [Fact]
    public async Task RetryWithTheSameRequestId_IsSafe()
    {
        var request = new IngestDocumentRequest { Content = Articles.Opinion(2), RequestId = "client-42" };
        var first = await _service.Client.IngestDocumentAsync(request, Deadline);
        var retry = await _service.Client.IngestDocumentAsync(request, Deadline);
        Assert.Equal((true, false), (first.Created, retry.Created));
        Assert.Equal(first.Document.Id, retry.Document.Id);
    }

    [Fact]
    public async Task Html_KeepsTheArticle_DropsBoilerplate_AndReadsMetadata()
    {
        var response = await _service.Client.IngestDocumentAsync(new IngestDocumentRequest { Content = Articles.Html, Format = ContentFormat.Html }, Deadline);
        var document = response.Document;

        Assert.Equal("Ceasefire talks stall", document.Title);
        Assert.Contains("Negotiators left the capital", document.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("cookies", document.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Share on social", document.Body, StringComparison.Ordinal);
        Assert.Equal(["Tomas Reyes"], document.Authors);
        Assert.Equal("https://ledger.example/ceasefire-talks", document.Url);
        Assert.Equal("en", document.Language);
    }

    [Theory]
    [InlineData("", null, null, StatusCode.InvalidArgument, "content")]
    [InlineData("   \n  ", null, null, StatusCode.InvalidArgument, "content")]
    [InlineData("A short article about the economy.", "not a url", null, StatusCode.InvalidArgument, "url")]
    [InlineData("A short article about the economy.", null, "the day after tomorrow", StatusCode.InvalidArgument, "published")]
    [InlineData("Broken \uFFFD text.", null, null, StatusCode.InvalidArgument, "UTF-8")]
    public async Task BadInput_IsRejectedNamingTheField_AndNothingIsWritten(string content, string? url, string? published, StatusCode code, string named)
    {
        var before = (await _service.Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 100 }, Deadline)).Documents.Count;

        var e = await Assert.ThrowsAsync<RpcException>(async () => await _service.Client.IngestDocumentAsync(
            new IngestDocumentRequest { Content = content, Url = url ?? "", Published = published ?? "" }, Deadline));

        Assert.Equal(code, e.StatusCode);
        Assert.Contains(named, e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, (await _service.Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 100 }, Deadline)).Documents.Count);
    }

    [Fact]
    public async Task ContentOverTheLimit_IsResourceExhausted()
    {
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await _service.Client.IngestDocumentAsync(new IngestDocumentRequest { Content = new string('x', 30_000) }, Deadline));
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Contains("content", e.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("doc_nope")]
    [InlineData("../../etc/passwd")]
    public async Task GetWithMalformedId_IsInvalidArgument(string id)
    {
        var e = await Assert.ThrowsAsync<RpcException>(async () => await _service.Client.GetDocumentAsync(new GetDocumentRequest { Id = id }, Deadline));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }

    [Fact]
    public async Task GetUnknown_IsNotFoundNamingTheId()
    {
        const string id = "doc_00000000000000000000000000000000";
        var e = await Assert.ThrowsAsync<RpcException>(async () => await _service.Client.GetDocumentAsync(new GetDocumentRequest { Id = id }, Deadline));
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
        Assert.Contains(id, e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BulkIngest_GivesOneResultPerItem_AndABadItemFailsAlone()
    {
        using var call = _service.Client.IngestDocuments(Deadline);
        await call.RequestStream.WriteAsync(new IngestDocumentRequest { Content = Articles.Opinion(10) });
        await call.RequestStream.WriteAsync(new IngestDocumentRequest { Content = "" });
        await call.RequestStream.WriteAsync(new IngestDocumentRequest { Content = Articles.Opinion(11) });
        await call.RequestStream.WriteAsync(new IngestDocumentRequest { Content = Articles.Opinion(10) });
        await call.RequestStream.CompleteAsync();
        var response = await call;

        Assert.Equal((2, 1, 1), (response.CreatedCount, response.ExistingCount, response.FailedCount));
        Assert.Equal([0, 1, 2, 3], response.Results.Select(r => r.Index));
        Assert.Equal((int)StatusCode.InvalidArgument, response.Results[1].Error.Code);
        Assert.Equal(response.Results[0].Ingested.Id, response.Results[3].Ingested.Id);
    }
}
