using System.Collections.Generic;
using System.Linq;
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
        CheckDoubling(o, diagnostics);
        if (o.DeepSupervision && levels < 2)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DeepSupervisionTooShallow, o.DeepSupervisionLocation, levels));
        if (spec.Input is { HasFixedSize: true } input)
        {
            Divisible(spec, "Height", input.Height, input.HeightLocation, levels, diagnostics);
            Divisible(spec, "Width", input.Width, input.WidthLocation, levels, diagnostics);
        }
    }

    // A UNet++ runs with any filters (each node concatenates whatever its inputs have), so this is a warning, and only
    // for a list that otherwise doubles: when at least three elements, and most of them, agree on one first level
    // (DoublingConsensus), an element off that doubling is most likely a typo, blamed with the value the others imply.
    private static void CheckDoubling(UNetPlusPlusOptions o, List<DiagnosticInfo> diagnostics)
    {
        var filters = o.Filters;
        if (filters.Count < 3 || filters.Any(f => f <= 0))
            return;
        (int first, int votes) = DoublingConsensus.Of(filters);
        if (votes < 3 || votes * 2 <= filters.Count || votes == filters.Count)
            return;
        string basis = $"{votes} of the {filters.Count} filters double from {first}";
        for (int k = 0; k < filters.Count; k++)
        {
            long expected = (long)first << k;
            if (filters[k] == expected)
                continue;
            string expectedText = expected.ToString(CultureInfo.InvariantCulture);
            DiagnosticInfo odd = DiagnosticInfo.Create(DiagnosticDescriptors.FiltersDoNotDouble, o.Filter(k), k, filters[k], basis, expectedText);
            diagnostics.Add(expected <= DiagnosticDescriptors.MaxChannels ? odd.WithProperty(DiagnosticDescriptors.ExpectedValueProperty, expectedText) : odd);
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
