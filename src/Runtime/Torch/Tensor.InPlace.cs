using System;

namespace Segment.Runtime;

// In-place updates (trailing underscore, as in PyTorch). They return this tensor for chaining.
// On leaf tensors that require grad, call them inside torch.no_grad() as PyTorch requires.
public sealed partial class Tensor
{
    public Tensor add_(Tensor other, double alpha = 1)
    {
        ArgumentNullException.ThrowIfNull(other);
        Native.Check(NativeMethods.seg_add_(Handle, other.Handle, alpha), "add_", "input", this, "other", other);
        return this;
    }

    public Tensor sub_(Tensor other, double alpha = 1)
    {
        ArgumentNullException.ThrowIfNull(other);
        Native.Check(NativeMethods.seg_sub_(Handle, other.Handle, alpha), "sub_", "input", this, "other", other);
        return this;
    }

    public unsafe Tensor mul_(Tensor other) => InPlace(&NativeMethods.seg_mul_, "mul_", other);
    public unsafe Tensor div_(Tensor other) => InPlace(&NativeMethods.seg_div_, "div_", other);
    public unsafe Tensor add_(double other) => InPlace(&NativeMethods.seg_add_scalar_, "add_", other);
    public unsafe Tensor mul_(double other) => InPlace(&NativeMethods.seg_mul_scalar_, "mul_", other);
    public unsafe Tensor div_(double other) => InPlace(&NativeMethods.seg_div_scalar_, "div_", other);
    public unsafe Tensor add_(long other) => InPlaceLong(&NativeMethods.seg_add_int_, "add_", other);
    public unsafe Tensor mul_(long other) => InPlaceLong(&NativeMethods.seg_mul_int_, "mul_", other);
    public unsafe Tensor sqrt_() => InPlace(&NativeMethods.seg_sqrt_, "sqrt_");
    public unsafe Tensor relu_() => InPlace(&NativeMethods.seg_relu_, "relu_");
    public unsafe Tensor zero_() => InPlace(&NativeMethods.seg_zero_, "zero_");
    public unsafe Tensor fill_(double value) => InPlace(&NativeMethods.seg_fill_, "fill_", value);
    /// <summary>Copies <paramref name="src"/> (broadcast, converted to this dtype/device) into this tensor.</summary>
    public unsafe Tensor copy_(Tensor src) => InPlace(&NativeMethods.seg_copy_, "copy_", src);

    /// <summary><c>this += value * t1 * t2</c>.</summary>
    public Tensor addcmul_(Tensor tensor1, Tensor tensor2, double value = 1)
    {
        ArgumentNullException.ThrowIfNull(tensor1);
        ArgumentNullException.ThrowIfNull(tensor2);
        Native.Check(NativeMethods.seg_addcmul_(Handle, tensor1.Handle, tensor2.Handle, value), "addcmul_", "input", this, "tensor1", tensor1, "tensor2", tensor2);
        return this;
    }

    /// <summary><c>this += value * t1 / t2</c>.</summary>
    public Tensor addcdiv_(Tensor tensor1, Tensor tensor2, double value = 1)
    {
        ArgumentNullException.ThrowIfNull(tensor1);
        ArgumentNullException.ThrowIfNull(tensor2);
        Native.Check(NativeMethods.seg_addcdiv_(Handle, tensor1.Handle, tensor2.Handle, value), "addcdiv_", "input", this, "tensor1", tensor1, "tensor2", tensor2);
        return this;
    }

    /// <summary><c>this += weight * (end - this)</c>.</summary>
    public Tensor lerp_(Tensor end, double weight)
    {
        ArgumentNullException.ThrowIfNull(end);
        Native.Check(NativeMethods.seg_lerp_(Handle, end.Handle, weight), "lerp_", "input", this, "end", end);
        return this;
    }

    public Tensor clamp_(double? min = null, double? max = null)
    {
        Native.Check(NativeMethods.seg_clamp_(Handle, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0), "clamp_", "input", this);
        return this;
    }

    public Tensor masked_fill_(Tensor mask, double value)
    {
        ArgumentNullException.ThrowIfNull(mask);
        Native.Check(NativeMethods.seg_masked_fill_(Handle, mask.Handle, value), "masked_fill_", "input", this, "mask", mask);
        return this;
    }

    /// <summary>Fills with samples of N(mean, std²) from the global generator (torch.manual_seed).</summary>
    public Tensor normal_(double mean = 0, double std = 1)
    {
        Native.Check(NativeMethods.seg_normal_(Handle, mean, std), "normal_", "input", this);
        return this;
    }

    /// <summary>Fills with samples of U(from, to).</summary>
    public Tensor uniform_(double from = 0, double to = 1)
    {
        Native.Check(NativeMethods.seg_uniform_(Handle, from, to), "uniform_", "input", this);
        return this;
    }

    public Tensor scatter_add_(int dim, Tensor index, Tensor src)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(src);
        Native.Check(NativeMethods.seg_scatter_add_(Handle, dim, index.Handle, src.Handle), "scatter_add_", "input", this, "index", index, "src", src);
        return this;
    }

    public Tensor index_add_(int dim, Tensor index, Tensor src)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(src);
        Native.Check(NativeMethods.seg_index_add_(Handle, dim, index.Handle, src.Handle), "index_add_", "input", this, "index", index, "src", src);
        return this;
    }
}
