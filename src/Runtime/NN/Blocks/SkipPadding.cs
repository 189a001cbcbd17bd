using System;

namespace Segment.Runtime.NN.Blocks;

/// <summary>
/// UNet's Up step between the upsampling and the concatenation (seeds 002-004): after a floor-mode pool
/// of an odd size, the upsampled map is a pixel smaller than its skip, so it is zero-padded to the
/// skip's H x W with half of the difference before (left = diff / 2, right = diff - diff / 2, same for
/// top and bottom). Generated forwards call it as one readable step.
/// </summary>
public static class SkipPadding
{
    /// <summary><paramref name="x"/> [N, C, h, w] zero-padded to <paramref name="skip"/>'s H x W; a new tensor even when no pad is needed.</summary>
    public static Tensor pad_to(Tensor x, Tensor skip)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(skip);
        long diffY = skip.size(2) - x.size(2);
        long diffX = skip.size(3) - x.size(3);
        // PyTorch order: last dimension first (left, right, top, bottom). The seed's `diff // 2` floors:
        // for a negative odd difference (x larger than skip, a crop) C#'s `/` would crop the other side.
        long halfY = Math.DivRem(diffY, 2, out long remY) - (remY < 0 ? 1 : 0);
        long halfX = Math.DivRem(diffX, 2, out long remX) - (remX < 0 ? 1 : 0);
        return F.pad(x, [halfX, diffX - halfX, halfY, diffY - halfY]);
    }
}
