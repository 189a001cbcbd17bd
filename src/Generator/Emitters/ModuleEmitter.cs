using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// Emits <c>{Namespace}.{Class}.Module.g.cs</c> for every family from its <see cref="ModuleLayout"/>: the user's class as
/// a TorchSharp module whose children are created by their typed blocks and registered under the seed's state_dict
/// names, the checked load_state_dict, and straight-line forwards with every tensor's shape beside it.
/// </summary>
internal static class ModuleEmitter
{
    public static string Emit(NetworkModel model, string family, ModuleLayout layout)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "Module", family);
        string output = model.Type.Name + "Output";
        string options = BlockOptionsWriter.Argument(model.BlockOptions);
        var children = layout.Groups.SelectMany(g => g.Children).ToList();

        WriteDoc(w, layout.Doc);
        using (w.Block($"partial class {model.Type.Name} : {RuntimeApi.Module}<{RuntimeApi.Tensor}, {output}>"))
        {
            foreach (ModuleChild child in children)
            {
                if (child.Doc is not null)
                    w.Line($"/// <summary>{child.Doc}</summary>");
                w.Line($"private readonly {child.Block.FieldType} {child.Field};");
            }
            w.Line();
            BlockOptionsWriter.WriteField(w, model.BlockOptions);
            w.Line("/// <summary>Creates the network with PyTorch's default initialisation.</summary>");
            using (w.Block(ModuleWriter.Constructor(model.Type.Name)))
            {
                foreach (ChildGroup group in layout.Groups)
                    WriteGroup(w, group, options);
            }
            w.Line();
            ModuleWriter.WriteLoadStateDict(w);
            w.Line();
            ModuleWriter.WriteRegisterComponents(w);
            w.Line();
            WriteDoc(w, layout.ForwardDoc);
            using (w.Block($"public override {output} forward({RuntimeApi.Tensor} input)"))
            {
                w.Line(layout.Guard);
                ForwardWriter.Write(w, layout.Forward);
                foreach (string statement in layout.Epilogue)
                    w.Line(statement);
                w.Line($"return new {output}({string.Join(", ", layout.Returns)});");
            }
            foreach (ExtraForward extra in layout.Extras)
            {
                w.Line();
                WriteDoc(w, extra.Doc);
                using (w.Block($"public {RuntimeApi.Tensor} {extra.Name}({RuntimeApi.Tensor} input)"))
                {
                    w.Line(layout.Guard);
                    ForwardWriter.Write(w, extra.Program);
                    w.Line($"return {extra.Result};");
                }
            }
            if (layout.Selector is not null)
                WriteSelector(w, layout);
        }
        return w.ToString();
    }

    private static void WriteDoc(IndentedWriter w, EquatableArray<string> lines)
    {
        foreach (string line in lines)
            w.Line("/// " + line);
    }

    /// <summary>Each child created, then registered alone or, for a list group, all together as a ModuleList.</summary>
    private static void WriteGroup(IndentedWriter w, ChildGroup group, string options)
    {
        if (group.ListName is null)
        {
            foreach (ModuleChild child in group.Children)
                RuntimeApi.WriteRegistered(w, child.Field, child.Field, child.Block.New(options));
            return;
        }
        foreach (ModuleChild child in group.Children)
            w.Line($"{child.Field} = {child.Block.New(options)};");
        w.Line($"register_module(\"{group.ListName}\", {RuntimeApi.NewModuleList(string.Join(", ", group.Children.Select(c => c.Field)))});");
    }

    /// <summary><c>ForwardPruned(input, depth)</c>: the extra forward of that depth (1-based, in order).</summary>
    private static void WriteSelector(IndentedWriter w, ModuleLayout layout)
    {
        int count = layout.Extras.Count;
        w.Line();
        w.Line($"/// <summary>{layout.Selector!.Doc}</summary>");
        w.Line($"/// <exception cref=\"global::System.ArgumentOutOfRangeException\">depth is not 1..{count}.</exception>");
        using (w.Block($"public {RuntimeApi.Tensor} ForwardPruned({RuntimeApi.Tensor} input, int depth) => depth switch", "};"))
        {
            for (int d = 1; d <= count; d++)
                w.Line($"{d} => {layout.Extras[d - 1].Name}(input),");
            w.Line($"_ => throw new global::System.ArgumentOutOfRangeException(nameof(depth), depth, \"{layout.Selector.Error}\"),");
        }
    }
}
