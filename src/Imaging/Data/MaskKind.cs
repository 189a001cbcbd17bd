namespace Segment.Imaging.Data;

/// <summary>What a mask's bytes mean, which decides how they are checked and turned into targets.</summary>
public enum MaskKind
{
    /// <summary>Salient-object ground truth (DUTS): grey levels 0..255, every value valid; the target is value / 255.</summary>
    Saliency,

    /// <summary>Class indices: each value below the class count, or 255 (ignored).</summary>
    Classes,
}
