using System.Linq;

namespace Segment.Runtime.NN;

/// <summary>What PyTorch users reach for on a module and TorchSharp spells differently or lacks.</summary>
public static class ModuleExtensions
{
    /// <summary>The number of parameter elements, <c>sum(p.numel() for p in module.parameters())</c>; tied parameters count once.</summary>
    public static long parameter_count(this torch.nn.Module module)
    {
        System.ArgumentNullException.ThrowIfNull(module);
        return module.parameters().Distinct(System.Collections.Generic.ReferenceEqualityComparer.Instance).Cast<Tensor>().Sum(p => p.numel());
    }
}
