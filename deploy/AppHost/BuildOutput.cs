namespace Platform.AppHost;

/// <summary>
/// Finds a service's build output. Every project builds into artifacts/bin/&lt;Project&gt;/&lt;config&gt;/
/// (UseArtifactsOutput in Directory.Build.props), and the app host runs from the same tree; its build builds the
/// services first (the project references in Platform.AppHost.csproj).
/// </summary>
internal static class BuildOutput
{
    public static string Locate(string projectName)
    {
        var ownDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var binRoot = ownDirectory.Parent?.Parent?.FullName ?? "";
        var path = Path.Combine(binRoot, projectName, ownDirectory.Name, projectName + ".dll");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"Cannot find the build output of {projectName} ({path}). Start the platform with: dotnet run --project deploy/AppHost");
    }
}
