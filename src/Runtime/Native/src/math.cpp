// Element-wise arithmetic, comparisons, reductions and the in-place updates optimizers use.
#include "shim.h"

#include <cmath>

namespace {
// alpha as an integral Scalar when it is one: int64 tensors reject a floating alpha, even 1.0.
at::Scalar alpha_scalar(double a) {
  if (a == std::trunc(a) && std::fabs(a) < 4.0e18) return at::Scalar(static_cast<int64_t>(a));
  return at::Scalar(a);
}
}  // namespace

// Binary tensor-tensor and tensor-scalar ops.
SEG_OP(seg_add, (TH a, TH b, double alpha, TH* out), at::add(*a, *b, alpha_scalar(alpha)))
SEG_OP(seg_sub, (TH a, TH b, double alpha, TH* out), at::sub(*a, *b, alpha_scalar(alpha)))
SEG_OP(seg_mul, (TH a, TH b, TH* out), at::mul(*a, *b))
SEG_OP(seg_div, (TH a, TH b, TH* out), at::div(*a, *b))
SEG_OP(seg_add_scalar, (TH a, double b, TH* out), at::add(*a, b))
SEG_OP(seg_sub_scalar, (TH a, double b, TH* out), at::sub(*a, b))
SEG_OP(seg_rsub_scalar, (TH a, double b, TH* out), at::rsub(*a, b))
SEG_OP(seg_mul_scalar, (TH a, double b, TH* out), at::mul(*a, b))
SEG_OP(seg_div_scalar, (TH a, double b, TH* out), at::div(*a, b))
SEG_OP(seg_rdiv_scalar, (TH a, double b, TH* out), at::mul(at::reciprocal(*a), b)  /* as Python's __rtruediv__ */)
SEG_OP(seg_pow, (TH a, double e, TH* out), at::pow(*a, e))
SEG_OP(seg_pow_tensor, (TH a, TH e, TH* out), at::pow(*a, *e))
SEG_OP(seg_maximum, (TH a, TH b, TH* out), at::maximum(*a, *b))
SEG_OP(seg_minimum, (TH a, TH b, TH* out), at::minimum(*a, *b))
SEG_OP(seg_matmul, (TH a, TH b, TH* out), at::matmul(*a, *b))
SEG_OP(seg_fmod_scalar, (TH a, double b, TH* out), at::fmod(*a, b))
SEG_OP(seg_remainder_scalar, (TH a, double b, TH* out), at::remainder(*a, b))
SEG_OP(seg_floor_divide_scalar, (TH a, double b, TH* out), at::floor_divide(*a, b))

// Unary ops.
SEG_OP(seg_neg, (TH a, TH* out), at::neg(*a))
SEG_OP(seg_abs, (TH a, TH* out), at::abs(*a))
SEG_OP(seg_exp, (TH a, TH* out), at::exp(*a))
SEG_OP(seg_log, (TH a, TH* out), at::log(*a))
SEG_OP(seg_log1p, (TH a, TH* out), at::log1p(*a))
SEG_OP(seg_sqrt, (TH a, TH* out), at::sqrt(*a))
SEG_OP(seg_rsqrt, (TH a, TH* out), at::rsqrt(*a))
SEG_OP(seg_sign, (TH a, TH* out), at::sign(*a))
SEG_OP(seg_floor, (TH a, TH* out), at::floor(*a))
SEG_OP(seg_ceil, (TH a, TH* out), at::ceil(*a))
SEG_OP(seg_round, (TH a, TH* out), at::round(*a))
SEG_OP(seg_tanh, (TH a, TH* out), at::tanh(*a))
SEG_OP(seg_logical_not, (TH a, TH* out), at::logical_not(*a))
SEG_OP(seg_logical_and, (TH a, TH b, TH* out), at::logical_and(*a, *b))
SEG_OP(seg_logical_or, (TH a, TH b, TH* out), at::logical_or(*a, *b))

// clamp with optional bounds (has_min/has_max flags: a NaN would be a valid bound value).
SEG_OP(seg_clamp, (TH a, int has_min, double min, int has_max, double max, TH* out),
       at::clamp(*a, has_min ? c10::optional<at::Scalar>(min) : c10::nullopt,
                 has_max ? c10::optional<at::Scalar>(max) : c10::nullopt))

// Comparisons (op: 0 eq, 1 ne, 2 lt, 3 le, 4 gt, 5 ge) -> Bool.
namespace {
at::Tensor compare(const at::Tensor& a, const at::Tensor& b, int op) {
  switch (op) {
    case 0: return at::eq(a, b);
    case 1: return at::ne(a, b);
    case 2: return at::lt(a, b);
    case 3: return at::le(a, b);
    case 4: return at::gt(a, b);
    case 5: return at::ge(a, b);
  }
  TORCH_CHECK(false, "unknown comparison ", op);
}
at::Tensor compare(const at::Tensor& a, double b, int op) {
  switch (op) {
    case 0: return at::eq(a, b);
    case 1: return at::ne(a, b);
    case 2: return at::lt(a, b);
    case 3: return at::le(a, b);
    case 4: return at::gt(a, b);
    case 5: return at::ge(a, b);
  }
  TORCH_CHECK(false, "unknown comparison ", op);
}
}  // namespace
SEG_OP(seg_compare, (TH a, TH b, int op, TH* out), compare(*a, *b, op))
SEG_OP(seg_compare_scalar, (TH a, double b, int op, TH* out), compare(*a, b, op))
SEG_API int seg_equal(TH a, TH b, int* result) {
  SEG_TRY *result = at::equal(*a, *b) ? 1 : 0; SEG_CATCH
}
SEG_API int seg_allclose(TH a, TH b, double rtol, double atol, int* result) {
  SEG_TRY *result = at::allclose(*a, *b, rtol, atol) ? 1 : 0; SEG_CATCH
}

SEG_OP(seg_where, (TH cond, TH a, TH b, TH* out), at::where(*cond, *a, *b))
SEG_OP(seg_masked_fill, (TH a, TH mask, double value, TH* out), a->masked_fill(*mask, value))

// Reductions.
SEG_OP(seg_sum, (TH a, TH* out), a->sum())
SEG_OP(seg_sum_dims, (TH a, const int64_t* d, int n, int keepdim, TH* out), a->sum(seg::ints(d, n), keepdim != 0))
SEG_OP(seg_mean, (TH a, TH* out), a->mean())
SEG_OP(seg_mean_dims, (TH a, const int64_t* d, int n, int keepdim, TH* out), a->mean(seg::ints(d, n), keepdim != 0))
SEG_OP(seg_max, (TH a, TH* out), a->max())
SEG_OP(seg_min, (TH a, TH* out), a->min())
SEG_OP(seg_argmax, (TH a, int64_t dim, int keepdim, TH* out), a->argmax(dim, keepdim != 0))
SEG_OP(seg_argmin, (TH a, int64_t dim, int keepdim, TH* out), a->argmin(dim, keepdim != 0))
SEG_OP(seg_any, (TH a, TH* out), a->any())
SEG_OP(seg_all, (TH a, TH* out), a->all())
SEG_OP(seg_std, (TH a, int unbiased, TH* out), a->std(unbiased != 0))
SEG_OP(seg_var, (TH a, int unbiased, TH* out), a->var(unbiased != 0))
SEG_OP(seg_norm, (TH a, double p, TH* out), a->norm(p))

SEG_API int seg_max_dim(TH a, int64_t dim, int keepdim, TH* values, TH* indices) {
  SEG_TRY
  auto r = a->max(dim, keepdim != 0);
  *values = seg::wrap(std::move(std::get<0>(r)));
  *indices = seg::wrap(std::move(std::get<1>(r)));
  SEG_CATCH
}
SEG_API int seg_min_dim(TH a, int64_t dim, int keepdim, TH* values, TH* indices) {
  SEG_TRY
  auto r = a->min(dim, keepdim != 0);
  *values = seg::wrap(std::move(std::get<0>(r)));
  *indices = seg::wrap(std::move(std::get<1>(r)));
  SEG_CATCH
}

// Counting: confusion matrices are bincount(num_classes * target + prediction).
SEG_OP(seg_bincount, (TH a, TH weights, int64_t minlength, TH* out), at::bincount(*a, seg::opt(weights), minlength))
SEG_OP(seg_scatter_add, (TH a, int64_t dim, TH index, TH src, TH* out), a->scatter_add(dim, *index, *src))

// In-place ops: they return nothing; the handle keeps pointing at the updated tensor.
#define SEG_INPLACE(name, params, stmt) \
  SEG_API int name params { SEG_TRY stmt; SEG_CATCH }

SEG_INPLACE(seg_add_, (TH a, TH b, double alpha), a->add_(*b, alpha_scalar(alpha)))
SEG_INPLACE(seg_sub_, (TH a, TH b, double alpha), a->sub_(*b, alpha_scalar(alpha)))
SEG_INPLACE(seg_mul_, (TH a, TH b), a->mul_(*b))
SEG_INPLACE(seg_div_, (TH a, TH b), a->div_(*b))
SEG_INPLACE(seg_add_scalar_, (TH a, double b), a->add_(b))
SEG_INPLACE(seg_mul_scalar_, (TH a, double b), a->mul_(b))
SEG_INPLACE(seg_div_scalar_, (TH a, double b), a->div_(b))
SEG_INPLACE(seg_addcmul_, (TH a, TH t1, TH t2, double value), a->addcmul_(*t1, *t2, value))
SEG_INPLACE(seg_addcdiv_, (TH a, TH t1, TH t2, double value), a->addcdiv_(*t1, *t2, value))
SEG_INPLACE(seg_lerp_, (TH a, TH end, double weight), a->lerp_(*end, weight))
SEG_INPLACE(seg_sqrt_, (TH a), a->sqrt_())
SEG_INPLACE(seg_clamp_, (TH a, int has_min, double min, int has_max, double max),
            a->clamp_(has_min ? c10::optional<at::Scalar>(min) : c10::nullopt,
                      has_max ? c10::optional<at::Scalar>(max) : c10::nullopt))
SEG_INPLACE(seg_masked_fill_, (TH a, TH mask, double value), a->masked_fill_(*mask, value))
SEG_INPLACE(seg_copy_, (TH a, TH src), a->copy_(*src))
SEG_INPLACE(seg_zero_, (TH a), a->zero_())
SEG_INPLACE(seg_fill_, (TH a, double value), a->fill_(value))
SEG_INPLACE(seg_relu_, (TH a), at::relu_(*a))
SEG_INPLACE(seg_normal_, (TH a, double mean, double std), a->normal_(mean, std))
SEG_INPLACE(seg_uniform_, (TH a, double from, double to), a->uniform_(from, to))
SEG_INPLACE(seg_scatter_add_, (TH a, int64_t dim, TH index, TH src), a->scatter_add_(dim, *index, *src))
SEG_INPLACE(seg_index_add_, (TH a, int64_t dim, TH index, TH src), a->index_add_(dim, *index, *src))

// Integer scalars: PyTorch keeps int64 tensors int64 under `t * 3` but promotes under `t * 3.0`,
// so integral scalars need their own entry points.
SEG_OP(seg_add_int, (TH a, int64_t b, TH* out), at::add(*a, b))
SEG_OP(seg_sub_int, (TH a, int64_t b, TH* out), at::sub(*a, b))
SEG_OP(seg_rsub_int, (TH a, int64_t b, TH* out), at::rsub(*a, b))
SEG_OP(seg_mul_int, (TH a, int64_t b, TH* out), at::mul(*a, b))
SEG_OP(seg_remainder_int, (TH a, int64_t b, TH* out), at::remainder(*a, b))
SEG_OP(seg_floor_divide_int, (TH a, int64_t b, TH* out), at::floor_divide(*a, b))
SEG_INPLACE(seg_add_int_, (TH a, int64_t b), a->add_(b))
SEG_INPLACE(seg_mul_int_, (TH a, int64_t b), a->mul_(b))
