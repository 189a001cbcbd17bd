using Segment.Generator.Model;

namespace Segment.Generator.Shapes;

/// <summary>
/// A network's <see cref="ActivationPeak"/>, whatever its family: the forward simulated step by step, each step on a
/// child adding what its typed block holds while it runs (<see cref="ChildBlock.HeldWhileRunning"/>: an RSU stage its
/// own forward's peak, a DoubleConv or VGG block its hidden map, a Down its pooled input too; a convolution only its
/// output). The children are found by the names the steps give them (<see cref="ModuleLayout.Callables"/>), never by
/// parsing a name.
/// </summary>
internal static class ActivationPeaks
{
    public static ActivationPeak For(ModuleLayout layout)
    {
        var callables = layout.Callables();
        return ActivationPeak.Of(layout.Forward, layout.InputShape, step =>
            step.Module is { } name && callables.TryGetValue(name, out var child) ? child.Block.HeldWhileRunning(step.Shape) : null);
    }
}
