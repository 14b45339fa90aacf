using System.Text.RegularExpressions;

namespace Platform.Deploy.Tests;

/// <summary>
/// The Dockerfiles, read as text (no Docker engine is needed): multi-stage, pinned base images, a final
/// stage that runs the right assembly as a non-root user on 8080, and a build context that holds what
/// they copy.
/// </summary>
public sealed partial class DockerfileTests
{
    public static TheoryData<string, string> Images => new()
    {
        { "services/Platform.Documents", "Platform.Documents" },
        { "services/Platform.Entities", "Platform.Entities" },
        { "services/Platform.Predictions", "Platform.Predictions" },
        { "gateway/Platform.Gateway", "Platform.Gateway" },
    };

    private sealed record Instruction(string Keyword, string Arguments);

    private sealed record Stage(string Image, string? Name, List<Instruction> Instructions);

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_IsMultiStage_WithPinnedBaseImages(string folder, string project)
    {
        var stages = Parse(folder);

        Assert.True(stages.Count >= 2, $"{folder}/Dockerfile has {stages.Count} stage(s); build and runtime must be separate");
        var names = new HashSet<string>();
        foreach (var stage in stages)
        {
            if (!names.Contains(stage.Image))
            {
                var tag = stage.Image.Split('/')[^1].Split(':');
                Assert.True(tag.Length == 2 || stage.Image.Contains('@', StringComparison.Ordinal), $"{folder}: base image {stage.Image} has no tag");
                Assert.NotEqual("latest", tag[^1]);
                Assert.StartsWith("mcr.microsoft.com/dotnet/", stage.Image, StringComparison.Ordinal);
            }

            if (stage.Name is not null)
            {
                names.Add(stage.Name);
            }
        }

        // The SDK builds; the runtime stage is ASP.NET Core only (chiseled: no shell, no package manager).
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", stages[0].Image, StringComparison.Ordinal);
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/aspnet:10\.0(-noble-chiseled)?$", stages[^1].Image);
        Assert.Contains(stages[0].Instructions, i => i.Keyword == "RUN" && i.Arguments.Contains($"dotnet publish {folder}/{project}.csproj", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(Tooling.RepositoryRoot, folder, project + ".csproj")));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_FinalStage_RunsTheAssemblyAsNonRootOn8080(string folder, string project)
    {
        var final = Parse(folder)[^1].Instructions;

        var user = final.LastOrDefault(i => i.Keyword == "USER")?.Arguments
            ?? throw new Xunit.Sdk.XunitException($"{folder}: the final stage sets no USER (it would run as the base image's user)");
        var uid = user.Split(':')[0];
        Assert.NotEqual("root", uid);
        Assert.NotEqual("0", uid);
        // Numeric, so the kubelet can check runAsNonRoot; 1654 is the .NET images' "app" user the manifests run as.
        Assert.Equal("1654", uid);
        Assert.Equal("USER", final.Last(i => i.Keyword is "USER" or "RUN").Keyword);

        Assert.Contains(final, i => i.Keyword == "EXPOSE" && i.Arguments.Split(' ').Contains("8080"));
        Assert.Contains(final, i => i.Keyword == "ENV" && i.Arguments.Contains("ASPNETCORE_URLS=http://0.0.0.0:8080", StringComparison.Ordinal));
        Assert.Equal($"[\"dotnet\", \"{project}.dll\"]", final.Last(i => i.Keyword == "ENTRYPOINT").Arguments);
        Assert.Contains(final, i => i.Keyword == "COPY" && i.Arguments.StartsWith("--from=build ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_CopiesOnlyWhatTheBuildContextHolds(string folder, string project)
    {
        Assert.NotNull(project);
        var ignored = DockerIgnore();

        foreach (var copy in Parse(folder)[0].Instructions.Where(i => i.Keyword == "COPY"))
        {
            var sources = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1];
            foreach (var source in sources)
            {
                var path = Path.Combine(Tooling.RepositoryRoot, source);
                Assert.True(File.Exists(path) || Directory.Exists(path), $"{folder}/Dockerfile copies {source}, which the repository does not have");
                Assert.DoesNotContain(source.TrimEnd('/') + "/", ignored);
            }
        }
    }

    [Fact]
    public void DockerIgnore_KeepsBuildOutputsAndGitOutOfTheContext()
    {
        var ignored = DockerIgnore();

        foreach (var entry in new[] { "artifacts/", "**/bin/", "**/obj/", ".git/" })
        {
            Assert.Contains(entry, ignored);
        }

        // The sources every image builds from stay in.
        foreach (var needed in new[] { "services/", "gateway/", "protos/" })
        {
            Assert.DoesNotContain(needed, ignored);
        }
    }

    private static List<string> DockerIgnore() =>
        File.ReadAllLines(Path.Combine(Tooling.RepositoryRoot, ".dockerignore"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();

    /// <summary>The Dockerfile's stages: comments dropped, continuation lines joined, keywords upper-cased.</summary>
    private static List<Stage> Parse(string folder)
    {
        var path = Path.Combine(Tooling.RepositoryRoot, folder, "Dockerfile");
        Assert.True(File.Exists(path), $"{path} is missing");
        var logical = new List<string>();
        var current = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            logical.Add(current + line);
            current = "";
        }

        var stages = new List<Stage>();
        foreach (var line in logical.Where(l => l.Length > 0))
        {
            var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            var instruction = new Instruction(parts[0].ToUpperInvariant(), parts.Length > 1 ? WhiteSpace().Replace(parts[1], " ").Trim() : "");
            if (instruction.Keyword == "FROM")
            {
                var from = FromPattern().Match(instruction.Arguments);
                Assert.True(from.Success, $"{path}: cannot read FROM {instruction.Arguments}");
                stages.Add(new Stage(from.Groups["image"].Value, from.Groups["name"].Success ? from.Groups["name"].Value : null, []));
            }
            else
            {
                Assert.True(stages.Count > 0, $"{path}: {instruction.Keyword} before the first FROM");
                stages[^1].Instructions.Add(instruction);
            }
        }

        return stages;
    }

    [GeneratedRegex(@"^(--platform=\S+\s+)?(?<image>\S+)(\s+AS\s+(?<name>\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex FromPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
