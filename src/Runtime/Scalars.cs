namespace Segment.Runtime;

/// <summary>
/// TorchSharp Scalars that live as long as the process. A Scalar frees its native value in its
/// finalizer, and TorchSharp hands libtorch only the pointer, so a Scalar made for one call (an
/// implicit conversion from a number, or the alpha = 1 that <c>add(other)</c> makes for itself) can be
/// finalized while libtorch still reads it. Static fields are never collected; values that vary are
/// held in <c>using Scalar</c> locals instead. The repository's analyzer SEGDEV001/SEGDEV002
/// (build/analyzers) points at every call that needs one of the two.
/// </summary>
public static class Scalars
{
    /// <summary>1, the alpha of a plain addition: <c>a.add(b, Scalars.One)</c> is <c>a + b</c>.</summary>
    public static readonly Scalar One = 1.ToScalar();

    /// <summary>0, for comparisons and fills.</summary>
    public static readonly Scalar Zero = 0.ToScalar();
}
