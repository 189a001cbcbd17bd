using System.Linq;
using System.Collections.Generic;
using Segment.Generator.Model;

namespace Segment.Generator.Shapes;

/// <summary>
/// Second step of the UNet pipeline: <see cref="UNetSpec"/> -> <see cref="UNetAnalysis"/>. Lays out the
/// seed's blocks (docs/seeds.md, generalised to any depth as tests/oracles/models/unet.py) with their
/// channels, shapes and parameters, and the straight-line forward. Pure: generator and analyzer share it.
/// </summary>
internal static class UNetShapeInference
{
    public static NetworkAnalysis Analyze(UNetSpec spec)
    {
        var diagnostics = new List<DiagnosticInfo>(spec.Diagnostics);
        int[]? channels = UNetRules.Check(spec, diagnostics);
        UNetModel? model = !diagnostics.Any(d => d.IsError) && channels is not null ? Build(spec, channels, BlockOptionsModel.Seed) : null;
        if (model is not null)
        {
            // [Blocks] is checked against the layout's normalised channels (each conv block's middle and output).
            var normalised = model.Blocks.Where(b => b.Kind is UNetBlockKind.InConv or UNetBlockKind.Down or UNetBlockKind.Up)
                .SelectMany(b => new[] { (b.Name, b.MidChannels), (b.Name, b.OutChannels) });
            BlockOptionsModel? blocks = BlockRules.Check(spec.BlockOptions, "UNet", BlockSupport.All, normalised, diagnostics);
            model = blocks is null ? null : blocks.IsSeed ? model : Build(spec, channels!, blocks);
        }
        return new NetworkAnalysis(spec.Type.Name, model, diagnostics.ToEquatableArray(), spec.Options.Locations.Name);
    }

    private static UNetModel Build(UNetSpec spec, int[] c, BlockOptionsModel options)
    {
        UNetOptions o = spec.Options;
        int depth = o.Depth, factor = o.Bilinear ? 2 : 1;
        int inputChannels = spec.Input?.Channels ?? 3;
        int? height = spec.Input is { HasFixedSize: true } i ? i.Height : null;
        int? width = spec.Input is { HasFixedSize: true } j ? j.Width : null;
        var input = new TensorShape(inputChannels, SpatialSize.Input(height, width, PoolRounding.Floor));

        var blocks = new List<UNetBlockModel>();
        var p = new ProgramBuilder("input", input);

        // Encoder: x1 = in_conv(input), x{k+1} = down{k}(x{k}); the bottom is halved when bilinear.
        var skips = new List<string> { p.Module("x1", "in_conv", "input", c[0]) };
        blocks.Add(Block("in_conv", UNetBlockKind.InConv, inputChannels, c[0], c[0], input, p.ShapeOf("x1"), options.TwoConvParameters(inputChannels, c[0], c[0], bias: false)));
        for (int k = 1; k <= depth; k++)
        {
            int output = k == depth ? c[k] / factor : c[k];
            string from = skips[k - 1];
            TensorShape shape = new(output, p.ShapeOf(from).Size.PooledFloor());
            string x = p.Module("x" + (k + 1), "down" + k, from, shape);
            blocks.Add(Block("down" + k, UNetBlockKind.Down, c[k - 1], output, output, p.ShapeOf(from), shape, options.TwoConvParameters(c[k - 1], output, output, bias: false)));
            skips.Add(x);
        }

        // Decoder: Up k upsamples, pads to the skip one level up, runs DoubleConv on cat([skip, up]).
        string current = skips[depth];
        var decoded = new List<string>();
        for (int k = 1; k <= depth; k++)
        {
            int level = depth - k, inChannels = c[level + 1];
            int output = k == depth ? c[0] : c[level] / factor;
            int mid = o.Bilinear ? inChannels / 2 : output;
            string skip = skips[level], name = "up" + k;
            TensorShape deeper = p.ShapeOf(current);
            string up = o.Bilinear
                ? p.Upsample(name + "_up", current)
                : p.Module(name + "_up", UNetBlockModel.UpsamplePath(name), current, new TensorShape(inChannels / 2, deeper.Size.Upsampled()));
            string padded = p.PadLike(name + "_pad", up, skip);
            AttentionGateModel? gate = null;
            if (o.AttentionGates)
            {
                // The gate weighs the skip by coefficients from the skip and the padded decoder map: F_int = F_l / 2, as MONAI's AttentionUnet.
                gate = new AttentionGateModel(p.ShapeOf(padded).Channels, p.ShapeOf(skip).Channels, p.ShapeOf(skip).Channels / 2);
                skip = p.Gate(name + "_gated", UNetBlockModel.AttentionPath(name), padded, skip);
            }
            string cat = p.Concat(name + "_cat", skip, padded);
            current = p.Module("u" + k, UNetBlockModel.ConvPath(name), cat, output);
            decoded.Add(current);
            long upParameters = o.Bilinear ? 0 : 4L * inChannels * (inChannels / 2) + inChannels / 2;
            blocks.Add(Block(name, UNetBlockKind.Up, inChannels, mid, output, deeper, p.ShapeOf(current),
                upParameters + (gate?.Parameters ?? 0) + options.TwoConvParameters(inChannels, mid, output, bias: false)) with { Gate = gate });
        }

        var results = new List<string> { p.Module("logits", "out_conv", current, o.Classes) };
        blocks.Add(Block("out_conv", UNetBlockKind.OutConv, c[0], o.Classes, o.Classes, p.ShapeOf(current), p.ShapeOf("logits"), (long)c[0] * o.Classes + o.Classes));
        if (o.AuxLevel > 0)
        {
            // The auxiliary head: a 1x1 conv on Up AuxLevel's output, resized (bilinear, align_corners false) to the input.
            string source = decoded[o.AuxLevel - 1];
            int auxIn = p.ShapeOf(source).Channels;
            string logits = p.Module("aux_logits", "aux_conv", source, o.Classes);
            results.Add(p.ResizeToInput("aux", logits));
            blocks.Add(Block("aux_conv", UNetBlockKind.AuxConv, auxIn, o.Classes, o.Classes, p.ShapeOf(source), p.ShapeOf("aux"), (long)auxIn * o.Classes + o.Classes));
        }

        long total = 0;
        foreach (UNetBlockModel block in blocks)
            total += block.Parameters;
        return new UNetModel(
            spec.Type, o.CliName, inputChannels, height, width, o.Classes, depth, o.Bilinear, o.AuxLevel, o.ClassWeights, o.IgnoreIndex,
            o.Dice, blocks.ToEquatableArray(), p.Build(results.ToArray()), new TensorShape(o.Classes, input.Size), total, o.AttentionGates)
        {
            BlockOptions = options,
        };
    }

    private static UNetBlockModel Block(string name, UNetBlockKind kind, int inChannels, int mid, int outChannels, TensorShape input, TensorShape output, long parameters) =>
        new(name, kind, inChannels, mid, outChannels, input, output, parameters);
}
