using System;
using System.Globalization;

namespace Segment.Imaging.Report;

/// <summary>
/// The one way training numbers are printed (progress lines, the report's tables and charts, the run's
/// configuration): a few significant digits, plain decimals from 1e-4 up to 1e6 (<c>0.000842</c>, <c>0.5</c>,
/// <c>360</c>), an exponent only outside that range (<c>9.79e-5</c>), trailing zeros dropped, invariant culture.
/// </summary>
public static class NumberText
{
    /// <summary>The significant digits training numbers print with (losses, learning rates, metrics, seconds).</summary>
    public const int Digits = 4;

    /// <summary><paramref name="value"/> with <paramref name="significant"/> significant digits (1 to 15).</summary>
    public static string Format(double value, int significant = Digits)
    {
        if (significant is < 1 or > 15)
            throw new ArgumentOutOfRangeException(nameof(significant), significant, "1 to 15 significant digits");
        if (double.IsNaN(value))
            return "NaN";
        if (double.IsInfinity(value))
            return value > 0 ? "inf" : "-inf";
        if (value == 0)
            return "0";
        // Round first: 9.9996e-5 to 3 digits is 1e-4, which then prints plainly.
        double rounded = double.Parse(value.ToString("E" + (significant - 1), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        int exponent = (int)Math.Floor(Math.Log10(Math.Abs(rounded)));
        if (exponent is >= -4 and < 6)
            return Trim(rounded.ToString("F" + Math.Max(0, significant - 1 - exponent), CultureInfo.InvariantCulture));
        double mantissa = rounded / Math.Pow(10, exponent);
        return Trim(mantissa.ToString("F" + (significant - 1), CultureInfo.InvariantCulture)) + "e" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    private static string Trim(string fixedPoint) =>
        fixedPoint.Contains('.', StringComparison.Ordinal) ? fixedPoint.TrimEnd('0').TrimEnd('.') : fixedPoint;
}
