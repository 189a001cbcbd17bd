using System.Globalization;

namespace Segment.Runtime.NN;

/// <summary>
/// How many NaN and infinite values a tensor holds. A network propagates them: one NaN in an image makes every output
/// it reaches NaN (after a convolution and a batch norm, usually the whole map), so a caller says so (`segment infer`
/// warns in one line on stderr) instead of handing back NaN in silence.
/// </summary>
public readonly record struct NonFiniteValues(long NaN, long Infinite, long Total)
{
    public bool Any => NaN + Infinite > 0;

    /// <summary>Counts <paramref name="tensor"/>'s NaN and +/-Inf values (0 for an integer tensor).</summary>
    public static NonFiniteValues Count(Tensor tensor)
    {
        System.ArgumentNullException.ThrowIfNull(tensor);
        if (!tensor.is_floating_point())
            return new NonFiniteValues(0, 0, tensor.numel());
        using var scope = torch.NewDisposeScope();
        long nan = tensor.isnan().sum().item<long>();
        long infinite = tensor.isinf().sum().item<long>();
        return new NonFiniteValues(nan, infinite, tensor.numel());
    }

    /// <summary>"input 'x.npy' holds 3 NaN and 1 infinite values of 3,072; outputs computed from them are NaN".</summary>
    public string Describe(string what) => string.Create(CultureInfo.InvariantCulture,
        $"{what} holds {NaN:N0} NaN and {Infinite:N0} infinite values of {Total:N0}; outputs computed from them are NaN");
}
