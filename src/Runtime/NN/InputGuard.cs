using System;

namespace Segment.Runtime.NN;

/// <summary>
/// The check at the top of every generated forward: a wrong input gets one message naming the
/// network, the expected shape and the actual one, instead of a libtorch error deep inside a stage.
/// </summary>
public static class InputGuard
{
    /// <param name="input">The caller's tensor.</param>
    /// <param name="network">The network's name, for the message.</param>
    /// <param name="channels">Channels the input must have.</param>
    /// <param name="minimumSize">Smallest height and width (2^poolings of the network).</param>
    /// <param name="height">The fixed height, or null for any.</param>
    /// <param name="width">The fixed width, or null for any.</param>
    /// <exception cref="ArgumentException">The input is not [N, channels, H, W] with a size the network takes.</exception>
    public static void Check(Tensor input, string network, long channels, long minimumSize, long? height = null, long? width = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        long[] shape = input.shape;
        bool ok = shape.Length == 4
                  && shape[1] == channels
                  && shape[2] >= minimumSize && shape[3] >= minimumSize
                  && (height is null || shape[2] == height) && (width is null || shape[3] == width);
        if (ok)
            return;
        string expected = height is long h && width is long w
            ? $"[N, {channels}, {h}, {w}]"
            : $"[N, {channels}, H, W] with H, W >= {minimumSize}";
        throw new ArgumentException($"{network} expects input {expected}, got [{string.Join(", ", shape)}]", nameof(input));
    }
    /// <summary>
    /// The check of a network whose upsampling doubles exactly (UNet++): H and W must be multiples of
    /// <paramref name="multiple"/> (2^depth); the message says what to pad the input to.
    /// </summary>
    /// <exception cref="ArgumentException">The input is not [N, channels, H, W] with H and W multiples of <paramref name="multiple"/>.</exception>
    public static void CheckMultiple(Tensor input, string network, long channels, long multiple, long? height = null, long? width = null)
    {
        Check(input, network, channels, multiple, height, width);
        long[] shape = input.shape;
        if (shape[2] % multiple == 0 && shape[3] % multiple == 0)
            return;
        long Up(long v) => (v + multiple - 1) / multiple * multiple;
        throw new ArgumentException(
            $"{network} expects H and W divisible by {multiple}, got [{string.Join(", ", shape)}]; pad {shape[2]}x{shape[3]} to {Up(shape[2])}x{Up(shape[3])}",
            nameof(input));
    }
}
