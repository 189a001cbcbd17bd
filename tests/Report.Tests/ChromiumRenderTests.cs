using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Segment.Imaging.Report;
using Segment.TestSupport;
using Xunit;

namespace Segment.Report.Tests;

/// <summary>
/// The report as a browser sees it: written by <see cref="ReportWriter"/>, one probe script added
/// before <c>&lt;/body&gt;</c> (the page itself holds none), loaded in headless Chromium. The
/// probe records after the load event, for every image, whether it decoded (complete and
/// naturalWidth &gt; 0) and its natural size; for every chart, the rendered length of each curve;
/// and every resource the page fetched, which for a self-contained page is none.
/// </summary>
public class ChromiumRenderTests
{
    private const string Probe = """
        <script>
        window.addEventListener('load', () => {
          const images = [...document.images].map(i => ({ cls: i.className, ok: i.complete && i.naturalWidth > 0, w: i.naturalWidth, h: i.naturalHeight }));
          const charts = [...document.querySelectorAll('figure.chart')].map(f => ({
            metric: f.dataset.metric,
            lengths: [...f.querySelectorAll('path.series')].map(p => p.getTotalLength()),
            points: f.querySelectorAll('circle').length,
            width: f.querySelector('svg').getBoundingClientRect().width }));
          const fetched = performance.getEntriesByType('resource').map(r => r.name);
          document.body.setAttribute('data-probe', JSON.stringify({ images, charts, fetched }));
        });
        </script>
        """;

    [ChromiumFact]
    public void Every_image_loads_and_every_curve_is_drawn()
    {
        TrainingReport saliency = TestReports.Saliency(epochs: 6);
        TrainingReport report = saliency with
        {
            Samples = [.. saliency.Samples, .. TestReports.Classes().Samples],
            Epochs = TestReports.Epochs(6, "mae", "max_f", "loss"),
        };
        string dir = RepoPaths.NewTempDirectory("chromium");
        string page = Path.Combine(dir, "report.html");
        ReportWriter.Write(page, report);
        string probed = Path.Combine(dir, "probed.html");
        File.WriteAllText(probed, File.ReadAllText(page).Replace("</body>", Probe + "</body>"));

        string dom = Chromium.DumpDom(probed, Path.Combine(dir, "profile"));
        Match m = Regex.Match(dom, "data-probe=\"(?<json>[^\"]*)\"");
        Assert.True(m.Success, "the probe did not run; chromium printed: " + Chromium.Tail(dom));
        using JsonDocument probe = JsonDocument.Parse(WebUtility.HtmlDecode(m.Groups["json"].Value));
        JsonElement root = probe.RootElement;

        var images = root.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(3 * report.Samples.Count, images.Count);
        for (int i = 0; i < images.Count; i++)
        {
            ReportSample sample = report.Samples[i / 3];
            Assert.True(images[i].GetProperty("ok").GetBoolean(), $"image {i} ({images[i].GetProperty("cls")}) of '{sample.Name}' did not load");
            Assert.Equal((sample.Truth.Width, sample.Truth.Height), (images[i].GetProperty("w").GetInt32(), images[i].GetProperty("h").GetInt32()));
        }

        var charts = root.GetProperty("charts").EnumerateArray().ToList();
        Assert.Equal(["loss", "lr", "mae", "max_f"], charts.Select(c => c.GetProperty("metric").GetString()));
        foreach (JsonElement chart in charts)
        {
            string metric = chart.GetProperty("metric").GetString()!;
            double[] lengths = [.. chart.GetProperty("lengths").EnumerateArray().Select(l => l.GetDouble())];
            Assert.Equal(metric == "loss" ? 2 : 1, lengths.Length);               // train and validation loss
            Assert.All(lengths, l => Assert.True(l > 50, $"{metric}: a curve of {l} px"));
            Assert.Equal(6 * lengths.Length, chart.GetProperty("points").GetInt32());
            Assert.True(chart.GetProperty("width").GetDouble() > 100, $"{metric}: the chart is laid out");
        }
        Assert.Empty(root.GetProperty("fetched").EnumerateArray());
    }
}
