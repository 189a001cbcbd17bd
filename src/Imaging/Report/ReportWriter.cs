using System.Text;
using Segment.IO;

namespace Segment.Imaging.Report;

/// <summary>
/// Writes a <see cref="TrainingReport"/> as one self-contained HTML file (docs/report.md):
/// inline SVG curves, PNG data URIs for the samples, no external reference. The file is written
/// beside the target and renamed over it (<see cref="OutputFiles"/>), so a trainer may rewrite
/// RUN/report.html after every epoch and a browser refreshing it never sees half a page.
/// </summary>
public static class ReportWriter
{
    /// <summary>Writes the report to <paramref name="path"/> (UTF-8), replacing any earlier one.</summary>
    public static void Write(string path, TrainingReport report)
    {
        // Rendered first: a bad sample fails before the old report is touched.
        byte[] html = Encoding.UTF8.GetBytes(Render(report));
        OutputFiles.Write(path, html);
    }

    /// <summary>The page as a string, what <see cref="Write"/> writes.</summary>
    public static string Render(TrainingReport report) => ReportHtml.Render(report);
}
