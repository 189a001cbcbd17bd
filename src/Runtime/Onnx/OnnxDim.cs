using System;

namespace Segment.Runtime.Onnx;

/// <summary>
/// One dimension of a graph input or output: a fixed size (<c>320</c>) or a named symbolic size
/// (<c>"height"</c>) that the model accepts at any value. Converts implicitly from <see cref="int"/>,
/// <see cref="long"/> and <see cref="string"/>, so that generated code can write
/// <c>new OnnxDim[] { "batch", 3, "height", "width" }</c>.
/// </summary>
public readonly struct OnnxDim : IEquatable<OnnxDim>
{
    private OnnxDim(long? value, string? param)
    {
        Value = value;
        Param = param;
    }

    /// <summary>The fixed size, or null for a symbolic dimension.</summary>
    public long? Value { get; }

    /// <summary>The symbolic name, or null for a fixed dimension.</summary>
    public string? Param { get; }

    /// <summary>True when the size is left to run time.</summary>
    public bool IsSymbolic => Param is not null;

    public static OnnxDim Fixed(long value)
    {
        // Zero is allowed by ONNX but no network here has an empty axis; a negative size is always a bug.
        if (value < 0)
            throw new ArgumentOutOfRangeException(nameof(value), value, "an ONNX dimension cannot be negative");
        return new OnnxDim(value, null);
    }

    public static OnnxDim Symbolic(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("a symbolic ONNX dimension needs a name, e.g. \"height\"", nameof(name));
        return new OnnxDim(null, name);
    }

    public static implicit operator OnnxDim(long value) => Fixed(value);

    public static implicit operator OnnxDim(int value) => Fixed(value);

    public static implicit operator OnnxDim(string name) => Symbolic(name);

    public bool Equals(OnnxDim other) => Value == other.Value && Param == other.Param;

    public override bool Equals(object? obj) => obj is OnnxDim d && Equals(d);

    public override int GetHashCode() => HashCode.Combine(Value, Param);

    public static bool operator ==(OnnxDim a, OnnxDim b) => a.Equals(b);

    public static bool operator !=(OnnxDim a, OnnxDim b) => !a.Equals(b);

    public override string ToString() => Param ?? (Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?");
}
