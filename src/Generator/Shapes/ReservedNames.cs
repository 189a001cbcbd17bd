using System;
using System.Collections.Generic;
using System.Linq;

namespace Segment.Generator.Shapes;

/// <summary>
/// Names a U²-Net stage cannot take (SEG1013). A stage named S becomes a field S (the runtime's RsuBlock) and,
/// with a side output, a field side_S of the network class, which derives from TorchSharp's torch.nn.Module&lt;TIn, TOut&gt;:
/// S must not be a member of that class (generated, inherited from Module / Module&lt;TIn, TOut&gt; / object), nor the
/// class itself, nor another stage's side field.
/// </summary>
internal static class ReservedNames
{
    /// <summary>
    /// Public and protected members of TorchSharp's torch.nn.Module and Module&lt;TIn, TOut&gt; (a test checks this list
    /// against TorchSharp by reflection), plus the extension methods users call on a module (to, cpu, cuda, the
    /// runtime's parameter_count), which a field of that name would shadow.
    /// </summary>
    public static readonly IReadOnlyCollection<string> RuntimeModuleMembers = new HashSet<string>(StringComparer.Ordinal)
    {
        "ClearModules", "ConditionallyRegisterBuffer", "ConditionallyRegisterParameter", "Create", "Dispose", "GetDefaultDeviceAndType",
        "GetName", "RegisterComponents", "ReplaceBuffer", "ReplaceParameter", "ToString", "_deviceIndex", "_deviceType",
        "_internal_buffers", "_internal_params", "_internal_submodules", "_named_buffers", "_named_parameters", "_parameters",
        "_to", "_toEpilog", "add_module", "apply", "buffers", "call", "children", "eval", "forward", "get_buffer", "get_parameter",
        "has_buffer", "has_parameter", "load", "load_state_dict", "module_post_hooks", "module_pre_hooks", "modules", "name",
        "named_buffers", "named_children", "named_modules", "named_parameters", "parameters", "post_hooks", "pre_hooks",
        "register_buffer", "register_forward_hook", "register_forward_pre_hook", "register_module", "register_parameter", "save",
        "save_state_dict", "state_dict", "train", "training", "zero_grad",
        "to", "cpu", "cuda", "parameter_count",
    };

    /// <summary>Members of System.Object a field would hide.</summary>
    public static readonly IReadOnlyCollection<string> ObjectMembers = new HashSet<string>(StringComparer.Ordinal)
    {
        "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "Finalize", "ReferenceEquals",
    };

    /// <summary>Members the generator writes into the network class besides the per-stage ones (Module, Summary and OnnxExport emitters).</summary>
    public static readonly IReadOnlyCollection<string> GeneratedMembers = new HashSet<string>(StringComparer.Ordinal)
    {
        "out_conv", "forward", "Summary", "ExportOnnx", "BuildOnnx", "OnnxOutputShapes",
    };

    /// <summary>Why <paramref name="stage"/> cannot name a stage of <paramref name="typeName"/>, or null when it can.</summary>
    public static string? Why(string stage, string typeName, IEnumerable<string> stages)
    {
        if (stage == typeName)
            return $"it would name a member after the enclosing class '{typeName}'";
        if (GeneratedMembers.Contains(stage))
            return $"the generated network class already has a member '{stage}'";
        if (RuntimeModuleMembers.Contains(stage))
            return $"'{stage}' is a member of TorchSharp's Module base class that the generated field would hide or duplicate";
        if (ObjectMembers.Contains(stage))
            return $"'{stage}' is a member of System.Object that the generated field would hide";
        foreach (string other in stages)
        {
            if (other == stage)
                continue;
            if (stage == "side_" + other)
                return $"stage '{other}' already generates the side field '{stage}'";
        }
        return null;
    }
}
