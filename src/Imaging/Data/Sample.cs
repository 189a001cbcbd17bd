namespace Segment.Imaging.Data;

/// <summary>A decoded, checked sample: the image in [0, 1] and its mask, the same size.</summary>
public sealed record Sample(string Id, RgbImage Image, LabelMask Mask);
