using System.Collections.Generic;

namespace Segment.Runtime.NN.Blocks;

/// <summary>
/// The base of the seeds' conv + BN blocks (<see cref="ConvBnRelu"/>, <see cref="DoubleConv"/>,
/// <see cref="VggBlock"/>): children are registered explicitly under the seed's names, and the
/// blocks' folded eval-mode weights are dropped whenever they may have gone stale.
/// </summary>
/// <remarks>
/// TorchSharp tensors carry no version counter, so a cache cannot see an in-place update of a
/// parameter. The folded weights are therefore dropped on every event that can change them:
/// <c>train()</c> / <c>eval()</c>, <c>to()</c>, <c>load_state_dict</c> (the block's own, and a
/// network's through <see cref="FoldCache.Invalidate"/>, which the generated networks call) and any forward that
/// does not fold, i.e. any forward that records gradients, which every optimizer step follows.
/// Code that edits weights in place under no_grad without one of these calls <see cref="FoldCache.Invalidate"/>.
/// </remarks>
public abstract class FoldingBlock : torch.nn.Module<Tensor, Tensor>, IFoldingModule
{
    private protected FoldingBlock(string name) : base(name) { }

    /// <summary>The folded conv + BN pairs of this block, in forward order.</summary>
    private protected abstract IEnumerable<FoldedConvBn> Folds { get; }

    /// <inheritdoc cref="IFoldingModule.ClearFolds"/>
    public void ClearFolds()
    {
        foreach (FoldedConvBn fold in Folds)
            fold.Clear();
    }

    /// <summary>
    /// TorchSharp's load_state_dict after checking every key (when <paramref name="strict"/>) and every
    /// shape, so a dict that does not fit changes nothing; the folded weights are dropped after.
    /// </summary>
    /// <exception cref="Serialization.StateDictMismatchException">Keys or shapes do not fit.</exception>
    public override (IList<string> missing_keys, IList<string> unexpected_keyes) load_state_dict(Dictionary<string, Tensor> source, bool strict = true, IList<string>? skip = null)
    {
        Serialization.StateDicts.ThrowIfIncompatible(this, source, strict, skip);
        var result = base.load_state_dict(source, strict, skip);
        ClearFolds();
        return result;
    }

    public override void train(bool train = true)
    {
        ClearFolds();
        base.train(train);
    }

    protected override torch.nn.Module _to(Device device, ScalarType dtype, bool non_blocking)
    {
        ClearFolds();
        return base._to(device, dtype, non_blocking);
    }

    protected override torch.nn.Module _to(DeviceType deviceType, int deviceIndex, bool non_blocking)
    {
        ClearFolds();
        return base._to(deviceType, deviceIndex, non_blocking);
    }

    protected override torch.nn.Module _to(ScalarType dtype, bool non_blocking)
    {
        ClearFolds();
        return base._to(dtype, non_blocking);
    }

    /// <summary>
    /// Children are registered by the constructor under the seed's names; TorchSharp's reflective
    /// registration would add every field and property backing field a second time.
    /// </summary>
    protected override void RegisterComponents() { }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            ClearFolds();
        base.Dispose(disposing);
    }
}

/// <summary>A module that caches BN-folded weights and can be told to drop them.</summary>
public interface IFoldingModule
{
    /// <summary>Frees the folded weights; the next eval-mode forward folds again.</summary>
    void ClearFolds();
}

/// <summary>Drops the folded weights of every block in a module tree.</summary>
public static class FoldCache
{
    /// <summary>Call after changing weights in place (a load, a manual edit): every folding block of <paramref name="module"/> refolds on its next forward.</summary>
    public static void Invalidate(torch.nn.Module module)
    {
        System.ArgumentNullException.ThrowIfNull(module);
        (module as IFoldingModule)?.ClearFolds();
        foreach (torch.nn.Module m in module.modules()) // TorchSharp's modules() leaves the module itself out
            (m as IFoldingModule)?.ClearFolds();
    }
}
