using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Segment.Generator.Diagnostics;
using Segment.Generator.Model;

namespace Segment.Generator.Shapes;

/// <summary>Which [Blocks] options a family's blocks are built with.</summary>
internal enum BlockSupport
{
    /// <summary>Norm, Activation, Dropout and Residual (UNet's DoubleConv, UNet++'s VGG block).</summary>
    All,

    /// <summary>Norm and Activation only (U²-Net's ConvBNReLU layers; an RSU stage is residual already).</summary>
    NormAndActivation,
}

/// <summary>
/// The [Blocks] rules every family shares: values in range (SEG2021), options the family builds (SEG2022) and
/// GroupNorm's groups dividing every normalised channel count (SEG2020, with the largest group count that fits
/// as the fix). Each family hands over its normalised channel counts with the block that has them.
/// </summary>
internal static class BlockRules
{
    /// <summary>The options to build with, or null after an error.</summary>
    public static BlockOptionsModel? Check(
        BlockOptionsSpec? spec, string family, BlockSupport support, IEnumerable<(string Block, int Channels)> normalised, List<DiagnosticInfo> diagnostics)
    {
        if (spec is null)
            return BlockOptionsModel.Seed;
        BlockOptionsModel o = spec.Values;
        int before = diagnostics.Count(d => d.IsError);

        if (!(o.Dropout >= 0 && o.Dropout < 1))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BlockOptionOutOfRange, spec.Dropout ?? spec.Attribute,
                "Dropout", Number(o.Dropout), "a dropout probability must be at least 0 and below 1"));
        if (o.Activation == ActivationChoice.LeakyReLU && (double.IsNaN(o.NegativeSlope) || double.IsInfinity(o.NegativeSlope)))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BlockOptionOutOfRange, spec.NegativeSlope ?? spec.Attribute,
                "NegativeSlope", Number(o.NegativeSlope), "LeakyReLU's slope must be a finite number"));
        if (!System.Enum.IsDefined(typeof(NormChoice), o.Norm))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BlockOptionOutOfRange, spec.Norm ?? spec.Attribute,
                "Norm", (int)o.Norm, "use Norm.Batch, Norm.Instance or Norm.Group"));
        if (!System.Enum.IsDefined(typeof(ActivationChoice), o.Activation))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BlockOptionOutOfRange, spec.Activation ?? spec.Attribute,
                "Activation", (int)o.Activation, "use Activation.ReLU, LeakyReLU, PReLU, ELU or GELU"));

        if (support == BlockSupport.NormAndActivation && (o.Dropout != 0 || o.Residual))
        {
            (string option, LocationInfo? where) = o.Dropout != 0
                ? ($"Dropout = {Number(o.Dropout)}", spec.Dropout)
                : ("Residual = true", spec.Residual);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BlockOptionNotSupported, where ?? spec.Attribute,
                option, family, "its RSU stages take Norm and Activation only (each stage is a residual unit already)"));
        }
        if (o.Norm == NormChoice.Group)
            CheckGroups(spec, normalised.ToList(), diagnostics);

        return diagnostics.Count(d => d.IsError) > before ? null : o;
    }

    private static void CheckGroups(BlockOptionsSpec spec, List<(string Block, int Channels)> normalised, List<DiagnosticInfo> diagnostics)
    {
        int groups = spec.Values.Groups;
        var misfit = normalised.FirstOrDefault(n => groups < 1 || n.Channels % groups != 0);
        if (misfit.Block is null)
            return;
        // The group counts that fit every block divide the gcd of the channel counts; suggest the largest up to the one written.
        int gcd = normalised.Aggregate(0, (g, n) => Gcd(g, n.Channels));
        int fit = Enumerable.Range(1, System.Math.Max(1, System.Math.Min(groups, gcd))).Where(d => gcd % d == 0).Max();
        string where = groups < 1 ? "a group count must be at least 1" : $"{misfit.Block}'s {misfit.Channels} channels";
        string hint = fit > 1 ? $"{fit} fits every block" : "only 1 fits every block";
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GroupsDoNotDivide, spec.Groups ?? spec.Attribute, groups, where, hint)
            .WithProperty(DiagnosticDescriptors.ExpectedValueProperty, fit.ToString(CultureInfo.InvariantCulture)));
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
