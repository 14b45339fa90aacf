namespace Platform.Testing;

/// <summary>
/// Finds another project's build output. Every project builds into artifacts/bin/&lt;Project&gt;/&lt;config&gt;/,
/// and a test project builds the programs it drives through a ProjectReference without an assembly.
/// </summary>
public static class BuildArtifacts
{
    public static string AssemblyPath(string projectName)
    {
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var binRoot = own.Parent?.Parent ?? throw new InvalidOperationException($"Unexpected output folder {own.FullName}.");
        var path = Path.Combine(binRoot.FullName, projectName, own.Name, projectName + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Build output of {projectName} not found; reference the project from the test project.", path);
    }

    /// <summary>The repository root (the folder holding Platform.sln).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }
}
