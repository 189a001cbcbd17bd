using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Segment.TestSupport;
using Xunit;

namespace Segment.Networks.Tests;

/// <summary>
/// docs/getting-started.md section 4, run as a newcomer follows it: its <c>dotnet pack</c> command makes the packages,
/// its nuget.config, MyApp.csproj and C# files make a fresh project, and its <c>dotnet run -- ...</c> commands run the
/// command line on the page's own network. Everything is read from the page, so the page cannot drift from what
/// works. The only changes: the feed folder for <c>/path/to/feed</c>, this machine's package cache for nuget.org (a
/// test downloads nothing) with a fresh packages folder (an older Segment 0.1.0 there stays out of the way), and
/// <c>--no-build</c> on the pack (the solution is built; rebuilding it would rebuild the running tests).
/// </summary>
public sealed partial class PackageTests
{
    private const string Page = "docs/getting-started.md";

    [Fact]
    public void The_getting_started_package_section_works_as_written()
    {
        Section doc = Section.Read(Path.Combine(RepoPaths.Root, Page), "## 4.");
        string work = RepoPaths.NewTempDirectory("package");
        string feed = Path.Combine(work, "feed");

        string[] pack = doc.Commands.Where(c => c.StartsWith("dotnet pack", StringComparison.Ordinal)).ToArray();
        Assert.True(pack.Length > 0, $"{Page} section 4 has no dotnet pack command");
        foreach (string command in pack)
            Shell(RepoPaths.Root, command.Replace("/path/to/feed", feed, StringComparison.Ordinal) + " --no-build -nologo");
        foreach (string package in new[] { "Segment", "Segment.Dsl", "Segment.Imaging", "Segment.Deploy", "Segment.Cli" })
            Assert.True(File.Exists(Path.Combine(feed, $"{package}.0.1.0.nupkg")), $"the page's pack command did not make {package}.0.1.0.nupkg");

        string app = Path.Combine(work, "MyApp");
        Directory.CreateDirectory(app);
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                       ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string config = doc.Block("xml", "<configuration>")
            .Replace("/path/to/feed", feed, StringComparison.Ordinal)
            .Replace("https://api.nuget.org/v3/index.json", cache, StringComparison.Ordinal)
            .Replace("</configuration>", $"  <config><add key=\"globalPackagesFolder\" value=\"{Path.Combine(work, "packages")}\" /></config>\n</configuration>", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(app, "nuget.config"), config);
        File.WriteAllText(Path.Combine(app, "MyApp.csproj"), doc.Block("xml", "<Project Sdk"));
        foreach (string source in doc.Blocks("csharp"))
        {
            Match name = FileNameComment().Match(source);
            Assert.True(name.Success, $"every C# block of {Page} section 4 starts with a // File.cs comment naming its file");
            File.WriteAllText(Path.Combine(app, name.Groups[1].Value), source);
        }

        // Warnings are errors here, as a careful user's project has them: the generated code must not warn.
        Shell(app, "dotnet build -c Release -nologo -p:TreatWarningsAsErrors=true");
        string[] runs = doc.Commands.Where(c => c.StartsWith("dotnet run", StringComparison.Ordinal)).ToArray();
        Assert.True(runs.Length >= 5, $"{Page} section 4 runs the command line");
        var outputs = runs.Select(command => (command, output: Shell(app, command.Replace("dotnet run", "dotnet run -c Release --no-build", StringComparison.Ordinal)))).ToList();

        string Output(string subcommand) => outputs.Single(o => o.command.StartsWith("dotnet run -- " + subcommand + " ", StringComparison.Ordinal)).output;
        Assert.Contains("Total parameters:", Output("summary"));
        Assert.Contains("epoch 2: train loss", Output("train"));
        Assert.Matches(@"max_f\D+\d\.\d{4}", Output("eval"));
        Assert.True(File.Exists(Path.Combine(app, "run", "run.json")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(app, "masks"), "*.png"));
        Assert.Contains("input [1, 3, 64, 64]", Output("export"));
        Assert.True(File.Exists(Path.Combine(app, "tiny.onnx")));
    }

    /// <summary>One section of a Markdown page: its fenced code blocks by language, and its shell commands.</summary>
    private sealed partial class Section
    {
        private readonly List<(string Language, string Text)> _blocks = [];

        public static Section Read(string page, string heading)
        {
            string text = File.ReadAllText(page);
            int start = text.IndexOf("\n" + heading, StringComparison.Ordinal);
            Assert.True(start >= 0, $"{page} has no '{heading}' section");
            int end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
            string body = end < 0 ? text[start..] : text[start..end];
            var section = new Section();
            foreach (Match m in Fence().Matches(body))
                section._blocks.Add((m.Groups[1].Value, m.Groups[2].Value));
            return section;
        }

        public IEnumerable<string> Blocks(string language) => _blocks.Where(b => b.Language == language).Select(b => b.Text);

        public string Block(string language, string containing) =>
            Blocks(language).SingleOrDefault(b => b.Contains(containing, StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"{Page} section 4 has no {language} block with {containing}");

        /// <summary>The lines of the sh blocks, without comments.</summary>
        public IReadOnlyList<string> Commands => Blocks("sh")
            .SelectMany(b => b.Split('\n'))
            .Select(line => line.Split(" #")[0].Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();

        [GeneratedRegex(@"^```(\w+)\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
        private static partial Regex Fence();
    }

    [GeneratedRegex(@"^// (\w+\.cs)\n")]
    private static partial Regex FileNameComment();

    /// <summary>Runs a command line of the page through bash, in <paramref name="workingDirectory"/>; returns its stdout.</summary>
    private static string Shell(string workingDirectory, string command)
    {
        var psi = new ProcessStartInfo("bash")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(command);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var p = Process.Start(psi)!;
        var err = new StringBuilder();
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) err.AppendLine(e.Data); };
        p.BeginErrorReadLine();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{command} (in {workingDirectory}) exited {p.ExitCode}:\n{stdout}\n{err}");
        return stdout;
    }
}
