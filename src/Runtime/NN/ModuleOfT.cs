namespace Segment.Runtime.NN;

/// <summary>A module with a typed forward (PyTorch's <c>forward</c>; there are no hooks, so no separate <c>__call__</c>).</summary>
public abstract class Module<TIn, TOut> : Module
{
    public abstract TOut forward(TIn input);
}
