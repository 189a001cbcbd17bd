using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Segment.Imaging.Report;

/// <summary>
/// The report's page: a summary line, the curves (loss, learning rate, one chart per validation
/// metric), the epoch table, the sample grid, the configuration and the timings. Everything is
/// inline (styles, SVG charts, PNG data URIs) and nothing is fetched, so the file opens the same
/// from a laptop, a CI artifact or a mail; every user string goes through <see cref="HtmlText"/>.
/// No clock is read, so the same report renders to the same bytes. Sample pictures are shown
/// 192 px wide whatever their size (pixelated when enlarged, so a small mask's pixels stay visible);
/// their width and height attributes keep each picture's own aspect.
/// </summary>
internal static class ReportHtml
{
    /// <summary>The validation metric drawn in the loss chart beside the training loss instead of a chart of its own.</summary>
    public const string ValidationLoss = "loss";

    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}
        h1{margin-bottom:4px}h2{margin-top:32px;border-bottom:1px solid #ddd}
        .summary{color:#555}
        .charts{display:flex;flex-wrap:wrap;gap:16px}
        figure.chart{margin:0}figure.chart svg{max-width:100%;height:auto;background:#fff}
        .chart-title{font-size:14px;font-weight:600}.tick,.legend text{font-size:11px;fill:#444}.label{font-size:12px}
        .axis line{stroke:#333}.grid line{stroke:#e5e5e5}.empty{fill:#888;font-size:13px}
        figcaption{font-size:12px;color:#a00}
        table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
        td.num{text-align:right;font-variant-numeric:tabular-nums}
        table.samples img{display:block;width:192px;height:auto;image-rendering:pixelated}
        """;

    public static string Render(TrainingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        string title = HtmlText.Escape(report.Title);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{title}</title><style>{Style}</style></head>\n<body>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<h1>{title}</h1>\n<p class=\"summary\">{Summary(report)}</p>\n");
        // In epoch order whatever order the rows came in: a curve is drawn point after point.
        List<EpochRow> epochs = [.. report.Epochs.OrderBy(e => e.Epoch)];
        Curves(sb, epochs);
        EpochTable(sb, epochs);
        Samples(sb, report.Samples);
        KeyValues(sb, "configuration", "Configuration", "setting",
            report.Configuration.Select(kv => (kv.Key, HtmlText.Escape(kv.Value))));
        KeyValues(sb, "timings", "Timings", "what", Timings(report));
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    /// <summary>The metric names in the order they first appear, the validation loss left to the loss chart.</summary>
    public static List<string> MetricNames(IEnumerable<EpochRow> epochs) =>
        epochs.SelectMany(e => e.Validation.Keys).Where(k => k != ValidationLoss).Distinct(StringComparer.Ordinal).ToList();

    private static string Summary(TrainingReport r)
    {
        var parts = new List<string>();
        if (r.Network.Length > 0)
            parts.Add("network " + HtmlText.Escape(r.Network));
        if (r.ParameterCount is long n)
            parts.Add(Parameters(n) + " parameters");
        parts.Add($"{r.Epochs.Count} epoch{(r.Epochs.Count == 1 ? "" : "s")}");
        parts.Add($"{r.Samples.Count} validation sample{(r.Samples.Count == 1 ? "" : "s")} shown");
        return string.Join(" · ", parts);
    }

    private static void Curves(StringBuilder sb, IReadOnlyList<EpochRow> epochs)
    {
        sb.Append("<section id=\"curves\"><h2>Curves</h2>\n");
        if (epochs.Count == 0)
        {
            sb.Append("<p>No epochs recorded.</p></section>\n");
            return;
        }
        sb.Append("<div class=\"charts\">\n");
        var loss = new List<ChartSeries> { new("train", Points(epochs, e => e.TrainLoss)) };
        if (epochs.Any(e => e.Validation.ContainsKey(ValidationLoss)))
            loss.Add(new ChartSeries("validation", Points(epochs, e => Metric(e, ValidationLoss))));
        sb.Append(SvgLineChart.Render("chart-loss", "Loss", "loss", "loss", loss)).Append('\n');
        if (epochs.Any(e => e.LearningRate is not null))
            sb.Append(SvgLineChart.Render("chart-lr", "Learning rate", "learning rate", "lr",
                [new ChartSeries("lr", Points(epochs, e => e.LearningRate))])).Append('\n');
        List<string> metrics = MetricNames(epochs);
        for (int i = 0; i < metrics.Count; i++)
        {
            string m = metrics[i];
            sb.Append(SvgLineChart.Render($"chart-metric-{i}", "Validation " + m, m, m,
                [new ChartSeries(m, Points(epochs, e => Metric(e, m)))])).Append('\n');
        }
        sb.Append("</div></section>\n");
    }

    private static void EpochTable(StringBuilder sb, IReadOnlyList<EpochRow> epochs)
    {
        if (epochs.Count == 0)
            return;
        var metrics = epochs.SelectMany(e => e.Validation.Keys).Distinct(StringComparer.Ordinal).ToList();
        sb.Append("<section id=\"epochs\"><h2>Epochs</h2><table><thead><tr><th>epoch</th><th>train loss</th><th>lr</th><th>seconds</th>");
        foreach (string m in metrics)
            sb.Append("<th>val ").Append(HtmlText.Escape(m)).Append("</th>");
        sb.Append("</tr></thead><tbody>\n");
        foreach (EpochRow e in epochs)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"num\">{e.Epoch}</td>");
            foreach (double? v in new[] { e.TrainLoss, e.LearningRate, e.Seconds }.Concat(metrics.Select(m => Metric(e, m))))
                sb.Append("<td class=\"num\">").Append(Number(v)).Append("</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody></table></section>\n");
    }

    private static void Samples(StringBuilder sb, IReadOnlyList<ReportSample> samples)
    {
        sb.Append("<section id=\"samples\"><h2>Validation samples</h2>\n");
        if (samples.Count == 0)
        {
            sb.Append("<p>No samples.</p></section>\n");
            return;
        }
        sb.Append("<table class=\"samples\"><thead><tr><th>sample</th><th>image</th><th>ground truth</th><th>prediction</th></tr></thead><tbody>\n");
        foreach (ReportSample s in samples)
        {
            var shown = SampleThumbnails.Render(s);
            (int iw, int ih) = SampleThumbnails.Reduced(s.Image.Width, s.Image.Height);
            string name = HtmlText.Escape(s.Name);
            sb.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{name}</th>");
            Img(sb, shown.Image, $"{name}: image", "image", iw, ih);
            Img(sb, shown.Truth, $"{name}: ground truth", "truth", shown.Width, shown.Height);
            Img(sb, shown.Prediction, $"{name}: prediction", "prediction", shown.Width, shown.Height);
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody></table></section>\n");
    }

    private static void Img(StringBuilder sb, string uri, string alt, string role, int width, int height) =>
        sb.Append(CultureInfo.InvariantCulture,
            $"<td><img class=\"{role}\" src=\"{uri}\" alt=\"{alt}\" width=\"{width}\" height=\"{height}\"></td>");

    /// <summary>A two-column table; <paramref name="rows"/>' values are HTML already, keys are escaped here.</summary>
    private static void KeyValues(StringBuilder sb, string id, string heading, string keyHeader, IEnumerable<(string Key, string Html)> rows)
    {
        var list = rows.ToList();
        sb.Append(CultureInfo.InvariantCulture, $"<section id=\"{id}\"><h2>{heading}</h2>\n");
        if (list.Count == 0)
        {
            sb.Append("<p>None recorded.</p></section>\n");
            return;
        }
        sb.Append(CultureInfo.InvariantCulture, $"<table><thead><tr><th>{keyHeader}</th><th>value</th></tr></thead><tbody>\n");
        foreach (var (key, html) in list)
            sb.Append("<tr><th scope=\"row\">").Append(HtmlText.Escape(key)).Append("</th><td>").Append(html).Append("</td></tr>\n");
        sb.Append("</tbody></table></section>\n");
    }

    private static IEnumerable<(string, string)> Timings(TrainingReport r)
    {
        foreach (var (name, span) in r.Timings)
            yield return (name, Duration(span));
        var seconds = r.Epochs.Where(e => e.Seconds is not null).Select(e => e.Seconds!.Value).ToList();
        if (seconds.Count > 0)
        {
            yield return ($"epochs ({seconds.Count}, sum of their seconds)", Duration(TimeSpan.FromSeconds(seconds.Sum())));
            yield return ("mean per epoch", Duration(TimeSpan.FromSeconds(seconds.Average())));
        }
    }

    private static List<(int, double)> Points(IEnumerable<EpochRow> epochs, Func<EpochRow, double?> value) =>
        [.. epochs.Where(e => value(e) is not null).Select(e => (e.Epoch, value(e)!.Value))];

    private static double? Metric(EpochRow e, string name) => e.Validation.TryGetValue(name, out double v) ? v : null;

    private static string Number(double? v) => v is double d ? NumberText.Format(d, NumberText.Digits) : "—";

    /// <summary>"1,234,567 (1.23 M)": exact, then readable.</summary>
    public static string Parameters(long n)
    {
        string exact = n.ToString("N0", CultureInfo.InvariantCulture);
        return n >= 1_000_000 ? $"{exact} ({(n / 1e6).ToString("0.##", CultureInfo.InvariantCulture)} M)"
            : n >= 1_000 ? $"{exact} ({(n / 1e3).ToString("0.#", CultureInfo.InvariantCulture)} k)"
            : exact;
    }

    /// <summary>"12.3 s", "4 min 05 s", "2 h 03 min".</summary>
    public static string Duration(TimeSpan t)
    {
        if (t < TimeSpan.Zero)
            return "-" + Duration(-t);
        if (t.TotalSeconds < 60)
            return t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
        if (t.TotalHours < 1)
            return string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes} min {t.Seconds:00} s");
        return string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours} h {t.Minutes:00} min");
    }
}
