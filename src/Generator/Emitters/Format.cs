using System.Globalization;

namespace Segment.Generator.Emitters;

/// <summary>Culture-invariant formatting for generated code and text (the output must not depend on the build machine's locale).</summary>
internal static class Format
{
    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>A C# double literal that round-trips.</summary>
    public static string Literal(double value)
    {
        if (double.IsNaN(value)) return "double.NaN";
        if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
        string s = value.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains(".") || s.Contains("E") ? s : s + ".0";
    }

    /// <summary>
    /// A C# float literal of <paramref name="value"/> as the runtime will hold it: NaN and values outside float's range
    /// (which a <c>1E+39f</c> literal would make a compile error) become the float constants.
    /// </summary>
    public static string FloatLiteral(double value)
    {
        float rounded = (float)value;
        if (float.IsNaN(rounded)) return "float.NaN";
        if (float.IsPositiveInfinity(rounded)) return "float.PositiveInfinity";
        if (float.IsNegativeInfinity(rounded)) return "float.NegativeInfinity";
        return Literal(value) + "f";
    }

    /// <summary>A C# string literal (CLI names come from user text).</summary>
    public static string String(string value) =>
        Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);
}
