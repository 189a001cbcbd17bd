using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Segment.Report.Tests;

/// <summary>
/// Debian's <c>chromium</c> package (scripts/setup.sh installs it), run headless to load a page
/// and print its DOM after the load event. <c>--no-sandbox</c> because CI containers run tests as
/// root, where Chromium refuses its sandbox; the page is the test's own file, so nothing untrusted
/// runs without one. Each run gets a fresh profile folder, so parallel runs never share a lock.
/// </summary>
internal static class Chromium
{
    private static readonly Lazy<string?> PathLazy = new(Find);

    /// <summary>The browser's path, or null where none is installed.</summary>
    public static string? Executable => PathLazy.Value;

    /// <summary>The DOM of <paramref name="htmlFile"/> after its load event, as Chromium serialises it.</summary>
    public static string DumpDom(string htmlFile, string profileFolder)
    {
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("chromium is not installed"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
            "--user-data-dir=" + profileFolder, "--virtual-time-budget=10000", "--dump-dom",
            new Uri(htmlFile).AbsoluteUri,
        })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("chromium did not finish within 60 s: " + Tail(stderr.Result));
        }
        Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {Tail(stderr.Result)}");
        return stdout.Result;
    }

    public static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];

    private static string? Find()
    {
        string[] names = ["chromium", "chromium-browser"];
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Where(f => f.Length > 0);
        return folders.SelectMany(f => names.Select(n => Path.Combine(f, n))).FirstOrDefault(File.Exists);
    }
}

/// <summary>A fact that runs where Chromium is installed and is skipped, saying why, where it is not.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Executable is null)
            Skip = "chromium is not installed (apt-get install chromium; scripts/setup.sh installs it): the report is not rendered";
    }
}
