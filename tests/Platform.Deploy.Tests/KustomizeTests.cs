namespace Platform.Deploy.Tests;

/// <summary>
/// The kustomizations use the current kustomize fields (`resources:`, `patches:`), so rendering prints no
/// deprecation warning (as `bases:`, `patchesStrategicMerge:`, `patchesJson6902:`, `commonLabels:` or
/// `vars:` would).
/// </summary>
public sealed class KustomizeTests
{
    [Theory]
    [MemberData(nameof(OverlayTests.Overlays), MemberType = typeof(OverlayTests))]
    public async Task Overlay_RendersWithoutDeprecationWarnings(string overlay)
    {
        var rendered = await RenderedOverlay.GetAsync(overlay);

        AssertNoDeprecationWarning($"overlays/{overlay}", rendered.KustomizeMessages);
    }

    [Fact]
    public async Task Base_RendersWithoutDeprecationWarnings()
    {
        var folder = Path.Combine(Tooling.DeployFolder, "base");
        var render = await Tooling.RunAsync(Tooling.Kubectl, ["kustomize", folder]);

        Assert.True(render.ExitCode == 0, $"`{Tooling.Kubectl} kustomize {folder}` failed (exit {render.ExitCode}):\n{render.StandardError}");
        AssertNoDeprecationWarning("base", render.StandardError);
    }

    private static void AssertNoDeprecationWarning(string kustomization, string stderr)
    {
        var warnings = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains("deprecat", StringComparison.OrdinalIgnoreCase)
                || line.Contains("warning", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.True(warnings.Count == 0,
            $"`{Tooling.Kubectl} kustomize` warns about deploy/k8s/{kustomization}/kustomization.yaml; move it to the current fields:\n"
            + string.Join('\n', warnings));
    }
}
