// torch.nn.functional: convolutions, normalization, activations, pooling, resizing, losses.
#include "shim.h"

SEG_OP(seg_conv2d,
       (TH x, TH w, TH b, const int64_t* stride, const int64_t* padding, const int64_t* dilation, int64_t groups, TH* out),
       at::conv2d(*x, *w, seg::opt(b), seg::ints(stride, 2), seg::ints(padding, 2), seg::ints(dilation, 2), groups))

SEG_OP(seg_conv_transpose2d,
       (TH x, TH w, TH b, const int64_t* stride, const int64_t* padding, const int64_t* output_padding, int64_t groups,
        const int64_t* dilation, TH* out),
       at::conv_transpose2d(*x, *w, seg::opt(b), seg::ints(stride, 2), seg::ints(padding, 2),
                            seg::ints(output_padding, 2), groups, seg::ints(dilation, 2)))

// In training the running statistics (when given) are updated in place with `momentum`.
SEG_OP(seg_batch_norm,
       (TH x, TH running_mean, TH running_var, TH weight, TH bias, int training, double momentum, double eps, TH* out),
       at::batch_norm(*x, seg::opt(weight), seg::opt(bias), seg::opt(running_mean), seg::opt(running_var),
                      training != 0, momentum, eps, /*cudnn_enabled=*/true))

SEG_OP(seg_relu, (TH x, TH* out), at::relu(*x))
SEG_OP(seg_leaky_relu, (TH x, double slope, TH* out), at::leaky_relu(*x, slope))
SEG_OP(seg_sigmoid, (TH x, TH* out), at::sigmoid(*x))
SEG_OP(seg_softmax, (TH x, int64_t dim, TH* out), at::softmax(*x, dim))
SEG_OP(seg_log_softmax, (TH x, int64_t dim, TH* out), at::log_softmax(*x, dim))
SEG_OP(seg_dropout, (TH x, double p, int training, TH* out), at::dropout(*x, p, training != 0))

SEG_OP(seg_max_pool2d,
       (TH x, const int64_t* kernel, const int64_t* stride, const int64_t* padding, const int64_t* dilation,
        int ceil_mode, TH* out),
       at::max_pool2d(*x, seg::ints(kernel, 2), seg::ints(stride, 2), seg::ints(padding, 2), seg::ints(dilation, 2),
                      ceil_mode != 0))
SEG_OP(seg_avg_pool2d,
       (TH x, const int64_t* kernel, const int64_t* stride, const int64_t* padding, int ceil_mode,
        int count_include_pad, TH* out),
       at::avg_pool2d(*x, seg::ints(kernel, 2), seg::ints(stride, 2), seg::ints(padding, 2), ceil_mode != 0,
                      count_include_pad != 0))
SEG_OP(seg_adaptive_avg_pool2d, (TH x, const int64_t* size, TH* out), at::adaptive_avg_pool2d(*x, seg::ints(size, 2)))

// F.interpolate for 4-D input. mode: 0 nearest, 1 bilinear, 2 bicubic; align_corners: -1 unset.
// Exactly one of size / scale is given, as F.interpolate passes them (scale factors are handed
// to the kernel so that align_corners=False coordinates match PyTorch's).
SEG_API int seg_interpolate(TH x, const int64_t* size, const double* scale, int mode, int align_corners, TH* out) {
  SEG_TRY
  TORCH_CHECK(x->dim() == 4, "interpolate expects a 4-D input (N, C, H, W), got ", x->dim(), "-D");
  TORCH_CHECK((size == nullptr) != (scale == nullptr), "interpolate needs exactly one of size and scale_factor");
  at::OptionalIntArrayRef out_size = size ? at::OptionalIntArrayRef(seg::ints(size, 2)) : c10::nullopt;
  c10::optional<at::ArrayRef<double>> scales =
      scale ? c10::optional<at::ArrayRef<double>>(at::ArrayRef<double>(scale, 2)) : c10::nullopt;
  switch (mode) {
    case 0:
      TORCH_CHECK(align_corners < 0, "align_corners option can only be set with the interpolating modes: "
                                     "linear | bilinear | bicubic | trilinear");
      *out = seg::wrap(at::upsample_nearest2d(*x, out_size, scales));
      break;
    case 1: *out = seg::wrap(at::upsample_bilinear2d(*x, out_size, align_corners > 0, scales)); break;
    case 2: *out = seg::wrap(at::upsample_bicubic2d(*x, out_size, align_corners > 0, scales)); break;
    default: TORCH_CHECK(false, "unknown interpolation mode ", mode);
  }
  SEG_CATCH
}

SEG_OP(seg_pad, (TH x, const int64_t* pad, int n, double value, TH* out), at::constant_pad_nd(*x, seg::ints(pad, n), value))

// reduction: 0 none, 1 mean, 2 sum (at::Reduction).
SEG_OP(seg_binary_cross_entropy_with_logits, (TH x, TH target, TH weight, TH pos_weight, int64_t reduction, TH* out),
       at::binary_cross_entropy_with_logits(*x, *target, seg::opt(weight), seg::opt(pos_weight), reduction))
SEG_OP(seg_binary_cross_entropy, (TH x, TH target, TH weight, int64_t reduction, TH* out),
       at::binary_cross_entropy(*x, *target, seg::opt(weight), reduction))
SEG_OP(seg_cross_entropy,
       (TH x, TH target, TH weight, int64_t reduction, int64_t ignore_index, double label_smoothing, TH* out),
       at::cross_entropy_loss(*x, *target, seg::opt(weight), reduction, ignore_index, label_smoothing))
SEG_OP(seg_nll_loss, (TH x, TH target, TH weight, int64_t reduction, int64_t ignore_index, TH* out),
       at::nll_loss_nd(*x, *target, seg::opt(weight), reduction, ignore_index))
SEG_OP(seg_mse_loss, (TH x, TH target, int64_t reduction, TH* out), at::mse_loss(*x, *target, reduction))
SEG_OP(seg_one_hot, (TH t, int64_t num_classes, TH* out), at::one_hot(*t, num_classes))
