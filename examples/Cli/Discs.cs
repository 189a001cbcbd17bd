using System;

namespace Segment.Cli;

/// <summary>Synthetic segmentation data for the demo: noisy images with one bright disc, and the disc's mask.</summary>
public static class Discs
{
    public static (Tensor Images, Tensor Masks) Batch(Random random, int batch, int channels, int h, int w)
    {
        var images = new float[batch * channels * h * w];
        var masks = new float[batch * h * w];
        for (int n = 0; n < batch; n++)
        {
            double cy = random.NextDouble() * h, cx = random.NextDouble() * w;
            double r = (0.15 + 0.2 * random.NextDouble()) * Math.Min(h, w);
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    bool inside = (y - cy) * (y - cy) + (x - cx) * (x - cx) < r * r;
                    masks[(n * h + y) * w + x] = inside ? 1f : 0f;
                    for (int c = 0; c < channels; c++)
                        images[((n * channels + c) * h + y) * w + x] = (inside ? 0.7f : 0.2f) + 0.2f * (float)(random.NextDouble() - 0.5);
                }
        }
        return (torch.tensor(images, batch, channels, h, w), torch.tensor(masks, batch, 1, h, w));
    }
}
