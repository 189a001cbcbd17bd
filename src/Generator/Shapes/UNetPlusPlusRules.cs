using System.Collections.Generic;
using System.Globalization;
using Segment.Generator.Diagnostics;
using Segment.Generator.Model;

namespace Segment.Generator.Shapes;

/// <summary>The checks of a [UNetPlusPlus] declaration before its model is built.</summary>
internal static class UNetPlusPlusRules
{
    public const int MaxLevels = 10;

    public static void Check(UNetPlusPlusSpec spec, List<DiagnosticInfo> diagnostics)
    {
        UNetPlusPlusOptions o = spec.Options;
        CommonRules.CheckName(o.CliName, o.NameLocation, diagnostics);
        CommonRules.CheckInput(spec.Input, diagnostics);
        CommonRules.Positive(o.Classes, o.ClassesLocation, "Classes", diagnostics);
        for (int k = 0; k < o.Filters.Count; k++)
            CommonRules.Positive(o.Filters[k], o.Filter(k), $"Filters[{k}]", diagnostics);

        int levels = o.Filters.Count - 1;
        if (levels < 1 || levels > MaxLevels)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DepthOutOfRange, o.FiltersLocation, $"Filters ({o.Filters.Count} value(s))", levels, MaxLevels));
            return;
        }
        if (o.DeepSupervision && levels < 2)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DeepSupervisionTooShallow, o.DeepSupervisionLocation, levels));
        if (spec.Input is { HasFixedSize: true } input)
        {
            Divisible(spec, "Height", input.Height, input.HeightLocation, levels, diagnostics);
            Divisible(spec, "Width", input.Width, input.WidthLocation, levels, diagnostics);
        }
    }

    /// <summary>The smallest positive multiple of 2^levels not below <paramref name="size"/>: what to pad to.</summary>
    public static int PaddedSize(int size, int levels)
    {
        int multiple = 1 << levels;
        return size <= multiple ? multiple : (size + multiple - 1) / multiple * multiple;
    }

    private static void Divisible(UNetPlusPlusSpec spec, string axis, int size, LocationInfo? where, int levels, List<DiagnosticInfo> diagnostics)
    {
        int multiple = 1 << levels;
        if (size <= 0 || size % multiple == 0)
            return;
        int expected = PaddedSize(size, levels);
        diagnostics.Add(DiagnosticInfo
            .Create(DiagnosticDescriptors.InputNotDivisible, where, spec.Type.Name, axis, size, levels, multiple, expected)
            .WithProperty(DiagnosticDescriptors.ExpectedValueProperty, expected.ToString(CultureInfo.InvariantCulture)));
    }
}
