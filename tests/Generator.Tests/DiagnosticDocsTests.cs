using System.IO;
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
            Assert.EndsWith("docs/diagnostics/" + descriptor.Id + ".md", descriptor.HelpLinkUri);
        }
    }
}
