using System;
using System.Linq;
using Segment.Imaging;

namespace Segment.Runtime.Data;

/// <summary>
/// Between Segment.Imaging's arrays and tensors, for prediction on TorchSharp: an
/// <see cref="RgbImage"/> (already preprocessed, <see cref="EvalPreprocessing"/>) as a one-image
/// batch, and a network's output maps back as CHW planes for <c>PredictionMaps</c> and the PNG writers.
/// </summary>
public static class ImageTensors
{
    /// <summary>[1, 3, H, W] float32 on the CPU, a copy of the planes.</summary>
    public static Tensor to_batch(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return torch.tensor(image.Pixels, [1, 3, image.Height, image.Width]);
    }

    /// <summary>One image's maps, [C, H, W] or [1, C, H, W] on any device, as float32 planes (C, H, W).</summary>
    public static (float[] Planes, int Channels, int Height, int Width) to_planes(Tensor maps)
    {
        ArgumentNullException.ThrowIfNull(maps);
        if (maps.dim() == 4 && maps.size(0) != 1 || maps.dim() is not (3 or 4))
            throw new ArgumentException($"expected one image's maps [C, H, W] or [1, C, H, W], got [{string.Join(", ", maps.shape)}]", nameof(maps));
        using Tensor chw = maps.dim() == 4 ? maps.squeeze(0) : maps.alias();
        using Tensor cpu = chw.detach().to(ScalarType.Float32).cpu().contiguous();
        return (cpu.data<float>().ToArray(), (int)cpu.size(0), (int)cpu.size(1), (int)cpu.size(2));
    }
}
