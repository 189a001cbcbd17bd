using System;
using System.Runtime.InteropServices;

namespace Segment.Runtime;

/// <summary>
/// P/Invoke declarations of the C shim (src/Runtime/Native/src). Signatures are blittable
/// (handles as IntPtr, shapes as long* + length, flags as int) so a call costs no marshalling
/// and no allocation; every function that can fail returns 0 on success or 1 with the message
/// in <see cref="seg_last_error"/>.
/// </summary>
internal static unsafe partial class NativeMethods
{
    internal const string Library = "segment_torch";

    // ---- errors ----
    [LibraryImport(Library)] internal static partial IntPtr seg_last_error();
    [LibraryImport(Library)] internal static partial int seg_test_throw(int kind);

    // ---- handles and metadata ----
    [LibraryImport(Library)] internal static partial void seg_free(IntPtr t);
    [LibraryImport(Library)] internal static partial long seg_dim(IntPtr t);
    [LibraryImport(Library)] internal static partial void seg_shape(IntPtr t, long* shape);
    [LibraryImport(Library)] internal static partial void seg_strides(IntPtr t, long* strides);
    [LibraryImport(Library)] internal static partial long seg_numel(IntPtr t);
    [LibraryImport(Library)] internal static partial int seg_dtype(IntPtr t);
    [LibraryImport(Library)] internal static partial int seg_device_type(IntPtr t);
    [LibraryImport(Library)] internal static partial int seg_device_index(IntPtr t);
    [LibraryImport(Library)] internal static partial int seg_is_contiguous(IntPtr t);
    [LibraryImport(Library)] internal static partial int seg_requires_grad(IntPtr t);
    [LibraryImport(Library)] internal static partial int seg_is_leaf(IntPtr t);
    [LibraryImport(Library)] internal static partial int seg_set_requires_grad(IntPtr t, int on);
    [LibraryImport(Library)] internal static partial int seg_from_bytes(void* data, long nbytes, long* shape, int ndim, int dtype, int deviceType, int deviceIndex, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_to_bytes(IntPtr t, void* dst, long nbytes);
    [LibraryImport(Library)] internal static partial int seg_item(IntPtr t, out double value);

    // ---- factories ----
    [LibraryImport(Library)] internal static partial int seg_empty(long* shape, int ndim, int dtype, int devt, int devi, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_zeros(long* shape, int ndim, int dtype, int devt, int devi, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_ones(long* shape, int ndim, int dtype, int devt, int devi, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_full(long* shape, int ndim, double value, int dtype, int devt, int devi, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_randn(long* shape, int ndim, int dtype, int devt, int devi, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_rand(long* shape, int ndim, int dtype, int devt, int devi, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_randint(long low, long high, long* shape, int ndim, int dtype, int devt, int devi, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_randperm(long n, int dtype, int devt, int devi, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_arange(double start, double end, double step, int dtype, int devt, int devi, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_linspace(double start, double end, long steps, int dtype, int devt, int devi, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_eye(long n, int dtype, int devt, int devi, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_zeros_like(IntPtr t, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_ones_like(IntPtr t, out IntPtr result);

    // ---- conversions ----
    [LibraryImport(Library)] internal static partial int seg_clone(IntPtr t, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_detach(IntPtr t, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_contiguous(IntPtr t, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_to_device(IntPtr t, int devt, int devi, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_to_dtype(IntPtr t, int dtype, out IntPtr result);

    // ---- views and indexing ----
    [LibraryImport(Library)] internal static partial int seg_reshape(IntPtr t, long* shape, int ndim, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_view(IntPtr t, long* shape, int ndim, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_expand(IntPtr t, long* shape, int ndim, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_select(IntPtr t, long dim, long index, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_narrow(IntPtr t, long dim, long start, long length, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_slice(IntPtr t, long dim, long start, long end, long step, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_index_select(IntPtr t, long dim, IntPtr index, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_gather(IntPtr t, long dim, IntPtr index, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_masked_select(IntPtr t, IntPtr mask, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_permute(IntPtr t, long* dims, int n, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_transpose(IntPtr t, long d0, long d1, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_squeeze(IntPtr t, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_squeeze_dim(IntPtr t, long dim, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_unsqueeze(IntPtr t, long dim, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_flatten(IntPtr t, long start, long end, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_flip(IntPtr t, long* dims, int n, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_repeat(IntPtr t, long* repeats, int n, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_cat(IntPtr* tensors, int n, long dim, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_stack(IntPtr* tensors, int n, long dim, out IntPtr result);

    // ---- arithmetic ----
    [LibraryImport(Library)] internal static partial int seg_add(IntPtr a, IntPtr b, double alpha, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_sub(IntPtr a, IntPtr b, double alpha, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_mul(IntPtr a, IntPtr b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_div(IntPtr a, IntPtr b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_add_scalar(IntPtr a, double b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_sub_scalar(IntPtr a, double b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_rsub_scalar(IntPtr a, double b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_mul_scalar(IntPtr a, double b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_div_scalar(IntPtr a, double b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_rdiv_scalar(IntPtr a, double b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_pow(IntPtr a, double exponent, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_pow_tensor(IntPtr a, IntPtr exponent, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_maximum(IntPtr a, IntPtr b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_minimum(IntPtr a, IntPtr b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_matmul(IntPtr a, IntPtr b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_fmod_scalar(IntPtr a, double b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_remainder_scalar(IntPtr a, double b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_floor_divide_scalar(IntPtr a, double b, out IntPtr result);

    // integer scalars (int64 tensors stay int64)
    [LibraryImport(Library)] internal static partial int seg_add_int(IntPtr a, long b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_sub_int(IntPtr a, long b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_rsub_int(IntPtr a, long b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_mul_int(IntPtr a, long b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_remainder_int(IntPtr a, long b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_floor_divide_int(IntPtr a, long b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_add_int_(IntPtr a, long b);
    [LibraryImport(Library)] internal static partial int seg_mul_int_(IntPtr a, long b);

    [LibraryImport(Library)] internal static partial int seg_neg(IntPtr a, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_abs(IntPtr a, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_exp(IntPtr a, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_log(IntPtr a, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_log1p(IntPtr a, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_sqrt(IntPtr a, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_rsqrt(IntPtr a, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_sign(IntPtr a, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_floor(IntPtr a, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_ceil(IntPtr a, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_round(IntPtr a, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_tanh(IntPtr a, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_logical_not(IntPtr a, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_logical_and(IntPtr a, IntPtr b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_logical_or(IntPtr a, IntPtr b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_clamp(IntPtr a, int hasMin, double min, int hasMax, double max, out IntPtr result);

    [LibraryImport(Library)] internal static partial int seg_compare(IntPtr a, IntPtr b, int op, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_compare_scalar(IntPtr a, double b, int op, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_equal(IntPtr a, IntPtr b, out int result);
    [LibraryImport(Library)] internal static partial int seg_allclose(IntPtr a, IntPtr b, double rtol, double atol, out int result);
    [LibraryImport(Library)] internal static partial int seg_where(IntPtr cond, IntPtr a, IntPtr b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_masked_fill(IntPtr a, IntPtr mask, double value, out IntPtr result);

    // ---- reductions ----
    [LibraryImport(Library)] internal static partial int seg_sum(IntPtr a, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_sum_dims(IntPtr a, long* dims, int n, int keepdim, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_mean(IntPtr a, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_mean_dims(IntPtr a, long* dims, int n, int keepdim, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_max(IntPtr a, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_min(IntPtr a, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_max_dim(IntPtr a, long dim, int keepdim, out IntPtr values, out IntPtr indices);
    [LibraryImport(Library)] internal static partial int seg_min_dim(IntPtr a, long dim, int keepdim, out IntPtr values, out IntPtr indices);
    [LibraryImport(Library)] internal static partial int seg_argmax(IntPtr a, long dim, int keepdim, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_argmin(IntPtr a, long dim, int keepdim, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_any(IntPtr a, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_all(IntPtr a, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_std(IntPtr a, int unbiased, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_var(IntPtr a, int unbiased, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_norm(IntPtr a, double p, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_bincount(IntPtr a, IntPtr weights, long minlength, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_scatter_add(IntPtr a, long dim, IntPtr index, IntPtr src, out IntPtr result);

    // ---- in place ----
    [LibraryImport(Library)] internal static partial int seg_add_(IntPtr a, IntPtr b, double alpha);
    [LibraryImport(Library)] internal static partial int seg_sub_(IntPtr a, IntPtr b, double alpha);
    [LibraryImport(Library)] internal static partial int seg_mul_(IntPtr a, IntPtr b);
    [LibraryImport(Library)] internal static partial int seg_div_(IntPtr a, IntPtr b);
    [LibraryImport(Library)] internal static partial int seg_add_scalar_(IntPtr a, double b);
    [LibraryImport(Library)] internal static partial int seg_mul_scalar_(IntPtr a, double b);
    [LibraryImport(Library)] internal static partial int seg_div_scalar_(IntPtr a, double b);
    [LibraryImport(Library)] internal static partial int seg_addcmul_(IntPtr a, IntPtr t1, IntPtr t2, double value);
    [LibraryImport(Library)] internal static partial int seg_addcdiv_(IntPtr a, IntPtr t1, IntPtr t2, double value);
    [LibraryImport(Library)] internal static partial int seg_lerp_(IntPtr a, IntPtr end, double weight);
    [LibraryImport(Library)] internal static partial int seg_sqrt_(IntPtr a);
    [LibraryImport(Library)] internal static partial int seg_clamp_(IntPtr a, int hasMin, double min, int hasMax, double max);
    [LibraryImport(Library)] internal static partial int seg_masked_fill_(IntPtr a, IntPtr mask, double value);
    [LibraryImport(Library)] internal static partial int seg_copy_(IntPtr a, IntPtr src);
    [LibraryImport(Library)] internal static partial int seg_zero_(IntPtr a);
    [LibraryImport(Library)] internal static partial int seg_fill_(IntPtr a, double value);
    [LibraryImport(Library)] internal static partial int seg_relu_(IntPtr a);
    [LibraryImport(Library)] internal static partial int seg_normal_(IntPtr a, double mean, double std);
    [LibraryImport(Library)] internal static partial int seg_uniform_(IntPtr a, double from, double to);
    [LibraryImport(Library)] internal static partial int seg_scatter_add_(IntPtr a, long dim, IntPtr index, IntPtr src);
    [LibraryImport(Library)] internal static partial int seg_index_add_(IntPtr a, long dim, IntPtr index, IntPtr src);

    // ---- nn.functional ----
    [LibraryImport(Library)] internal static partial int seg_conv2d(IntPtr x, IntPtr w, IntPtr b, long* stride, long* padding, long* dilation, long groups, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_conv_transpose2d(IntPtr x, IntPtr w, IntPtr b, long* stride, long* padding, long* outputPadding, long groups, long* dilation, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_batch_norm(IntPtr x, IntPtr runningMean, IntPtr runningVar, IntPtr weight, IntPtr bias, int training, double momentum, double eps, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_relu(IntPtr x, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_leaky_relu(IntPtr x, double slope, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_sigmoid(IntPtr x, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_softmax(IntPtr x, long dim, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_log_softmax(IntPtr x, long dim, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_dropout(IntPtr x, double p, int training, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_max_pool2d(IntPtr x, long* kernel, long* stride, long* padding, long* dilation, int ceilMode, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_avg_pool2d(IntPtr x, long* kernel, long* stride, long* padding, int ceilMode, int countIncludePad, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_adaptive_avg_pool2d(IntPtr x, long* size, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_interpolate(IntPtr x, long* size, double* scale, int mode, int alignCorners, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_pad(IntPtr x, long* pad, int n, double value, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_binary_cross_entropy_with_logits(IntPtr x, IntPtr target, IntPtr weight, IntPtr posWeight, long reduction, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_binary_cross_entropy(IntPtr x, IntPtr target, IntPtr weight, long reduction, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_cross_entropy(IntPtr x, IntPtr target, IntPtr weight, long reduction, long ignoreIndex, double labelSmoothing, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_nll_loss(IntPtr x, IntPtr target, IntPtr weight, long reduction, long ignoreIndex, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_mse_loss(IntPtr x, IntPtr target, long reduction, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_one_hot(IntPtr t, long numClasses, out IntPtr result);

    // ---- autograd and settings ----
    [LibraryImport(Library)] internal static partial int seg_grad(IntPtr t, out IntPtr result);
    [LibraryImport(Library)] internal static partial int seg_set_grad(IntPtr t, IntPtr grad);
    [LibraryImport(Library)] internal static partial int seg_backward(IntPtr t, IntPtr gradient, int retainGraph, int createGraph);
    [LibraryImport(Library)] internal static partial int seg_retain_grad(IntPtr t);
    [LibraryImport(Library)] internal static partial int seg_set_grad_enabled(int on);
    [LibraryImport(Library)] internal static partial int seg_is_grad_enabled();
    [LibraryImport(Library)] internal static partial int seg_inference_mode_enter(out IntPtr guard);
    [LibraryImport(Library)] internal static partial void seg_inference_mode_exit(IntPtr guard);
    [LibraryImport(Library)] internal static partial int seg_is_inference_mode_enabled();
    [LibraryImport(Library)] internal static partial int seg_is_inference(IntPtr t);
    [LibraryImport(Library)] internal static partial int seg_manual_seed(long seed);
    [LibraryImport(Library)] internal static partial int seg_set_num_threads(int n);
    [LibraryImport(Library)] internal static partial int seg_get_num_threads();
    [LibraryImport(Library)] internal static partial int seg_malloc_tuning_enabled();
    [LibraryImport(Library)] internal static partial int seg_cuda_is_available();
    [LibraryImport(Library)] internal static partial int seg_cuda_device_count();
    [LibraryImport(Library)] internal static partial int seg_cuda_synchronize(int device);
}
