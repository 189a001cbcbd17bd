using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Segment.Imaging.Report;

/// <summary>
/// A line chart as inline SVG: value against epoch, with both axes, "nice" ticks
/// (<see cref="ChartTicks"/>), grid lines, axis labels, a legend for several curves, and a dot on
/// every point, so a run of one epoch (where a line has no length) still shows its value.
/// Written by hand rather than with a plotting library: a chart is a few dozen elements, and the
/// report stays one dependency-free file that any browser renders the same way.
/// Each curve is one <c>&lt;path class="series"&gt;</c>; points that are not finite (a diverged
/// loss) are left out of the path and the scale and counted in a note under the chart.
/// </summary>
internal static class SvgLineChart
{
    private const int Width = 520, Height = 300;
    private const int Left = 70, Right = 16, Top = 48, Bottom = 48;
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];

    /// <param name="id">The element id (ASCII, unique in the page).</param>
    /// <param name="title">The chart's heading (escaped here).</param>
    /// <param name="yLabel">The value axis's label (escaped here).</param>
    /// <param name="metric">The metric's name, kept in <c>data-metric</c> for readers of the page.</param>
    /// <param name="series">The curves, drawn in order in the palette's colours.</param>
    public static string Render(string id, string title, string yLabel, string metric, IReadOnlyList<ChartSeries> series)
    {
        var finite = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.Value)).ToList();
        int skipped = series.Sum(s => s.Points.Count(p => !double.IsFinite(p.Value)));
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<figure class=\"chart\" id=\"{id}\" data-metric=\"{HtmlText.Escape(metric)}\">");
        sb.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-labelledby=\"{id}-title\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{HtmlText.Escape(title)}</title>");
        sb.Append(CultureInfo.InvariantCulture,
            $"<text class=\"chart-title\" x=\"{Width / 2}\" y=\"20\" text-anchor=\"middle\">{HtmlText.Escape(title)}</text>");
        if (finite.Count == 0)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"<text class=\"empty\" x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\">no finite values recorded</text>");
        }
        else
        {
            double[] xTicks = ChartTicks.For(finite.Min(p => p.Epoch), finite.Max(p => p.Epoch), 6, integers: true);
            double[] yTicks = ChartTicks.For(finite.Min(p => p.Value), finite.Max(p => p.Value), 5);
            var scale = new Scale(xTicks[0], xTicks[^1], yTicks[0], yTicks[^1]);
            Axes(sb, scale, xTicks, yTicks, yLabel);
            for (int i = 0; i < series.Count; i++)
                Curve(sb, scale, series[i], Colors[i % Colors.Length]);
            if (series.Count > 1)
                Legend(sb, series);
        }
        sb.Append("</svg>");
        if (skipped > 0)
            sb.Append(CultureInfo.InvariantCulture, $"<figcaption>{skipped} value(s) not finite (NaN or infinite), not drawn</figcaption>");
        sb.Append("</figure>");
        return sb.ToString();
    }

    private static void Axes(StringBuilder sb, Scale s, double[] xTicks, double[] yTicks, string yLabel)
    {
        int xDecimals = ChartTicks.Decimals(xTicks), yDecimals = ChartTicks.Decimals(yTicks);
        sb.Append("<g class=\"grid\">");
        foreach (double t in yTicks)
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(s.Y(t))}\" y2=\"{F(s.Y(t))}\"/>");
        sb.Append("</g><g class=\"axis\">");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom}\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Height - Bottom}\"/>");
        foreach (double t in xTicks)
        {
            string x = F(s.X(t));
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x}\" x2=\"{x}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom + 5}\"/>");
            sb.Append(CultureInfo.InvariantCulture,
                $"<text class=\"tick\" x=\"{x}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{t.ToString("F" + xDecimals, CultureInfo.InvariantCulture)}</text>");
        }
        foreach (double t in yTicks)
        {
            string y = F(s.Y(t));
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left - 5}\" x2=\"{Left}\" y1=\"{y}\" y2=\"{y}\"/>");
            sb.Append(CultureInfo.InvariantCulture,
                $"<text class=\"tick\" x=\"{Left - 8}\" y=\"{y}\" dy=\"0.32em\" text-anchor=\"end\">{t.ToString("F" + yDecimals, CultureInfo.InvariantCulture)}</text>");
        }
        sb.Append(CultureInfo.InvariantCulture,
            $"<text class=\"label\" x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 8}\" text-anchor=\"middle\">epoch</text>");
        sb.Append(CultureInfo.InvariantCulture,
            $"<text class=\"label\" transform=\"translate(16 {(Top + Height - Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\">{HtmlText.Escape(yLabel)}</text>");
        sb.Append("</g>");
    }

    private static void Curve(StringBuilder sb, Scale s, ChartSeries series, string color)
    {
        var points = series.Points.Where(p => double.IsFinite(p.Value)).ToList();
        if (points.Count == 0)
            return;
        var d = new StringBuilder();
        for (int i = 0; i < points.Count; i++)
            d.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "M" : " L")}{F(s.X(points[i].Epoch))} {F(s.Y(points[i].Value))}");
        string name = HtmlText.Escape(series.Name);
        sb.Append(CultureInfo.InvariantCulture,
            $"<path class=\"series\" data-series=\"{name}\" d=\"{d}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<g class=\"points\" fill=\"{color}\">");
        foreach (var p in points)
            sb.Append(CultureInfo.InvariantCulture,
                $"<circle cx=\"{F(s.X(p.Epoch))}\" cy=\"{F(s.Y(p.Value))}\" r=\"2.5\"><title>{name}, epoch {p.Epoch}: {NumberText.Format(p.Value, NumberText.Digits)}</title></circle>");
        sb.Append("</g>");
    }

    // One row between the title and the plot, right-aligned, so it never hides a curve.
    private static void Legend(StringBuilder sb, IReadOnlyList<ChartSeries> series)
    {
        const int item = 100, y = 36;
        sb.Append("<g class=\"legend\">");
        for (int i = 0; i < series.Count; i++)
        {
            int x = Width - Right - item * (series.Count - i);
            sb.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{x}\" x2=\"{x + 18}\" y1=\"{y}\" y2=\"{y}\" stroke=\"{Colors[i % Colors.Length]}\" stroke-width=\"2\"/>");
            sb.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{x + 24}\" y=\"{y}\" dy=\"0.32em\">{HtmlText.Escape(series[i].Name)}</text>");
        }
        sb.Append("</g>");
    }

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Data to pixels: epochs across the plot area, values up it.</summary>
    private readonly record struct Scale(double X0, double X1, double Y0, double Y1)
    {
        public double X(double epoch) => Left + (epoch - X0) / (X1 - X0) * (Width - Left - Right);
        public double Y(double value) => Height - Bottom - (value - Y0) / (Y1 - Y0) * (Height - Top - Bottom);
    }
}
