namespace Platform.AppHost;

/// <summary>
/// Finds a sibling project's build output. Every project builds into artifacts/bin/&lt;Project&gt;/&lt;config&gt;/
/// (UseArtifactsOutput in Directory.Build.props), and the AppHost itself runs from the same tree.
/// </summary>
internal static class BuildOutput
{
    public static string? Locate(string projectName)
    {
        var ownDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = ownDirectory.Name;
        var binRoot = ownDirectory.Parent?.Parent;
        if (binRoot is null)
        {
            return null;
        }

        var path = Path.Combine(binRoot.FullName, projectName, configuration, projectName + ".dll");
        return File.Exists(path) ? path : null;
    }
}
