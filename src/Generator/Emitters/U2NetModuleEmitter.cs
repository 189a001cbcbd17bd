using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// Emits <c>{Namespace}.{Class}.Module.g.cs</c>: the user's class as a runtime module with the seed's
/// child names (encode_modules, decode_modules, side_modules, out_conv), a nested class per stage,
/// and straight-line forward passes with every tensor's shape beside it.
/// </summary>
internal static class U2NetModuleEmitter
{
    public static string Emit(U2NetModel model)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "Module");
        string output = model.Type.Name + "Output";
        var stages = model.Encoders.Concat(model.Decoders).ToList();

        w.Line($"/// <summary>");
        w.Line($"/// U²-Net \"{model.CliName}\": {model.Encoders.Count} encoder and {model.Decoders.Count} decoder RSU stages, {model.Sides.Count} side output(s) fused by out_conv{(model.BlockOptions.IsSeed ? "" : $", blocks: {model.BlockOptions}")};");
        w.Line($"/// input {InputText(model)}, {Format.Count(model.TotalParameters)} parameters. Child names equal the seed's PyTorch state_dict keys.");
        w.Line($"/// </summary>");
        using (w.Block($"partial class {model.Type.Name} : {RuntimeApi.Module}<{RuntimeApi.Tensor}, {output}>"))
        {
            foreach (RsuStageModel stage in stages)
            {
                w.Line($"/// <summary>{StageText(stage)}</summary>");
                w.Line($"private readonly {RuntimeApi.RsuBlock} {stage.Name};");
            }
            foreach (SideModel side in model.Sides.OrderBy(s => s.ModuleIndex))
                w.Line($"private readonly {RuntimeApi.Conv2d} {side.FieldName};");
            w.Line($"private readonly {RuntimeApi.Conv2d} out_conv;");
            w.Line();
            BlockOptionsWriter.WriteField(w, model.BlockOptions);
            WriteConstructor(w, model);
            w.Line();
            WriteForward(w, model, output);
        }
        return w.ToString();
    }

    private static string InputText(U2NetModel m) =>
        InputGuardWriter.InputText(m.InputChannels, m.FixedHeight, m.FixedWidth, m.MinimumSize);

    private static void WriteConstructor(IndentedWriter w, U2NetModel model)
    {
        w.Line("/// <summary>Creates the network with PyTorch's default initialisation.</summary>");
        using (w.Block(ModuleWriter.Constructor(model.Type.Name)))
        {
            foreach (RsuStageModel stage in model.Encoders.Concat(model.Decoders))
                w.Line($"{stage.Name} = {RuntimeApi.NewRsu(stage.Height, stage.ConvIn.InChannels, stage.MidChannels, stage.ConvIn.OutChannels, stage.Dilated, BlockOptionsWriter.Argument(model.BlockOptions))};");
            w.Line($"register_module(\"encode_modules\", {RuntimeApi.NewModuleList(string.Join(", ", model.Encoders.Select(s => s.Name)))});");
            w.Line($"register_module(\"decode_modules\", {RuntimeApi.NewModuleList(string.Join(", ", model.Decoders.Select(s => s.Name)))});");
            // Registered in stage order, as the seed appends them: side_modules.0 is the first stage with a side.
            var sides = model.Sides.OrderBy(s => s.ModuleIndex).ToList();
            foreach (SideModel side in sides)
                w.Line($"{side.FieldName} = {RuntimeApi.New(side.Conv)};");
            w.Line($"register_module(\"side_modules\", {RuntimeApi.NewModuleList(string.Join(", ", sides.Select(s => s.FieldName)))});");
            RuntimeApi.WriteRegistered(w, "out_conv", "out_conv", RuntimeApi.New(model.OutConv));
        }
        w.Line();
        ModuleWriter.WriteLoadStateDict(w);
        w.Line();
        ModuleWriter.WriteRegisterComponents(w);
    }

    private static void WriteForward(IndentedWriter w, U2NetModel model, string output)
    {
        string activation = model.IsMultiClass ? $"{RuntimeApi.F}.softmax(fused, 1)" : $"{RuntimeApi.F}.sigmoid(fused)";
        w.Line("/// <summary>");
        w.Line($"/// Runs the network on <paramref name=\"input\"/> {InputText(model)}. Returns the fused and side logits;");
        w.Line($"/// in eval mode also the probabilities ({(model.IsMultiClass ? "softmax over classes" : "sigmoid")} of the fused logits).");
        w.Line("/// </summary>");
        w.Line($"/// <exception cref=\"global::System.ArgumentException\">The input is not {InputText(model)}.</exception>");
        using (w.Block($"public override {output} forward({RuntimeApi.Tensor} input)"))
        {
            InputGuardWriter.WriteCheck(w, model.CliName, model.InputChannels, model.FixedHeight, model.FixedWidth, model.MinimumSize);
            ForwardWriter.Write(w, model.Forward);
            w.Line($"var probabilities = training ? null : {activation}; // {model.OutputShape}");
            string sides = string.Join(", ", model.Sides.Select(s => "side" + s.Number));
            w.Line($"return new {output}(fused, {sides}, probabilities);");
        }
    }

    /// <summary>"Encoder stage En1: RSU-7, [N, 3, H, W] -> [N, 64, H, W] (mid 16), 6,224 parameters."</summary>
    private static string StageText(RsuStageModel stage) =>
        $"{(stage.Kind == StageKind.Encoder ? "Encoder" : "Decoder")} stage {stage.Name}: {stage.BlockName}, {stage.InputShape} -> {stage.OutputShape} (mid {stage.MidChannels}), {Format.Count(stage.Parameters)} parameters.";
}
