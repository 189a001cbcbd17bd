using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Shapes;

/// <summary>
/// Lays out one RSU-L or RSU-4F block exactly as the seed's RSU / RSU4F classes (docs/seeds.md):
/// its layers in state_dict order and its forward pass with shapes.
/// </summary>
internal static class RsuBlockBuilder
{
    public static RsuStageModel Build(RsuStageSpec stage, int index, TensorShape input, BlockOptionsModel blocks)
    {
        var convIn = new ConvSpec(stage.InChannels, stage.OutChannels, 3, 1, WithNorm: true);
        var (encode, decode) = stage.Dilated ? DilatedLayers(stage) : RsuLayers(stage);
        ForwardProgram forward = stage.Dilated ? DilatedForward(stage, input) : RsuForward(stage, input);
        long parameters = convIn.Parameters + encode.Sum(c => c.Parameters) + decode.Sum(c => c.Parameters)
            + (blocks.Activation == ActivationChoice.PReLU ? 1 + encode.Count + decode.Count : 0); // one PReLU slope per layer
        return new RsuStageModel(
            stage.Name, stage.Kind, index, stage.Height, stage.Dilated, stage.MidChannels,
            convIn, encode.ToEquatableArray(), decode.ToEquatableArray(),
            input, input.WithChannels(stage.OutChannels), forward, parameters);
    }

    public static string EncodeField(int j) => "encode_modules_" + j;

    public static string DecodeField(int j) => "decode_modules_" + j;

    private static (List<ConvSpec> Encode, List<ConvSpec> Decode) RsuLayers(RsuStageSpec s)
    {
        int l = s.Height, mid = s.MidChannels, output = s.OutChannels;
        var encode = new List<ConvSpec> { new(output, mid, 3, 1, true) };
        for (int j = 0; j < l - 2; j++)
            encode.Add(new ConvSpec(mid, mid, 3, 1, true));
        encode.Add(new ConvSpec(mid, mid, 3, 2, true)); // the dilated bottom, no pooling

        // L-1 decoders; the last one outputs `out` for the residual. (The seed writes `mid` when L = 2,
        // which only works when mid == out; "the last decoder outputs out" is the general rule.)
        var decode = new List<ConvSpec>();
        for (int i = 0; i < l - 1; i++)
            decode.Add(new ConvSpec(2 * mid, i == l - 2 ? output : mid, 3, 1, true));
        return (encode, decode);
    }

    private static (List<ConvSpec> Encode, List<ConvSpec> Decode) DilatedLayers(RsuStageSpec s)
    {
        int mid = s.MidChannels, output = s.OutChannels;
        var encode = new List<ConvSpec>
        {
            new(output, mid, 3, 1, true),
            new(mid, mid, 3, 2, true),
            new(mid, mid, 3, 4, true),
            new(mid, mid, 3, 8, true),
        };
        var decode = new List<ConvSpec>
        {
            new(2 * mid, mid, 3, 4, true),
            new(2 * mid, mid, 3, 2, true),
            new(2 * mid, output, 3, 1, true),
        };
        return (encode, decode);
    }

    private static ForwardProgram RsuForward(RsuStageSpec s, TensorShape input)
    {
        int l = s.Height, mid = s.MidChannels;
        var p = new ProgramBuilder("x", input);
        string xIn = p.Module("x_in", "conv_in", "x", s.OutChannels);

        // Encoder: item 0 on x_in; items 1..L-2 pool first; the last (dilated) keeps the size.
        var enc = new List<string> { p.Module("enc0", EncodeField(0), xIn, mid) };
        for (int j = 1; j <= l - 2; j++)
        {
            string pooled = p.MaxPool("pool" + j, enc[j - 1]);
            enc.Add(p.Module("enc" + j, EncodeField(j), pooled, mid));
        }
        enc.Add(p.Module("enc" + (l - 1), EncodeField(l - 1), enc[l - 2], mid));

        // Decoder: skips in reverse; the first does not resize (same size as the bottom).
        string x = enc[l - 1];
        for (int i = 0; i <= l - 2; i++)
        {
            string skip = enc[l - 2 - i];
            string deeper = i == 0 ? x : p.ResizeLike("up" + i, x, skip);
            string cat = p.Concat("cat" + i, deeper, skip);
            x = p.Module("dec" + i, DecodeField(i), cat, i == l - 2 ? s.OutChannels : mid);
        }
        return p.Build(p.Sum("y", x, xIn));
    }

    private static ForwardProgram DilatedForward(RsuStageSpec s, TensorShape input)
    {
        int mid = s.MidChannels;
        var p = new ProgramBuilder("x", input);
        string xIn = p.Module("x_in", "conv_in", "x", s.OutChannels);
        var enc = new List<string>();
        string x = xIn;
        for (int j = 0; j < 4; j++)
            enc.Add(x = p.Module("enc" + j, EncodeField(j), x, mid));
        for (int i = 0; i < 3; i++)
        {
            string cat = p.Concat("cat" + i, x, enc[2 - i]);
            x = p.Module("dec" + i, DecodeField(i), cat, i == 2 ? s.OutChannels : mid);
        }
        return p.Build(p.Sum("y", x, xIn));
    }
}
