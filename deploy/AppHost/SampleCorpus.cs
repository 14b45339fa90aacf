using Platform.Client;
using Platform.Client.Articles;

namespace Platform.AppHost;

/// <summary>
/// Loads the sample corpus (deploy/sample-corpus, copied beside the host) through the gateway on first run, so
/// a new user sees a scoreboard at once. A marker in the data folder makes later runs skip it; loading is
/// idempotent anyway (documents are deduplicated, resolved forecasts skipped).
/// </summary>
internal static class SampleCorpus
{
    public static async Task LoadIfFirstRunAsync(Uri gateway, string apiKey, string dataDirectory, CancellationToken cancellationToken)
    {
        var marker = Path.Combine(dataDirectory, "sample-corpus.loaded");
        var folder = Path.Combine(AppContext.BaseDirectory, "sample-corpus");
        if (File.Exists(marker))
        {
            return;
        }

        if (!Directory.Exists(Path.Combine(folder, "articles")))
        {
            Console.WriteLine($"The sample corpus is missing from {folder}; skipping it.");
            return;
        }

        Console.WriteLine("Loading the sample corpus (first run)...");
        using var client = PlatformClient.Create(new PlatformClientOptions { Gateway = gateway, ApiKey = apiKey, DefaultTimeout = TimeSpan.FromSeconds(60) });
        CorpusLoadResult result;
        try
        {
            result = await new CorpusLoader(client).LoadAsync(
                Path.Combine(folder, "articles"), Path.Combine(folder, "resolutions.jsonl"), new Progress<string>(Console.WriteLine), cancellationToken);
        }
        catch (Grpc.Core.RpcException e)
        {
            // The platform itself is up; a failed load is reported and retried on the next start.
            Console.WriteLine($"The sample corpus could not be loaded ({e.StatusCode}: {e.Status.Detail}); it will be tried again next time.");
            return;
        }

        Console.WriteLine($"Sample corpus: {result.Articles} articles ({result.NewArticles} new), {result.Forecasts} forecasts found, " +
            $"{result.Resolved} resolved now, {result.AlreadyResolved} already resolved.");
        foreach (var problem in result.Problems.Take(10))
        {
            Console.WriteLine("  warning: " + problem);
        }

        if (result.Problems.Count > 10)
        {
            Console.WriteLine($"  ... and {result.Problems.Count - 10} more warnings");
        }

        await File.WriteAllTextAsync(marker, DateTimeOffset.UtcNow.ToString("O") + "\n", cancellationToken);
    }
}
