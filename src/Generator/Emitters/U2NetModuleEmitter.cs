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
        w.Line($"/// U²-Net \"{model.CliName}\": {model.Encoders.Count} encoder and {model.Decoders.Count} decoder RSU stages, {model.Sides.Count} side output(s) fused by out_conv;");
        w.Line($"/// input {InputText(model)}, {Format.Count(model.TotalParameters)} parameters. Child names equal the seed's PyTorch state_dict keys.");
        w.Line($"/// </summary>");
        using (w.Block($"partial class {model.Type.Name} : {RuntimeApi.Module}<{RuntimeApi.Tensor}, {output}>"))
        {
            foreach (RsuStageModel stage in stages)
                w.Line($"private readonly {stage.ClassName} {stage.Name};");
            foreach (SideModel side in model.Sides.OrderBy(s => s.ModuleIndex))
                w.Line($"private readonly {RuntimeApi.Conv2d} {side.FieldName};");
            w.Line($"private readonly {RuntimeApi.Conv2d} out_conv;");
            w.Line();

            WriteConstructor(w, model);
            w.Line();
            WriteForward(w, model, output);

            foreach (RsuStageModel stage in stages)
            {
                w.Line();
                WriteStage(w, stage);
            }
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
                w.Line($"{stage.Name} = new {stage.ClassName}();");
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

    private static void WriteStage(IndentedWriter w, RsuStageModel stage)
    {
        string kind = stage.Kind == StageKind.Encoder ? "Encoder" : "Decoder";
        w.Line("/// <summary>");
        w.Line($"/// {kind} stage {stage.Name}: {stage.BlockName}, {stage.ConvIn.InChannels} -> {stage.ConvIn.OutChannels} channels (mid {stage.MidChannels}),");
        w.Line($"/// {stage.InputShape} -> {stage.OutputShape}; {Format.Count(stage.Parameters)} parameters.");
        w.Line("/// </summary>");
        using (w.Block($"public sealed partial class {stage.ClassName} : {RuntimeApi.Module}<{RuntimeApi.Tensor}, {RuntimeApi.Tensor}>"))
        {
            w.Line($"private readonly {RuntimeApi.ConvBnRelu} conv_in;");
            for (int j = 0; j < stage.Encode.Count; j++)
                w.Line($"private readonly {RuntimeApi.ConvBnRelu} encode_modules_{j};");
            for (int j = 0; j < stage.Decode.Count; j++)
                w.Line($"private readonly {RuntimeApi.ConvBnRelu} decode_modules_{j};");
            w.Line();

            using (w.Block(ModuleWriter.Constructor(stage.ClassName)))
            {
                RuntimeApi.WriteRegistered(w, "conv_in", "conv_in", RuntimeApi.New(stage.ConvIn));
                for (int j = 0; j < stage.Encode.Count; j++)
                    w.Line($"encode_modules_{j} = {RuntimeApi.New(stage.Encode[j])};");
                for (int j = 0; j < stage.Decode.Count; j++)
                    w.Line($"decode_modules_{j} = {RuntimeApi.New(stage.Decode[j])};");
                w.Line($"register_module(\"encode_modules\", {RuntimeApi.NewModuleList(string.Join(", ", Enumerable.Range(0, stage.Encode.Count).Select(j => "encode_modules_" + j)))});");
                w.Line($"register_module(\"decode_modules\", {RuntimeApi.NewModuleList(string.Join(", ", Enumerable.Range(0, stage.Decode.Count).Select(j => "decode_modules_" + j)))});");
            }
            w.Line();

            using (w.Block($"public override {RuntimeApi.Tensor} forward({RuntimeApi.Tensor} x)"))
            {
                ForwardWriter.Write(w, stage.Forward);
                w.Line("return y;");
            }
            w.Line();
            ModuleWriter.WriteRegisterComponents(w);
        }
    }
}
