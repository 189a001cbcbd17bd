using System;

namespace Segment.Runtime;

// Element-wise arithmetic, unary math, comparisons, and the C# operators.
public sealed partial class Tensor
{
    public Tensor add(Tensor other, double alpha = 1)
    {
        ArgumentNullException.ThrowIfNull(other);
        int rc = NativeMethods.seg_add(Handle, other.Handle, alpha, out IntPtr r);
        Native.Check(rc, "add", "input", this, "other", other);
        return new Tensor(r);
    }

    public Tensor sub(Tensor other, double alpha = 1)
    {
        ArgumentNullException.ThrowIfNull(other);
        int rc = NativeMethods.seg_sub(Handle, other.Handle, alpha, out IntPtr r);
        Native.Check(rc, "sub", "input", this, "other", other);
        return new Tensor(r);
    }

    public unsafe Tensor mul(Tensor other) => Binary(&NativeMethods.seg_mul, "mul", other);
    public unsafe Tensor div(Tensor other) => Binary(&NativeMethods.seg_div, "div", other);
    public unsafe Tensor add(double other) => WithScalar(&NativeMethods.seg_add_scalar, "add", other);
    public unsafe Tensor sub(double other) => WithScalar(&NativeMethods.seg_sub_scalar, "sub", other);
    public unsafe Tensor mul(double other) => WithScalar(&NativeMethods.seg_mul_scalar, "mul", other);
    public unsafe Tensor div(double other) => WithScalar(&NativeMethods.seg_div_scalar, "div", other);
    /// <summary><c>other - this</c>.</summary>
    public unsafe Tensor rsub(double other) => WithScalar(&NativeMethods.seg_rsub_scalar, "rsub", other);
    /// <summary><c>other / this</c>.</summary>
    public unsafe Tensor rdiv(double other) => WithScalar(&NativeMethods.seg_rdiv_scalar, "rdiv", other);
    public unsafe Tensor pow(double exponent) => WithScalar(&NativeMethods.seg_pow, "pow", exponent);
    public unsafe Tensor pow(Tensor exponent) => Binary(&NativeMethods.seg_pow_tensor, "pow", exponent);
    public unsafe Tensor fmod(double other) => WithScalar(&NativeMethods.seg_fmod_scalar, "fmod", other);
    public unsafe Tensor remainder(double other) => WithScalar(&NativeMethods.seg_remainder_scalar, "remainder", other);
    public unsafe Tensor floor_divide(double other) => WithScalar(&NativeMethods.seg_floor_divide_scalar, "floor_divide", other);
    public unsafe Tensor add(long other) => WithLong(&NativeMethods.seg_add_int, "add", other);
    public unsafe Tensor sub(long other) => WithLong(&NativeMethods.seg_sub_int, "sub", other);
    public unsafe Tensor mul(long other) => WithLong(&NativeMethods.seg_mul_int, "mul", other);
    public unsafe Tensor rsub(long other) => WithLong(&NativeMethods.seg_rsub_int, "rsub", other);
    public unsafe Tensor remainder(long other) => WithLong(&NativeMethods.seg_remainder_int, "remainder", other);
    public unsafe Tensor floor_divide(long other) => WithLong(&NativeMethods.seg_floor_divide_int, "floor_divide", other);
    public unsafe Tensor maximum(Tensor other) => Binary(&NativeMethods.seg_maximum, "maximum", other);
    public unsafe Tensor minimum(Tensor other) => Binary(&NativeMethods.seg_minimum, "minimum", other);
    public unsafe Tensor matmul(Tensor other) => Binary(&NativeMethods.seg_matmul, "matmul", other);

    public unsafe Tensor neg() => Unary(&NativeMethods.seg_neg, "neg");
    public unsafe Tensor abs() => Unary(&NativeMethods.seg_abs, "abs");
    public unsafe Tensor exp() => Unary(&NativeMethods.seg_exp, "exp");
    public unsafe Tensor log() => Unary(&NativeMethods.seg_log, "log");
    public unsafe Tensor log1p() => Unary(&NativeMethods.seg_log1p, "log1p");
    public unsafe Tensor sqrt() => Unary(&NativeMethods.seg_sqrt, "sqrt");
    public unsafe Tensor rsqrt() => Unary(&NativeMethods.seg_rsqrt, "rsqrt");
    public unsafe Tensor sign() => Unary(&NativeMethods.seg_sign, "sign");
    public unsafe Tensor floor() => Unary(&NativeMethods.seg_floor, "floor");
    public unsafe Tensor ceil() => Unary(&NativeMethods.seg_ceil, "ceil");
    public unsafe Tensor round() => Unary(&NativeMethods.seg_round, "round");
    public unsafe Tensor tanh() => Unary(&NativeMethods.seg_tanh, "tanh");
    public unsafe Tensor sigmoid() => Unary(&NativeMethods.seg_sigmoid, "sigmoid");
    public unsafe Tensor relu() => Unary(&NativeMethods.seg_relu, "relu");
    public unsafe Tensor logical_not() => Unary(&NativeMethods.seg_logical_not, "logical_not");
    public unsafe Tensor logical_and(Tensor other) => Binary(&NativeMethods.seg_logical_and, "logical_and", other);
    public unsafe Tensor logical_or(Tensor other) => Binary(&NativeMethods.seg_logical_or, "logical_or", other);

    /// <summary>Clamps to [min, max]; a null bound is open.</summary>
    public Tensor clamp(double? min = null, double? max = null)
    {
        int rc = NativeMethods.seg_clamp(Handle, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0, out IntPtr r);
        Native.Check(rc, "clamp", "input", this);
        return new Tensor(r);
    }

    public Tensor clamp_min(double min) => clamp(min, null);
    public Tensor clamp_max(double max) => clamp(null, max);

    // ---- comparisons (results are Bool tensors) ----
    private Tensor Compare(Tensor other, int op, string name)
    {
        ArgumentNullException.ThrowIfNull(other);
        int rc = NativeMethods.seg_compare(Handle, other.Handle, op, out IntPtr r);
        Native.Check(rc, name, "input", this, "other", other);
        return new Tensor(r);
    }

    private Tensor Compare(double other, int op, string name)
    {
        int rc = NativeMethods.seg_compare_scalar(Handle, other, op, out IntPtr r);
        Native.Check(rc, name, "input", this);
        return new Tensor(r);
    }

    public Tensor eq(Tensor other) => Compare(other, 0, "eq");
    public Tensor ne(Tensor other) => Compare(other, 1, "ne");
    public Tensor lt(Tensor other) => Compare(other, 2, "lt");
    public Tensor le(Tensor other) => Compare(other, 3, "le");
    public Tensor gt(Tensor other) => Compare(other, 4, "gt");
    public Tensor ge(Tensor other) => Compare(other, 5, "ge");
    public Tensor eq(double other) => Compare(other, 0, "eq");
    public Tensor ne(double other) => Compare(other, 1, "ne");
    public Tensor lt(double other) => Compare(other, 2, "lt");
    public Tensor le(double other) => Compare(other, 3, "le");
    public Tensor gt(double other) => Compare(other, 4, "gt");
    public Tensor ge(double other) => Compare(other, 5, "ge");

    /// <summary>True when both have the same shape and elements (torch.equal).</summary>
    public bool equal(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Native.Check(NativeMethods.seg_equal(Handle, other.Handle, out int eq), "equal", "input", this, "other", other);
        return eq != 0;
    }

    public bool allclose(Tensor other, double rtol = 1e-5, double atol = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(other);
        Native.Check(NativeMethods.seg_allclose(Handle, other.Handle, rtol, atol, out int eq), "allclose", "input", this, "other", other);
        return eq != 0;
    }

    /// <summary>Where <paramref name="mask"/> is true, <paramref name="value"/>; elsewhere this tensor's elements.</summary>
    public Tensor masked_fill(Tensor mask, double value)
    {
        ArgumentNullException.ThrowIfNull(mask);
        int rc = NativeMethods.seg_masked_fill(Handle, mask.Handle, value, out IntPtr r);
        Native.Check(rc, "masked_fill", "input", this, "mask", mask);
        return new Tensor(r);
    }

    // ---- operators ----
    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
    public static Tensor operator +(Tensor a, double b) => a.add(b);
    public static Tensor operator -(Tensor a, double b) => a.sub(b);
    public static Tensor operator *(Tensor a, double b) => a.mul(b);
    public static Tensor operator /(Tensor a, double b) => a.div(b);
    public static Tensor operator +(double a, Tensor b) => b.add(a);
    public static Tensor operator -(double a, Tensor b) => b.rsub(a);
    public static Tensor operator *(double a, Tensor b) => b.mul(a);
    public static Tensor operator /(double a, Tensor b) => b.rdiv(a);
    public static Tensor operator -(Tensor a) => a.neg();
    // Integral scalars keep integer tensors integral, as Python ints do in PyTorch.
    public static Tensor operator +(Tensor a, long b) => a.add(b);
    public static Tensor operator -(Tensor a, long b) => a.sub(b);
    public static Tensor operator *(Tensor a, long b) => a.mul(b);
    public static Tensor operator +(long a, Tensor b) => b.add(a);
    public static Tensor operator -(long a, Tensor b) => b.rsub(a);
    public static Tensor operator *(long a, Tensor b) => b.mul(a);
}
