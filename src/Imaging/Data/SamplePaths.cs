namespace Segment.Imaging.Data;

/// <summary>
/// One sample's files: the image, its mask, and for DRIVE the field-of-view mask whose outside
/// becomes the ignore index. <see cref="Id"/> is the stem the files were paired by.
/// </summary>
public sealed record SamplePaths(string Id, string Image, string Mask, string? FieldOfView = null);
