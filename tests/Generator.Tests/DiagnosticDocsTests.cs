using System.IO;
using System.Linq;
using System.Xml.Linq;
using Segment.TestSupport;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>Every diagnostic id has its page in docs/diagnostics and a help link to it.</summary>
public sealed class DiagnosticDocsTests
{
    [Fact]
    public void Every_id_has_a_docs_page_with_what_why_example_fix()
    {
        foreach (var descriptor in new SegmentDiagnosticAnalyzer().SupportedDiagnostics)
        {
            string page = Path.Combine(RepoPaths.Root, "docs", "diagnostics", descriptor.Id + ".md");
            Assert.True(File.Exists(page), $"{descriptor.Id} has no page {page}");
            string text = File.ReadAllText(page);
            foreach (string section in new[] { "## What", "## Why", "## Example", "## Fix" })
                Assert.True(text.Contains(section), $"{page} lacks '{section}'");
            Assert.Equal(RepositoryUrl() + "/blob/main/docs/diagnostics/" + descriptor.Id + ".md", descriptor.HelpLinkUri);
        }
    }

    /// <summary>The one RepositoryUrl of Directory.Build.props, which the package metadata also carries.</summary>
    private static string RepositoryUrl()
    {
        var props = XDocument.Load(Path.Combine(RepoPaths.Root, "Directory.Build.props"));
        string url = props.Descendants("RepositoryUrl").Single().Value;
        Assert.StartsWith("https://", url);
        return url;
    }
}
