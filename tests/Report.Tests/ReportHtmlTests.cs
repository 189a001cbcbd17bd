using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Segment.Imaging;
using Segment.Imaging.Output;
using Segment.Imaging.Report;
using Segment.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace Segment.Report.Tests;

/// <summary>The page as text: escaping, one chart per curve, the samples' PNGs decoded back, the tables.</summary>
public class ReportHtmlTests
{
    private const string Hostile = "<script>alert(\"x&y\")</script>'";
    private const string HostileEscaped = "&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt;&#39;";

    [Fact]
    public void Every_user_string_is_escaped_in_text_and_attributes()
    {
        TrainingReport report = TestReports.Saliency() with
        {
            Title = Hostile,
            Network = Hostile,
            Configuration = [new(Hostile, Hostile)],
            Epochs = [new EpochRow(1, 0.5, null, null, new Dictionary<string, double> { [Hostile] = 0.1 })],
            Samples = [ReportSample.Saliency(Hostile, TestReports.Gradient(4, 4), TestReports.HalfMask(4, 4), TestReports.Ramp(4, 4))],
            Timings = [new(Hostile, TimeSpan.FromSeconds(1))],
        };
        string html = ReportWriter.Render(report);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert(\"", html);
        Assert.Contains($"<title>{HostileEscaped}</title>", html);
        Assert.Contains($"<h1>{HostileEscaped}</h1>", html);
        Assert.Contains($"data-metric=\"{HostileEscaped}\"", html);             // an attribute
        Assert.Contains($"alt=\"{HostileEscaped}: image\"", html);
        Assert.Contains((HostileEscaped, HostileEscaped), HtmlQueries.KeyValueRows(html, "configuration"));
        Assert.Contains(HostileEscaped, HtmlQueries.KeyValueRows(html, "timings").Select(r => r.Key));
        // Every '<' left in the page opens one of the writer's own tags.
        var tags = System.Text.RegularExpressions.Regex.Matches(html, "<(/?)([a-zA-Z!][a-zA-Z0-9]*)").Select(m => m.Groups[2].Value.ToLowerInvariant()).ToHashSet();
        Assert.Subset(new HashSet<string> { "!doctype", "html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "section", "div",
            "figure", "figcaption", "svg", "text", "g", "line", "path", "circle", "table", "thead", "tbody", "tr", "th", "td", "img" }, tags);
    }

    [Fact]
    public void Control_characters_become_replacement_characters()
    {
        string html = ReportWriter.Render(new TrainingReport { Title = "a\u0000b\u001bc" });
        Assert.Contains("<h1>a\uFFFDb\uFFFDc</h1>", html);
    }

    [Fact]
    public void There_is_a_loss_chart_a_learning_rate_chart_and_one_chart_per_metric_each_with_a_point_per_epoch()
    {
        string html = ReportWriter.Render(TestReports.Classes(epochs: 6));
        var charts = HtmlQueries.Charts(html);
        Assert.Equal(["loss", "lr", "dice", "miou", "accuracy"], charts.Select(c => c.Metric));
        foreach (var (metric, body) in charts)
        {
            string d = Assert.Single(HtmlQueries.SeriesPaths(body));
            Assert.StartsWith("M", d);
            Assert.Equal(5, d.Count(c => c == 'L'));                              // 6 points: M then 5 L
            Assert.Equal(6, body.Split("<circle").Length - 1);
            Assert.Contains(">epoch</text>", body);                              // x axis label
            Assert.True(body.Split("class=\"tick\"").Length - 1 >= 4, $"{metric}: ticks on both axes");
        }
    }

    [Fact]
    public void Validation_loss_joins_the_loss_chart_instead_of_a_chart_of_its_own()
    {
        TrainingReport report = new()
        {
            Epochs = [.. TestReports.Epochs(3, "loss", "dice").Select(e => e with { LearningRate = null })],
        };
        var charts = HtmlQueries.Charts(ReportWriter.Render(report));
        Assert.Equal(["loss", "dice"], charts.Select(c => c.Metric));
        Assert.Equal(2, HtmlQueries.SeriesPaths(charts[0].Body).Count);
        Assert.Contains(">validation</text>", charts[0].Body);                   // the legend
    }

    [Fact]
    public void Curve_points_map_epochs_and_values_onto_the_ticked_axes()
    {
        // Loss 1, 0.5, 0.25 over epochs 1..3: the ticks span [1, 3] and [0.2, 1.0].
        TrainingReport report = new() { Epochs = [new EpochRow(1, 1.0), new EpochRow(2, 0.5), new EpochRow(3, 0.25)] };
        var (_, body) = Assert.Single(HtmlQueries.Charts(ReportWriter.Render(report)));
        double[] p = Assert.Single(HtmlQueries.SeriesPaths(body)).Split(' ', 'M', 'L').Where(s => s.Length > 0)
            .Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(6, p.Length);
        Assert.True(p[0] < p[2] && p[2] < p[4], "epochs run left to right");
        Assert.True(p[1] < p[3] && p[3] < p[5], "a falling loss runs down the page (y grows downward)");
        Assert.Equal(p[2] - p[0], p[4] - p[2], 1);                               // evenly spaced epochs
        Assert.Equal(0.5, (p[5] - p[3]) / (p[3] - p[1]), 1);                     // 0.5 -> 0.25 is half of 1 -> 0.5
        Assert.Contains(">0.2</text>", body);
        Assert.Contains(">1.0</text>", body);
    }

    [Fact]
    public void Non_finite_values_are_left_out_of_the_curve_and_noted()
    {
        TrainingReport report = new()
        {
            Epochs = [new EpochRow(1, 1.0), new EpochRow(2, double.NaN), new EpochRow(3, double.PositiveInfinity), new EpochRow(4, 0.5)],
        };
        var (_, body) = Assert.Single(HtmlQueries.Charts(ReportWriter.Render(report)));
        Assert.Equal(1, Assert.Single(HtmlQueries.SeriesPaths(body)).Count(c => c == 'L'));
        Assert.Contains("2 value(s) not finite", body);
    }

    [Fact]
    public void A_single_epoch_gets_axes_and_a_visible_point()
    {
        var (_, body) = Assert.Single(HtmlQueries.Charts(ReportWriter.Render(new TrainingReport { Epochs = [new EpochRow(1, 0.7)] })));
        Assert.Single(HtmlQueries.SeriesPaths(body));
        Assert.Single(body.Split("<circle").Skip(1));
        Assert.Contains(">1</text>", body);
    }

    [Fact]
    public void Saliency_samples_are_valid_png_data_uris_with_the_image_grey_truth_and_probability()
    {
        TrainingReport report = TestReports.Saliency();
        var images = HtmlQueries.Images(ReportWriter.Render(report));
        Assert.Equal(3 * report.Samples.Count, images.Count);
        for (int s = 0; s < report.Samples.Count; s++)
        {
            ReportSample sample = report.Samples[s];
            int w = sample.Truth.Width, h = sample.Truth.Height;
            Assert.Equal(["image", "truth", "prediction"], images.Skip(3 * s).Take(3).Select(i => i.Class));

            using Image<Rgb24> image = Decode<Rgb24>(images[3 * s].Src, w, h);
            Assert.Equal(new Rgb24(0, 0, 128), image[0, 0]);
            Assert.Equal(new Rgb24(255, 255, 128), image[w - 1, h - 1]);

            using Image<L8> truth = Decode<L8>(images[3 * s + 1].Src, w, h);
            for (int x = 0; x < w; x++)
                Assert.Equal(sample.Truth.Values[x], truth[x, 0].PackedValue);

            using Image<L8> prediction = Decode<L8>(images[3 * s + 2].Src, w, h);
            for (int x = 0; x < w; x++)
                Assert.Equal((byte)Math.Round(sample.Probability![x] * 255, MidpointRounding.AwayFromZero), prediction[x, h - 1].PackedValue);
            Assert.All(images.Skip(3 * s).Take(3), i => Assert.Equal((w, h), (i.Width, i.Height)));
        }
    }

    [Fact]
    public void Class_samples_are_drawn_in_the_VOC_palette_with_255_in_the_border_colour()
    {
        TrainingReport report = TestReports.Classes();
        ReportSample sample = Assert.Single(report.Samples);
        var images = HtmlQueries.Images(ReportWriter.Render(report));
        Assert.Equal(3, images.Count);
        using Image<Rgb24> truth = Decode<Rgb24>(images[1].Src, 10, 6);
        using Image<Rgb24> prediction = Decode<Rgb24>(images[2].Src, 10, 6);
        for (int y = 0; y < 6; y++)
            for (int x = 0; x < 10; x++)
            {
                Assert.Equal(VocPalette.ColorOf(sample.Truth.Values[y * 10 + x]), truth[x, y]);
                Assert.Equal(VocPalette.ColorOf(sample.PredictedClasses!.Values[y * 10 + x]), prediction[x, y]);
            }
        Assert.Equal(new Rgb24(224, 224, 192), truth[0, 5]);                    // the ignored last row
        Assert.Equal(new Rgb24(128, 0, 0), truth[1, 0]);                        // class 1
    }

    [Fact]
    public void Large_samples_are_reduced_to_384_on_the_longer_side_and_masks_keep_only_their_classes()
    {
        var sample = ReportSample.Classes("big", TestReports.Gradient(800, 400), TestReports.Columns(800, 400, 3), TestReports.Columns(800, 400, 2));
        var images = HtmlQueries.Images(ReportWriter.Render(new TrainingReport { Samples = [sample] }));
        Assert.All(images, i => Assert.Equal((384, 192), (i.Width, i.Height)));
        using Image<Rgb24> truth = Decode<Rgb24>(images[1].Src, 384, 192);
        var allowed = new[] { 0, 1, 2, 255 }.Select(k => VocPalette.ColorOf((byte)k)).ToHashSet();
        for (int y = 0; y < 192; y += 7)
            for (int x = 0; x < 384; x += 5)
                Assert.Contains(truth[x, y], allowed);
        Assert.Equal((10, 384), SampleThumbnailsReduced(20, 768));
        Assert.Equal((300, 200), SampleThumbnailsReduced(300, 200));
    }

    [Fact]
    public void Configuration_rows_keep_their_order_and_parameters_and_timings_are_shown()
    {
        TrainingReport report = TestReports.Saliency(epochs: 3);
        string html = ReportWriter.Render(report);
        Assert.Equal(report.Configuration.Select(kv => (kv.Key, kv.Value)), HtmlQueries.KeyValueRows(html, "configuration"));
        Assert.Contains("network U2NetP · 1,131,056 (1.13 M) parameters · 3 epochs · 2 validation samples shown", html);
        var timings = HtmlQueries.KeyValueRows(html, "timings");
        Assert.Equal(
            [("training", "1 min 05 s"), ("total", "1 h 02 min"), ("epochs (3, sum of their seconds)", "36.0 s"), ("mean per epoch", "12.0 s")],
            timings);
    }

    [Fact]
    public void The_epoch_table_has_a_row_per_epoch_and_a_column_per_metric()
    {
        string html = ReportWriter.Render(TestReports.Saliency(epochs: 4));
        var section = System.Text.RegularExpressions.Regex.Match(html, "<section id=\"epochs\">.*?</section>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.Contains("<th>val mae</th><th>val max_f</th>", section);
        Assert.Equal(4, section.Split("<tr><td class=\"num\">").Length - 1);
        Assert.Contains("<tr><td class=\"num\">2</td><td class=\"num\">0.5</td><td class=\"num\">0.00081</td><td class=\"num\">12</td><td class=\"num\">0.58</td><td class=\"num\">0.59</td></tr>", section);
    }

    [Fact]
    public void The_page_references_nothing_outside_itself()
    {
        string html = ReportWriter.Render(TestReports.Saliency());
        Assert.All(HtmlQueries.References(html), r => Assert.StartsWith("data:image/png;base64,", r));
        Assert.DoesNotContain("url(", html);
        Assert.DoesNotContain("<link", html);
        Assert.Equal(["http://www.w3.org/2000/svg"], System.Text.RegularExpressions.Regex.Matches(html, "https?://[^\"]*").Select(m => m.Value).Distinct());
    }

    [Fact]
    public void An_empty_report_still_renders_every_section()
    {
        string html = ReportWriter.Render(new TrainingReport());
        foreach (string id in new[] { "curves", "samples", "configuration", "timings" })
            Assert.Contains($"<section id=\"{id}\">", html);
        Assert.Contains("No epochs recorded.", html);
        Assert.Empty(HtmlQueries.Charts(html));
    }

    [Fact]
    public void Write_replaces_the_file_atomically_with_the_rendered_page()
    {
        string dir = RepoPaths.NewTempDirectory("report");
        string path = Path.Combine(dir, "report.html");
        File.WriteAllText(path, "old");
        TrainingReport report = TestReports.Saliency();
        ReportWriter.Write(path, report);
        Assert.Equal(ReportWriter.Render(report), File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(dir));
        Assert.Throws<IOException>(() => ReportWriter.Write(dir, report));          // a folder is never replaced
    }

    [Fact]
    public void Samples_with_a_prediction_of_another_size_are_refused_when_built()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            ReportSample.Saliency("x", TestReports.Gradient(4, 4), TestReports.HalfMask(4, 4), new float[15]));
        Assert.Contains("sample 'x'", e.Message);
        Assert.Throws<ArgumentException>(() =>
            ReportSample.Classes("y", TestReports.Gradient(4, 4), TestReports.Columns(4, 4, 2), TestReports.Columns(4, 3, 2)));
    }

    private static (int, int) SampleThumbnailsReduced(int w, int h) => SampleThumbnails.Reduced(w, h);

    private static Image<T> Decode<T>(string src, int width, int height) where T : unmanaged, IPixel<T>
    {
        Assert.StartsWith("data:image/png;base64,", src);
        byte[] bytes = Convert.FromBase64String(src["data:image/png;base64,".Length..]);
        Assert.Equal(PngFormat.Instance, Image.DetectFormat(bytes));
        Image<T> image = Image.Load<T>(bytes);
        Assert.Equal((width, height), (image.Width, image.Height));
        return image;
    }
}

/// <summary>Rows given out of order are drawn in epoch order.</summary>
public class ReportEpochOrderTests
{
    [Fact]
    public void Rows_out_of_order_are_drawn_and_listed_in_epoch_order()
    {
        var shuffled = new TrainingReport { Epochs = [new EpochRow(3, 0.25), new EpochRow(1, 1.0), new EpochRow(2, 0.5)] };
        var ordered = shuffled with { Epochs = [.. shuffled.Epochs.OrderBy(e => e.Epoch)] };
        Assert.Equal(ReportWriter.Render(ordered), ReportWriter.Render(shuffled));
    }
}
