using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Segment.TestSupport;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>
/// The repository as a newcomer reads it: no tracked text file holds merge-conflict markers, and every repository
/// path a file cites (docs/..., src/..., scripts/..., tests/...) and every relative link of a Markdown page exists.
/// </summary>
public sealed partial class RepositoryTests
{
    // Paths inside the NuGet package (src/Runtime/Package/ packs them there), not in the repository.
    private static readonly HashSet<string> PackagePaths = new(StringComparer.Ordinal) { "build/Segment.props", "build/Segment.targets" };

    [Fact]
    public void No_tracked_text_file_holds_merge_conflict_markers()
    {
        var found = (from file in TrackedTextFiles()
                     from line in File.ReadLines(Path.Combine(RepoPaths.Root, file)).Select((text, i) => (text, number: i + 1))
                     where ConflictMarker().IsMatch(line.text)
                     select $"{file}:{line.number}: {line.text}").ToList();
        Assert.True(found.Count == 0, "merge-conflict markers:\n" + string.Join("\n", found));
    }

    [Fact]
    public void Every_repository_path_a_file_cites_exists()
    {
        var missing = (from file in TrackedTextFiles()
                       from match in CitedPath().Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, file)))
                       let path = match.Groups[1].Value
                       where !path.Contains('{') && !PackagePaths.Contains(path)
                       where !File.Exists(Path.Combine(RepoPaths.Root, path)) && !Directory.Exists(Path.Combine(RepoPaths.Root, path))
                       select $"{file} cites {path}").Distinct().ToList();
        Assert.True(missing.Count == 0, "cited paths that are not in the repository:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_relative_link_of_a_markdown_page_exists()
    {
        var missing = (from file in TrackedTextFiles().Where(f => f.EndsWith(".md", StringComparison.Ordinal))
                       from match in MarkdownLink().Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, file)))
                       let target = match.Groups[1].Value.Split('#')[0]
                       where target.Length > 0 && !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith("mailto:", StringComparison.Ordinal)
                       let resolved = Path.GetFullPath(Path.Combine(RepoPaths.Root, Path.GetDirectoryName(file)!, target))
                       where !File.Exists(resolved) && !Directory.Exists(resolved)
                       select $"{file} links to {target}").ToList();
        Assert.True(missing.Count == 0, "broken links:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Nothing_refers_to_the_projects_private_seed_notes()
    {
        // The seed documents' facts live in docs/seeds.md; the notes they were first restated in are not published.
        var found = (from file in TrackedTextFiles()
                     where file != "tests/Generator.Tests/RepositoryTests.cs"
                     let text = File.ReadAllText(Path.Combine(RepoPaths.Root, file))
                     where PrivateNote().IsMatch(text)
                     select file).ToList();
        Assert.True(found.Count == 0, "files citing SPEC.md / DESIGN.md / ../shared: " + string.Join(", ", found));
    }

    private static IEnumerable<string> TrackedTextFiles()
    {
        var psi = new ProcessStartInfo("git", "ls-files -z") { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, UseShellExecute = false };
        using var git = Process.Start(psi)!;
        string output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.Equal(0, git.ExitCode);
        string[] binary = [".png", ".jpg", ".jpeg", ".gif", ".tif", ".npy", ".pth", ".onnx", ".nupkg", ".dll"];
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(f => !binary.Any(b => f.EndsWith(b, StringComparison.OrdinalIgnoreCase)))
            .Where(f => File.Exists(Path.Combine(RepoPaths.Root, f)));
    }

    [GeneratedRegex(@"^(<{7}|>{7})( |$)|^={7}$")]
    private static partial Regex ConflictMarker();

    // A path under one of the repository's top folders, not part of a longer path or URL.
    [GeneratedRegex(@"(?<![\w./-])((?:docs|scripts|src|tests|examples|build|benchmarks)/[A-Za-z0-9_./-]*[A-Za-z0-9_])")]
    private static partial Regex CitedPath();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"\bSPEC\.md\b|\bDESIGN\.md\b|\.\./shared\b|\bshared/seeds\b")]
    private static partial Regex PrivateNote();
}
