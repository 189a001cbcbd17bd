using System;
using System.Collections.Generic;
using System.Linq;

namespace Segment.Generator.Shapes;

/// <summary>
/// Names a U²-Net stage cannot take (SEG1013). A stage named S becomes a field S, a nested class SStage and,
/// with a side output, a field side_S of the network class, which derives from Segment.Runtime.NN.Module&lt;TIn, TOut&gt;:
/// S must not be a member of that class (generated, inherited from Module / Module&lt;TIn, TOut&gt; / object), nor the
/// class itself, nor another stage's nested class or side field.
/// </summary>
internal static class ReservedNames
{
    /// <summary>Public and protected members of src/Runtime/NN/Module.cs and ModuleOfT.cs (a test checks this list against the runtime by reflection).</summary>
    public static readonly IReadOnlyCollection<string> RuntimeModuleMembers = new HashSet<string>(StringComparer.Ordinal)
    {
        "training", "register_parameter", "register_buffer", "register_module", "find_parameter", "find_buffer",
        "get_parameter", "get_buffer", "get_submodule", "named_children", "children", "named_modules", "modules",
        "named_parameters", "parameters", "named_buffers", "buffers", "parameter_count", "state_dict", "load_state_dict",
        "train", "eval", "to", "zero_grad", "InvalidateCaches", "OnCachesInvalidated", "MarkStateChanged", "Dispose",
        "ToString", "forward",
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
        if (stage == typeName || stage + "Stage" == typeName)
            return $"it would name a member (or the nested class '{stage}Stage') after the enclosing class '{typeName}'";
        if (GeneratedMembers.Contains(stage))
            return $"the generated network class already has a member '{stage}'";
        if (RuntimeModuleMembers.Contains(stage))
            return $"'{stage}' is a member of the runtime's Module base class that the generated field would hide or duplicate";
        if (ObjectMembers.Contains(stage))
            return $"'{stage}' is a member of System.Object that the generated field would hide";
        foreach (string other in stages)
        {
            if (other == stage)
                continue;
            if (stage == other + "Stage")
                return $"stage '{other}' already generates the nested class '{stage}'";
            if (stage == "side_" + other)
                return $"stage '{other}' already generates the side field '{stage}'";
        }
        return null;
    }
}
