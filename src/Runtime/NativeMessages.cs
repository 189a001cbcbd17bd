using System;

namespace Segment.Runtime;

/// <summary>
/// libtorch's error messages carry its C++ backtrace ("Exception raised from ... frame #0: c10::ThrowEnforceNotMet ...",
/// several KB): useful in a bug report, noise in a command line's one line. This keeps the message itself.
/// </summary>
public static class NativeMessages
{
    /// <summary>Longest message kept when it has no sentence end (a shape listing, say).</summary>
    public const int MaxLength = 400;

    /// <summary>
    /// The first sentence of a native message: its first line, without libtorch's "Exception raised from" and
    /// backtrace, and cut after its first full stop past the bracketed "[enforce fail at FILE:LINE]" prefix when longer than <see cref="MaxLength"/>.
    /// </summary>
    public static string FirstSentence(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        string text = message.Replace("\r", "", StringComparison.Ordinal);
        foreach (string marker in new[] { "Exception raised from", "frame #0", "\n" })
        {
            int at = text.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
                text = text[..at];
        }
        text = text.Trim();
        if (text.Length == 0)
            return "libtorch failed without a message before its backtrace";
        if (text.Length <= MaxLength)
            return text;
        int start = text.StartsWith('[') ? Math.Max(0, text.IndexOf(']') + 1) : 0;
        int stop = text.IndexOf(". ", start, StringComparison.Ordinal);
        return stop > 0 && stop < MaxLength ? text[..(stop + 1)] : text[..MaxLength] + "...";
    }
}
