using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// Emits <c>{Namespace}.{Class}.Module.g.cs</c> for a [UNet]: children named as the seed's state_dict
/// (in_conv, down{k} = Sequential(MaxPool2d, DoubleConv), up{k} with up/conv, out_conv.0, aux_conv.0) and
/// a straight-line forward where Up's upsample, pad-to-skip and concatenation are visible steps.
/// </summary>
internal static class UNetModuleEmitter
{
    public static string Emit(UNetModel model)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "Module", "UNet");
        string output = model.Type.Name + "Output";
        string mode = model.Bilinear ? "bilinear upsampling (align_corners true)" : "transposed-conv upsampling";

        w.Line("/// <summary>");
        w.Line($"/// UNet \"{model.CliName}\": depth {model.Depth}, {mode}, {model.Classes} class(es){(model.HasAux ? $", auxiliary head on up{model.AuxLevel}" : "")}{(model.AttentionGates ? ", attention gates" : "")}{(model.BlockOptions.IsSeed ? "" : $", blocks: {model.BlockOptions}")};");
        w.Line($"/// input {InputText(model)}, {Format.Count(model.TotalParameters)} parameters. Child names equal the seed's PyTorch state_dict keys.");
        w.Line("/// </summary>");
        using (w.Block($"partial class {model.Type.Name} : {RuntimeApi.Module}<{RuntimeApi.Tensor}, {output}>"))
        {
            foreach (UNetBlockModel block in model.Blocks)
                w.Line($"private readonly {FieldType(block)} {block.Name};");
            w.Line();
            BlockOptionsWriter.WriteField(w, model.BlockOptions);
            w.Line("/// <summary>Creates the network with PyTorch's default initialisation.</summary>");
            using (w.Block(ModuleWriter.Constructor(model.Type.Name)))
            {
                foreach (UNetBlockModel block in model.Blocks)
                    RuntimeApi.WriteRegistered(w, block.Name, block.Name, New(block, BlockOptionsWriter.Argument(model.BlockOptions)));
            }
            w.Line();
            ModuleWriter.WriteLoadStateDict(w);
            w.Line();
            ModuleWriter.WriteRegisterComponents(w);
            w.Line();
            WriteForward(w, model, output);
            w.Line();
            WriteUpBlock(w, model.Bilinear, !model.BlockOptions.IsSeed, model.AttentionGates);
        }
        return w.ToString();
    }

    public static string InputText(UNetModel m) =>
        InputGuardWriter.InputText(m.InputChannels, m.FixedHeight, m.FixedWidth, m.MinimumSize);

    private static string FieldType(UNetBlockModel block) => block.Kind switch
    {
        UNetBlockKind.InConv => RuntimeApi.DoubleConv,
        UNetBlockKind.Up => "UpBlock",
        _ => RuntimeApi.Sequential,
    };

    private static string New(UNetBlockModel b, string options) => b.Kind switch
    {
        UNetBlockKind.InConv => $"new {RuntimeApi.DoubleConv}({b.InChannels}, {b.OutChannels}{options})",
        UNetBlockKind.Down => $"{RuntimeApi.Torch}.nn.Sequential({RuntimeApi.Torch}.nn.MaxPool2d(2L, 2L), new {RuntimeApi.DoubleConv}({b.InChannels}, {b.OutChannels}{options}))",
        UNetBlockKind.Up => $"new UpBlock({b.InChannels}, {b.OutChannels}, midChannels: {b.MidChannels}{Gate(b.Gate)}{options})",
        _ => $"{RuntimeApi.Torch}.nn.Sequential({RuntimeApi.NewConv2d(b.InChannels, b.OutChannels, kernelSize: 1)})",
    };

    private static string Gate(AttentionGateModel? gate) =>
        gate is null ? "" : $", gateChannels: {gate.GateChannels}, skipChannels: {gate.SkipChannels}, innerChannels: {gate.InnerChannels}";

    private static void WriteForward(IndentedWriter w, UNetModel model, string output)
    {
        w.Line("/// <summary>");
        w.Line($"/// Runs the network on <paramref name=\"input\"/> {InputText(model)}; any size works (odd ones too: each Up pads");
        w.Line("/// the upsampled map to its skip) and the logits have the input's H x W.");
        w.Line("/// </summary>");
        w.Line($"/// <exception cref=\"global::System.ArgumentException\">The input is not {InputText(model)}.</exception>");
        using (w.Block($"public override {output} forward({RuntimeApi.Tensor} input)"))
        {
            InputGuardWriter.WriteCheck(w, model.CliName, model.InputChannels, model.FixedHeight, model.FixedWidth, model.MinimumSize);
            ForwardWriter.Write(w, model.Forward);
            w.Line($"return new {output}({string.Join(", ", model.Forward.Results)});");
        }
    }

    private static void WriteUpBlock(IndentedWriter w, bool bilinear, bool hasOptions, bool attention)
    {
        w.Line("/// <summary>");
        w.Line(bilinear
            ? "/// The seed's Up (bilinear): <c>conv</c>, a DoubleConv on cat([skip, upsampled]); the upsampling has no weights."
            : "/// The seed's Up (transposed): <c>up</c>, ConvTranspose2d(in, in / 2, 2, stride 2), and <c>conv</c>, a DoubleConv on cat([skip, upsampled]).");
        if (attention)
            w.Line("/// <c>attention</c>, an AttentionGate, weighs the skip by coefficients from the skip and the padded upsampled map.");
        w.Line("/// The forward above calls them around the pad to the skip and the concatenation.");
        w.Line("/// </summary>");
        using (w.Block($"public sealed class UpBlock : {RuntimeApi.Module}"))
        {
            string parameters = "int inChannels, int outChannels, int midChannels"
                + (attention ? ", int gateChannels, int skipChannels, int innerChannels" : "")
                + (hasOptions ? $", {RuntimeApi.BlockOptions} options" : "");
            using (w.Block(ModuleWriter.Constructor("UpBlock", parameters)))
            {
                if (!bilinear)
                    RuntimeApi.WriteRegistered(w, "up", "up", $"{RuntimeApi.Torch}.nn.ConvTranspose2d(inChannels, inChannels / 2, kernel_size: 2L, stride: 2L)");
                if (attention)
                    RuntimeApi.WriteRegistered(w, "attention", "attention", $"new {RuntimeApi.AttentionGate}(gateChannels, skipChannels, innerChannels)");
                RuntimeApi.WriteRegistered(w, "conv", "conv", $"new {RuntimeApi.DoubleConv}(inChannels, outChannels, midChannels{(hasOptions ? ", options" : "")})");
            }
            if (!bilinear)
            {
                w.Line();
                w.Line($"public {RuntimeApi.ConvTranspose2d} up {{ get; }}");
            }
            if (attention)
            {
                w.Line();
                w.Line($"public {RuntimeApi.AttentionGate} attention {{ get; }}");
            }
            w.Line();
            w.Line($"public {RuntimeApi.DoubleConv} conv {{ get; }}");
            w.Line();
            ModuleWriter.WriteRegisterComponents(w);
        }
    }
}
