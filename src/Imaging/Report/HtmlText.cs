using System.Text;

namespace Segment.Imaging.Report;

/// <summary>
/// Escapes text for HTML and SVG (both element content and quoted attributes): every string in
/// the report comes from a user (configuration values, sample file names, metric names), and a
/// <c>&lt;</c> in a file name must not open a tag. Control characters other than tab and newline
/// are not allowed in HTML text, so they become U+FFFD.
/// </summary>
internal static class HtmlText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\t' or '\n': sb.Append(c); break;
                case < ' ' or '\u007f': sb.Append('\uFFFD'); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
