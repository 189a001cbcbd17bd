using System;
using Segment.Imaging.Data;

namespace Segment.Runtime.Data;

/// <summary>
/// A sample as tensors, the unit the transforms work on: <see cref="Image"/> [3, H, W] float32
/// and <see cref="Target"/>: class indices [H, W] int64 (255 ignored) or, for saliency masks,
/// [1, H, W] float32 in [0, 1]. Owns both tensors.
/// </summary>
public sealed class TrainingSample : IDisposable
{
    public TrainingSample(string id, Tensor image, Tensor target, MaskKind kind)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Image = image ?? throw new ArgumentNullException(nameof(image));
        Target = target ?? throw new ArgumentNullException(nameof(target));
        Kind = kind;
    }

    public string Id { get; }
    public Tensor Image { get; private set; }
    public Tensor Target { get; private set; }
    public MaskKind Kind { get; }

    public long Height => Image.size(1);
    public long Width => Image.size(2);

    /// <summary>The decoded sample as tensors: the image planes as they are, the mask as int64 classes or value / 255.</summary>
    public static TrainingSample From(Sample sample, MaskKind kind)
    {
        ArgumentNullException.ThrowIfNull(sample);
        long h = sample.Image.Height, w = sample.Image.Width;
        Tensor image = torch.tensor(sample.Image.Pixels, [3, h, w]);
        using Tensor bytes = torch.tensor(sample.Mask.Values, [h, w]);
        using Scalar byteMax = 255.0.ToScalar();
        Tensor target = kind == MaskKind.Classes
            ? bytes.to(ScalarType.Int64)
            : bytes.to(ScalarType.Float32).div_(byteMax).unsqueeze(0);
        return new TrainingSample(sample.Id, image, target, kind);
    }

    /// <summary>Replaces the tensors (disposing the old ones that are not kept): how a transform hands its result on.</summary>
    public TrainingSample With(Tensor image, Tensor target)
    {
        if (!ReferenceEquals(image, Image))
            Image.Dispose();
        if (!ReferenceEquals(target, Target))
            Target.Dispose();
        Image = image;
        Target = target;
        return this;
    }

    /// <summary>The value padding adds to the target: ignored for classes, background for saliency.</summary>
    public double TargetFill => Kind == MaskKind.Classes ? Segment.Imaging.LabelMask.Ignore : 0.0;

    public void Dispose()
    {
        Image.Dispose();
        Target.Dispose();
    }
}
