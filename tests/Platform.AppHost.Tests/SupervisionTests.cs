using System.Globalization;
using System.Net;
using Grpc.Core;
using Platform.Client;
using Platform.Documents.V1;
using Platform.Entities.V1;
using Platform.Predictions.V1;
using Platform.Testing;

namespace Platform.AppHost.Tests;

/// <summary>
/// The local platform as a user runs it (the built host, its console read), with its parts killed the way they die in
/// real life: each service and the gateway SIGKILLed under a running ingest, redis-server stopped under reads, the host
/// itself SIGKILLed. The host restarts what died and says so; nothing is lost or stored twice; nothing is orphaned.
/// </summary>
public sealed class SupervisionTests
{
    private const int Streams = 6;
    private const int PerStream = 50;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan RestartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task EachProcessKilledUnderIngest_IsRestarted_AndEveryArticleEndsWithItsEntitiesAndForecastsExactlyOnce()
    {
        using var data = new TempFolder();
        var port = FreePort.NextConsecutive(5);
        await using var host = await StartHostAsync(data.Path, port, "--no-sample");
        using var client = PlatformClient.Create(new PlatformClientOptions
        {
            Gateway = new Uri($"http://127.0.0.1:{port}"),
            ApiKey = ReadApiKey(data.Path),
            DefaultTimeout = TimeSpan.FromSeconds(60),
        });

        // The services and the gateway run in ASP.NET Core's Production environment (no developer error pages).
        var services = PlatformProcesses.Of(data.Path).Where(p => p.Environment.ContainsKey("PLATFORM_DATA_DIR")).ToList();
        Assert.Equal(4, services.Count);
        Assert.All(services, p => Assert.Equal("Production", p.Environment.GetValueOrDefault("ASPNETCORE_ENVIRONMENT")));

        // Between streams one process after another is killed; the next stream goes out at once, into the outage.
        string[] victims = ["entities", "predictions", "documents", "gateway"];
        var ids = new List<string>();
        for (var stream = 0; stream < Streams; stream++)
        {
            if (stream >= 1 && stream <= victims.Length)
            {
                ChildProcess.Signal(ProcessOf(data.Path, victims[stream - 1]), 9);
            }

            ids.AddRange(await SendAsync(client, stream));
        }

        foreach (var victim in victims)
        {
            await host.WaitForLineAsync(l => l.StartsWith($"{victim} exited unexpectedly", StringComparison.Ordinal), RestartTimeout);
            await host.WaitForLineAsync(l => l == $"{victim} is running again.", RestartTimeout);
        }

        Assert.Equal(Streams * PerStream, ids.Distinct().Count());
        await WaitUntilNothingPendingAsync(client);

        // Every article names Mosul twice: a lost or repeated entity delivery would change these counts.
        var mosul = (await client.Entities.SearchEntitiesAsync(new SearchEntitiesRequest { Query = "Mosul", Limit = 1 })).Matches[0].Entity;
        var entity = await client.Entities.GetEntityAsync(new GetEntityRequest { Id = mosul.Id });
        Assert.Equal((2L * ids.Count, (long)ids.Count), (entity.MentionCount, entity.DocumentCount));

        // Every article carries the same forecasts: each ends with the same number, none stored twice.
        var perArticle = new HashSet<int>();
        foreach (var id in ids)
        {
            var found = await client.Predictions.ListPredictionsAsync(new ListPredictionsRequest { DocumentId = id, PageSize = 50 });
            Assert.Equal(found.Predictions.Count, found.Predictions.Select(p => p.Start).Distinct().Count());
            perArticle.Add(found.Predictions.Count);
        }

        var forecasts = Assert.Single(perArticle);
        Assert.True(forecasts >= 1, "no forecast found in the articles");

        // redis-server stopped as an operator stops it (SIGTERM) under reads: every read is answered meanwhile (the
        // services serve from their own stores), and the host starts redis again.
        var reads = ReadContinuouslyAsync(port, ReadApiKey(data.Path), TimeSpan.FromSeconds(8));
        await Task.Delay(1000);
        ChildProcess.Signal(ProcessOf(data.Path, "redis"), 15);
        var (answered, failures) = await reads;
        Assert.True(failures.Count == 0, $"{failures.Count} of {answered + failures.Count} reads failed while redis was down: {string.Join("; ", failures.Take(5))}");
        await host.WaitForLineAsync(l => l == "redis is running again.", RestartTimeout);

        // A stop asked for is not an unexpected exit: SIGTERM (what Ctrl+C also does) ends the host with code 0, and
        // nothing says "unexpectedly" about it.
        var linesBeforeStop = host.Lines.Count;
        host.Terminate();
        Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.DoesNotContain(host.Lines.Skip(linesBeforeStop), l => l.Contains("unexpectedly", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KilledHost_LeavesNoOrphan_AndTheNextStartFindsItsDataWithoutReloadingTheSample()
    {
        using var data = new TempFolder();
        var port = FreePort.NextConsecutive(5);
        var host = await StartHostAsync(data.Path, port);
        int documents;
        await using (host)
        {
            Assert.Contains(host.Lines, l => l.StartsWith("Loading the sample corpus", StringComparison.Ordinal));
            documents = await CountDocumentsAsync(port, ReadApiKey(data.Path));
            Assert.True(documents > 0, "the sample corpus was not loaded");
            ChildProcess.Signal(host.Id, 9);
            await host.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        // Aspire's orchestrator watches the host's process and stops everything it started when the host is gone.
        var left = await PlatformProcesses.WaitUntilGoneAsync(data.Path, TimeSpan.FromSeconds(60));
        Assert.True(left.Count == 0, "orphans of the killed host:\n" + string.Join('\n', left));
        Assert.All(Enumerable.Range(port, 5), p => Assert.True(FreePort.IsFree(p), $"port {p} is still taken"));

        await using var again = await StartHostAsync(data.Path, port);
        Assert.DoesNotContain(again.Lines, l => l.StartsWith("Loading the sample corpus", StringComparison.Ordinal));
        Assert.Equal(documents, await CountDocumentsAsync(port, ReadApiKey(data.Path)));
    }

    private static async Task<ChildProcess> StartHostAsync(string data, int port, params string[] options)
    {
        var host = ChildProcess.Start("dotnet", ["exec", BuildArtifacts.AssemblyPath("Platform.AppHost"),
            "--gateway-port", port.ToString(CultureInfo.InvariantCulture), "--data-dir", data, "--no-dashboard", .. options]);
        try
        {
            await host.WaitForLineAsync(l => l == $"Platform ready: http://127.0.0.1:{port}", ReadyTimeout);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    private static string ReadApiKey(string data) => File.ReadAllText(Path.Combine(data, "local-api-key")).Trim();

    /// <summary>The process id of one of the platform's processes, found as an operator would (see <see cref="PlatformProcesses"/>).</summary>
    private static int ProcessOf(string data, string name)
    {
        var marker = name == "redis" ? "redis-server" : $"Platform.{char.ToUpperInvariant(name[0])}{name[1..]}.dll";
        return PlatformProcesses.Of(data).Single(p => p.CommandLine.Contains(marker, StringComparison.Ordinal)).Pid;
    }

    private static IngestDocumentRequest Article(int number) => new()
    {
        Content = $"""
            Officials in Mosul said the bridge at crossing {number} would reopen by the end of 2027. Traffic through
            Mosul is likely to double within two years.

            The rest of report {number} describes the city's markets in detail.
            """,
        Outlet = "Supervision Review",
        Authors = { $"Writer {number % 7}" },
        Published = "2026-05-01",
        RequestId = $"supervision-{number}",
    };

    /// <summary>One stream of articles; while the gateway or the document service is down it is sent again (its
    /// request ids make that safe) until the host has restarted what died.</summary>
    private static async Task<IEnumerable<string>> SendAsync(PlatformClient client, int stream)
    {
        var giveUp = DateTime.UtcNow + RestartTimeout;
        while (true)
        {
            try
            {
                using var call = client.Documents.IngestDocuments(deadline: DateTime.UtcNow.AddSeconds(60));
                try
                {
                    for (var i = stream * PerStream; i < (stream + 1) * PerStream; i++)
                    {
                        await call.RequestStream.WriteAsync(Article(i));
                    }

                    await call.RequestStream.CompleteAsync();
                }
                catch (RpcException)
                {
                    // The call ended while it was being written; its own status, awaited below, says why.
                }

                var reply = await call;
                Assert.Equal(0, reply.FailedCount);
                return reply.Results.Select(r => r.Ingested.Id);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.Internal && DateTime.UtcNow < giveUp)
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task WaitUntilNothingPendingAsync(PlatformClient client)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while ((await client.Documents.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1, ProcessingState = StageState.Pending })).Documents
               is { Count: > 0 } pending)
        {
            Assert.True(DateTime.UtcNow < deadline, $"still pending after 3 minutes: {pending[0].Status}");
            await Task.Delay(250);
        }

        var failed = await client.Documents.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1, ProcessingState = StageState.Failed });
        Assert.True(failed.Documents.Count == 0, $"a failed stage: {failed.Documents.FirstOrDefault()?.Status}");
    }

    /// <summary>Reads the scoreboard and a document list over and over with a key, for <paramref name="duration"/>.</summary>
    private static async Task<(int Answered, List<string> Failures)> ReadContinuouslyAsync(int port, string apiKey, TimeSpan duration)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("x-api-key", apiKey);
        var answered = 0;
        var failures = new List<string>();
        var end = DateTime.UtcNow + duration;
        for (var i = 0; DateTime.UtcNow < end; i++)
        {
            var path = i % 2 == 0 ? "v1/scoreboard" : "v1/documents?pageSize=5";
            try
            {
                using var response = await http.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    answered++;
                }
                else
                {
                    failures.Add($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (HttpRequestException e)
            {
                failures.Add($"{path}: {e.Message}");
            }

            await Task.Delay(20);
        }

        return (answered, failures);
    }

    private static async Task<int> CountDocumentsAsync(int port, string apiKey)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        http.DefaultRequestHeaders.Add("x-api-key", apiKey);
        var count = 0;
        var token = "";
        do
        {
            var page = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync($"v1/documents?pageSize=100&pageToken={Uri.EscapeDataString(token)}"))!;
            count += page["documents"]?.AsArray().Count ?? 0;
            token = page["nextPageToken"]?.GetValue<string>() ?? "";
        }
        while (token.Length > 0);
        return count;
    }
}
