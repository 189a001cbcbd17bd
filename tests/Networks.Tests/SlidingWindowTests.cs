using System;
using System.Linq;
using Segment.Examples.Networks;
using Segment.Imaging;
using Segment.Imaging.Prediction;
using Segment.Runtime.Data;
using Segment.Runtime.NN;
using Xunit;
using Xunit.Abstractions;

namespace Segment.Networks.Tests;

/// <summary>
/// Tiled prediction (`predict --tile N --overlap M`): MONAI's window placement and Gaussian weights, exact blending of
/// a per-pixel predictor, and a UNet whose tiled and whole predictions agree on an image small enough to run whole.
/// </summary>
public sealed class SlidingWindowTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(100, 32, 0.25, new[] { 0, 24, 48, 68 })]   // interval int(32 * 0.75) = 24, the last window moved back to end at 100
    [InlineData(64, 64, 0.5, new[] { 0 })]                 // a window the axis's size: one
    [InlineData(96, 64, 0.5, new[] { 0, 32 })]
    [InlineData(10, 4, 0.9, new[] { 0, 1, 2, 3, 4, 5, 6 })] // int(4 * 0.1) = 0 becomes 1
    public void Windows_start_as_monai_places_them(int size, int window, double overlap, int[] expected) =>
        Assert.Equal(expected, SlidingWindow.Starts(size, window, overlap));

    [Fact]
    public void The_gaussian_peaks_at_one_in_the_middle_is_symmetric_and_never_zero()
    {
        float[] w = SlidingWindow.GaussianWeights(33, 20, 0.125);
        Assert.Equal(1f, w.Max(), 5);
        Assert.True(w.Min() > 0);
        for (int y = 0; y < 33; y++)
            for (int x = 0; x < 20; x++)
                Assert.Equal(w[y * 20 + x], w[(32 - y) * 20 + (19 - x)], 6);
        Assert.True(w[16 * 20 + 9] > w[16 * 20 + 0] && w[16 * 20 + 0] > w[0]);
    }

    [Fact]
    public void A_per_pixel_predictor_gives_the_same_map_tiled_as_whole()
    {
        var random = new Random(3);
        var pixels = new float[3 * 45 * 70];
        for (int i = 0; i < pixels.Length; i++)
            pixels[i] = (float)random.NextDouble();
        var image = new RgbImage(70, 45, pixels);
        // Two "classes" per pixel from the pixel alone: any window sees the same value, so the blend must give it back.
        static float[] PerPixel(RgbImage tile)
        {
            int n = tile.Width * tile.Height;
            var p = new float[2 * n];
            for (int k = 0; k < n; k++)
            {
                p[k] = tile.Pixels[k] * 0.5f + tile.Pixels[2 * n + k] * 0.25f;
                p[n + k] = 1 - p[k];
            }
            return p;
        }
        float[] whole = PerPixel(image);
        int calls = 0;
        float[] tiled = new SlidingWindow(32, 0.3).Run(image, 2, t => { calls++; return PerPixel(t); });
        Assert.Equal(2 * 3, calls);   // rows 0, 13; columns 0, 22, 38 (interval int(32 * 0.7) = 22)
        Assert.Equal(whole.Length, tiled.Length);
        Assert.True(whole.Zip(tiled, (a, b) => Math.Abs(a - b)).Max() < 1e-5);
    }

    [Fact]
    public void A_unet_tiled_agrees_with_the_whole_image()
    {
        torch.manual_seed(11);
        using var network = GeneratedNetworks.Create("unet-aux");   // 3 classes, 3 levels, 16 channels: trains in seconds
        var random = new Random(5);
        int width = 200, height = 150;
        var rgb = new float[3 * width * height];
        var discs = new long[height * width];
        // Smooth shapes with some noise, as a photograph has: a red and a blue disc (classes 1 and 2) on a grey gradient.
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int label = (x - 50) * (x - 50) + (y - 60) * (y - 60) < 1200 ? 1 : (x - 150) * (x - 150) + (y - 95) * (y - 95) < 900 ? 2 : 0;
                discs[y * width + x] = label;
                for (int c = 0; c < 3; c++)
                {
                    float colour = label switch { 1 => 0.9f - 0.35f * c, 2 => 0.2f + 0.35f * c, _ => 0.3f + 0.002f * x };
                    rgb[(c * height + y) * width + x] = Math.Clamp(colour + (float)(random.NextDouble() - 0.5) * 0.1f, 0, 1);
                }
            }
        var plan = PredictionPlan.ForFamily("UNet", network.Classes, MeanStd.ImageNet, null, network.MinimumInputSize, null);
        RgbImage input = plan.Prepare(new RgbImage(width, height, rgb));   // 200 x 152, a multiple of 8
        Train(network, input, discs, width, height);
        using var predictor = new TorchSharpPredictor(network, torch.CPU);
        float[] Run(RgbImage image)
        {
            using var scope = torch.NewDisposeScope();
            return ImageTensors.to_planes(predictor.Probabilities(ImageTensors.to_batch(image))).Planes;
        }
        float[] whole = Run(input);
        float[] tiled = new SlidingWindow(96, 0.5).Run(input, network.Classes, Run);

        int classes = network.Classes, n = input.Width * input.Height;
        int[] Argmax(float[] p) => Enumerable.Range(0, n).Select(k => Enumerable.Range(0, classes).MaxBy(c => p[c * n + k])).ToArray();
        int[] a = Argmax(whole), b = Argmax(tiled);
        double[] dice = Enumerable.Range(0, classes).Select(c =>
        {
            int both = a.Zip(b).Count(t => t.First == c && t.Second == c), inA = a.Count(v => v == c), inB = b.Count(v => v == c);
            return inA + inB == 0 ? 1.0 : 2.0 * both / (inA + inB);
        }).ToArray();
        double meanDifference = whole.Zip(tiled, (x, y) => (double)Math.Abs(x - y)).Average();
        double worstDifference = whole.Zip(tiled, (x, y) => (double)Math.Abs(x - y)).Max();
        output.WriteLine($"unet {input.Width}x{input.Height}, tile 96, overlap 0.5: Dice per class {string.Join(", ", dice.Select(d => d.ToString("F4")))}, " +
                         $"mean |p_tiled - p_whole| {meanDifference:F5}, worst {worstDifference:F4}");
        Assert.All(dice, d => Assert.True(d >= 0.99, $"Dice {d:F4}"));
        // Not a network that paints one class everywhere: every class covers at least 5% of the image (the discs 12% and 9%).
        Assert.All(Enumerable.Range(0, classes), c => Assert.True(a.Count(v => v == c) > n / 20, $"class {c} covers {a.Count(v => v == c)} of {n} pixels"));
        Assert.True(meanDifference < 0.02, $"mean probability difference {meanDifference:F5}");
    }

    // A few Adam steps on the discs, so the network segments them (random weights paint one class everywhere, where
    // any tiling agrees trivially) and its BatchNorm statistics are the image's.
    private static void Train(ISegmentationNetwork network, RgbImage input, long[] discs, int width, int height)
    {
        var module = (torch.nn.Module)network;
        using var x = ImageTensors.to_batch(input);
        using var mask = torch.tensor(discs, [1, 1, height, width]).to(ScalarType.Float32);
        using var target = torch.nn.functional.interpolate(mask, [input.Height, input.Width], mode: InterpolationMode.Nearest).squeeze(1).to(ScalarType.Int64);
        using var optimizer = torch.optim.Adam(module.parameters(), lr: 3e-3);
        module.train();
        for (int step = 0; step < 60; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            torch.nn.functional.cross_entropy(network.ForwardNamed(x)[0].Value, target).backward();
            optimizer.step();
        }
        module.eval();
    }
}
