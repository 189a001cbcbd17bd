using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Segment.Report.Tests;

/// <summary>
/// Reads the generated page back with regular expressions: the writer emits a fixed, regular
/// markup (double-quoted attributes, no nesting of the elements looked for), which is what these
/// rely on; the Chromium test checks the same page through a real parser.
/// </summary>
internal static partial class HtmlQueries
{
    /// <summary>Each chart's <c>data-metric</c> and the markup inside its figure.</summary>
    public static List<(string Metric, string Body)> Charts(string html) =>
        [.. FigureRegex().Matches(html).Select(m => (m.Groups["metric"].Value, m.Groups["body"].Value))];

    /// <summary>The <c>d</c> attribute of each curve in a chart's markup.</summary>
    public static List<string> SeriesPaths(string chartBody) =>
        [.. SeriesRegex().Matches(chartBody).Select(m => m.Groups["d"].Value)];

    /// <summary>Every <c>&lt;img&gt;</c>: its class, src, width and height attributes.</summary>
    public static List<(string Class, string Src, int Width, int Height)> Images(string html) =>
        [.. ImgRegex().Matches(html).Select(m => (m.Groups["class"].Value, m.Groups["src"].Value,
            int.Parse(m.Groups["w"].Value), int.Parse(m.Groups["h"].Value)))];

    /// <summary>The rows of the table in the section with this id, as (header cell, data cell) text.</summary>
    public static List<(string Key, string Value)> KeyValueRows(string html, string sectionId)
    {
        Match section = Regex.Match(html, $"<section id=\"{sectionId}\">(?<body>.*?)</section>", RegexOptions.Singleline);
        if (!section.Success)
            throw new InvalidOperationException($"no section '{sectionId}'");
        return [.. RowRegex().Matches(section.Groups["body"].Value).Select(m => (m.Groups["k"].Value, m.Groups["v"].Value))];
    }

    /// <summary>Every src= and href= value in the page.</summary>
    public static List<string> References(string html) =>
        [.. ReferenceRegex().Matches(html).Select(m => m.Groups["v"].Value)];

    [GeneratedRegex("<figure class=\"chart\" id=\"[^\"]*\" data-metric=\"(?<metric>[^\"]*)\">(?<body>.*?)</figure>", RegexOptions.Singleline)]
    private static partial Regex FigureRegex();

    [GeneratedRegex("<path class=\"series\"[^>]* d=\"(?<d>[^\"]*)\"")]
    private static partial Regex SeriesRegex();

    [GeneratedRegex("<img class=\"(?<class>[^\"]*)\" src=\"(?<src>[^\"]*)\" alt=\"[^\"]*\" width=\"(?<w>\\d+)\" height=\"(?<h>\\d+)\">")]
    private static partial Regex ImgRegex();

    [GeneratedRegex("<tr><th scope=\"row\">(?<k>[^<]*)</th><td>(?<v>[^<]*)</td></tr>")]
    private static partial Regex RowRegex();

    [GeneratedRegex("\\b(?:src|href)=\"(?<v>[^\"]*)\"")]
    private static partial Regex ReferenceRegex();
}
