using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Platform.Testing;

namespace Platform.AppHost.Tests;

/// <summary>
/// <c>--postgres</c> against a real PostgreSQL server: the host creates each service's database, and an article ingested
/// through the gateway is stored there rather than in SQLite files in the data folder.
/// </summary>
public sealed class PostgresTests
{
    private const string Article = """
        The central bank will probably raise interest rates before the end of 2027, said Maria Okafor, chief
        economist at Harbour Capital. Inflation in Kenya is likely to fall below five percent by June 2027.
        Nairobi officials met the International Monetary Fund in Washington last week.
        """;

    [Fact]
    public async Task Postgres_CreatesEachServicesDatabase_AndStoresAnIngestedArticleThere()
    {
        await using var postgres = await PostgresServer.StartAsync();
        using var data = new TempFolder();
        var port = FreePort.NextConsecutive(5);
        var server = $"Host=127.0.0.1;Port={postgres.Port};Username=postgres";

        await using var platform = await HostedPlatform.StartAsync(data.Path, port, "--postgres", server, "--no-sample");

        using var ingest = new HttpRequestMessage(HttpMethod.Post, "v1/documents")
        {
            Content = new StringContent(new JsonObject
            {
                ["content"] = Article,
                ["title"] = "Rates and inflation in Kenya",
                ["authors"] = new JsonArray("Lena Ortiz"),
                ["outlet"] = "The Harbour Review",
                ["published"] = "2026-03-02",
            }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        ingest.Headers.Add("x-api-key", platform.ApiKey);
        using var response = await platform.Gateway.SendAsync(ingest);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"ingest: {(int)response.StatusCode} {body}");
        var id = JsonNode.Parse(body)!["document"]!["id"]!.GetValue<string>();

        var document = await platform.GetJsonAsync($"v1/documents/{id}");
        Assert.Equal("Rates and inflation in Kenya", document["title"]!.GetValue<string>());

        // Each service has its own database on the server, and the article is in the documents service's.
        await using (var admin = new NpgsqlConnection(postgres.ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'platform\\_%' ORDER BY datname", admin);
            var databases = new List<string>();
            await using (var reader = await list.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    databases.Add(reader.GetString(0));
                }
            }

            Assert.Equal(["platform_documents", "platform_entities", "platform_predictions"], databases);
        }

        await using (var documents = new NpgsqlConnection(postgres.ConnectionString("platform_documents")))
        {
            await documents.OpenAsync();
            await using var find = new NpgsqlCommand("SELECT title FROM documents WHERE id = @id", documents);
            find.Parameters.AddWithValue("id", id);
            Assert.Equal("Rates and inflation in Kenya", await find.ExecuteScalarAsync());
        }

        Assert.Empty(Directory.GetFiles(data.Path, "*.db"));
    }
}
