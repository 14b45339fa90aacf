using Platform.Testing;

namespace Platform.Predictions.Tests;

/// <summary>The verbal-probability scale is configuration, and every forecast records the version it was read with.</summary>
public sealed class ScaleTests : PredictionServiceFixture
{
    protected override Task<Dictionary<string, string>> StorageSettingsAsync() => Task.FromResult(new Dictionary<string, string>
    {
        ["Predictions__ScaleVersion"] = "team-2026.1",
        ["Predictions__ScaleProbabilities__likely"] = "0.65",
    });

    [Fact]
    public async Task ConfiguredScale_SetsTheProbability_AndItsVersionIsRecorded()
    {
        var found = await IngestAsync("doc_mosul", Articles.Mosul, "Lena Marsh", "Tigris Review", Articles.Published, Articles.MosulEntities);

        var likely = Assert.Single(found, p => p.Band == "likely");
        Assert.Equal((0.65, "team-2026.1"), (likely.Probability, likely.ScaleVersion));
        Assert.Equal(0.9, Assert.Single(found, p => p.Hedge == "will").Probability);
    }

    [Fact]
    public async Task UnknownBand_StopsStartUp_NamingIt()
    {
        var data = Directory.CreateTempSubdirectory("predictions-bad-").FullName;
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => GrpcServiceProcess.StartAsync("Platform.Predictions", data, new Dictionary<string, string>
            {
                ["Predictions__ScaleVersion"] = "team-2026.2",
                ["Predictions__ScaleProbabilities__probable"] = "0.6",
            }));

            Assert.Contains("Predictions:ScaleProbabilities:probable is not a band", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
