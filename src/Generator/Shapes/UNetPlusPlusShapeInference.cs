using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Shapes;

/// <summary>
/// Second step of the UNet++ pipeline: <see cref="UNetPlusPlusSpec"/> -> <see cref="UNetPlusPlusAnalysis"/>.
/// Nodes X(i, j) as seed 004's NestedUNet: X(i, 0) = VGG(pool(X(i-1, 0))), X(i, j) = VGG(cat([X(i, 0..j-1),
/// up(X(i+1, j-1))])), computed by anti-diagonals so that depth d's head needs only the first d + 1 diagonals.
/// </summary>
internal static class UNetPlusPlusShapeInference
{
    public static NetworkAnalysis Analyze(UNetPlusPlusSpec spec)
    {
        var diagnostics = new List<DiagnosticInfo>(spec.Diagnostics);
        UNetPlusPlusRules.Check(spec, diagnostics);
        UNetPlusPlusModel? model = !diagnostics.Any(d => d.IsError) ? Build(spec, BlockOptionsModel.Seed) : null;
        if (model is not null)
        {
            // [Blocks] is checked against each VGG node's normalised channels (its filters, twice).
            var normalised = model.Nodes.Select(n => (n.ModuleName, n.OutChannels));
            BlockOptionsModel? blocks = BlockRules.Check(spec.BlockOptions, "UNet++", BlockSupport.All, normalised, diagnostics);
            model = blocks is null ? null : blocks.IsSeed ? model : Build(spec, blocks);
        }
        return new NetworkAnalysis(spec.Type.Name, model, diagnostics.ToEquatableArray(), spec.Options.NameLocation);
    }

    private static UNetPlusPlusModel Build(UNetPlusPlusSpec spec, BlockOptionsModel options)
    {
        UNetPlusPlusOptions o = spec.Options;
        int[] f = o.Filters.ToArray();
        int levels = f.Length - 1;
        int inputChannels = spec.Input?.Channels ?? 3;
        int? height = spec.Input is { HasFixedSize: true } i ? i.Height : null;
        int? width = spec.Input is { HasFixedSize: true } j ? j.Width : null;
        var input = new TensorShape(inputChannels, SpatialSize.Input(height, width, PoolRounding.Exact));
        var head = new ConvSpec(f[0], o.Classes, 1, 1, WithNorm: false);

        var nodes = new List<NestedNodeModel>();
        var pruned = new List<ForwardProgram>();
        var p = new ProgramBuilder("input", input);
        for (int diagonal = 0; diagonal <= levels; diagonal++)
        {
            for (int column = 0; column <= diagonal; column++)
                nodes.Add(Node(p, diagonal - column, column, f, options));
            if (o.DeepSupervision && diagonal >= 1)
                pruned.Add(p.Clone().BuildWith(Head(diagonal, o.DeepSupervision), "x0_" + diagonal, o.Classes));
        }
        // The full forward: every head (deep supervision) or the one on X(0, L).
        var heads = o.DeepSupervision
            ? Enumerable.Range(1, levels).Select(d => p.Module("out" + d, "final" + d, "x0_" + d, o.Classes)).ToArray()
            : new[] { p.Module("logits", "final", "x0_" + levels, o.Classes) };

        long total = nodes.Sum(n => n.Parameters) + (o.DeepSupervision ? levels : 1) * head.Parameters;
        return new UNetPlusPlusModel(
            spec.Type, o.CliName, inputChannels, height, width, o.Classes, levels, o.DeepSupervision, o.IgnoreIndex, o.Dice, o.Filters,
            nodes.ToEquatableArray(), head, p.Build(heads), pruned.ToEquatableArray(), new TensorShape(o.Classes, input.Size), total)
        {
            BlockOptions = options,
        };
    }

    private static string Head(int depth, bool deepSupervision) => deepSupervision ? "final" + depth : "final";

    private static NestedNodeModel Node(ProgramBuilder p, int row, int column, int[] f, BlockOptionsModel options)
    {
        string target = $"x{row}_{column}", module = $"conv{row}_{column}";
        string from;
        if (column == 0)
        {
            from = row == 0 ? "input" : p.MaxPoolFloor($"x{row - 1}_0_pooled", $"x{row - 1}_0");
        }
        else
        {
            var parts = Enumerable.Range(0, column).Select(k => $"x{row}_{k}").ToList();
            parts.Add(p.Upsample($"x{row + 1}_{column - 1}_up", $"x{row + 1}_{column - 1}"));
            from = p.Concat(target + "_in", parts.ToArray());
        }
        TensorShape inShape = p.ShapeOf(from);
        p.Module(target, module, from, f[row]);
        long parameters = options.TwoConvParameters(inShape.Channels, f[row], f[row], bias: true);
        return new NestedNodeModel(row, column, inShape.Channels, f[row], inShape, p.ShapeOf(target), parameters);
    }
}
