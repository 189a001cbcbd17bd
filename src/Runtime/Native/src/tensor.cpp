// Tensor handles: lifetime, metadata, and copies between .NET memory and tensors.
#include "shim.h"

#include <cstring>

SEG_API void seg_free(TH t) { delete t; }

// Metadata accessors cannot fail on a defined tensor, so they return values directly
// (no status) to keep the per-call cost of shape queries minimal.
SEG_API int64_t seg_dim(TH t) { return t->dim(); }
SEG_API void seg_shape(TH t, int64_t* out) {
  auto s = t->sizes();
  for (size_t i = 0; i < s.size(); ++i) out[i] = s[i];
}
SEG_API void seg_strides(TH t, int64_t* out) {
  auto s = t->strides();
  for (size_t i = 0; i < s.size(); ++i) out[i] = s[i];
}
SEG_API int64_t seg_numel(TH t) { return t->numel(); }
SEG_API int seg_dtype(TH t) { return static_cast<int>(t->scalar_type()); }
SEG_API int seg_device_type(TH t) { return static_cast<int>(t->device().type()); }
SEG_API int seg_device_index(TH t) { return t->device().has_index() ? t->device().index() : 0; }
SEG_API int seg_is_contiguous(TH t) { return t->is_contiguous() ? 1 : 0; }
SEG_API int seg_requires_grad(TH t) { return t->requires_grad() ? 1 : 0; }
SEG_API int seg_is_leaf(TH t) { return t->is_leaf() ? 1 : 0; }

SEG_API int seg_set_requires_grad(TH t, int on) {
  SEG_TRY t->set_requires_grad(on != 0); SEG_CATCH
}

// Copies `data` (nbytes of contiguous little-endian elements) into a new tensor on the device.
SEG_API int seg_from_bytes(const void* data, int64_t nbytes, const int64_t* shape, int ndim, int dtype,
                           int device_type, int device_index, TH* out) {
  SEG_TRY
  auto cpu = at::empty(seg::ints(shape, ndim), at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)));
  int64_t expected = cpu.numel() * static_cast<int64_t>(cpu.element_size());
  TORCH_CHECK(expected == nbytes, "data has ", nbytes, " bytes but shape ", cpu.sizes(), " of ",
              cpu.scalar_type(), " needs ", expected);
  if (nbytes > 0) std::memcpy(cpu.data_ptr(), data, static_cast<size_t>(nbytes));
  auto dev = seg::device(device_type, device_index);
  *out = seg::wrap(dev.is_cpu() ? std::move(cpu) : cpu.to(dev));
  SEG_CATCH
}

// Copies the tensor's elements (any layout, any device) into `dst` as contiguous CPU bytes.
SEG_API int seg_to_bytes(TH t, void* dst, int64_t nbytes) {
  SEG_TRY
  auto c = t->detach().to(at::kCPU).contiguous();
  int64_t size = c.numel() * static_cast<int64_t>(c.element_size());
  TORCH_CHECK(size == nbytes, "destination has ", nbytes, " bytes but the tensor has ", size);
  if (size > 0) std::memcpy(dst, c.data_ptr(), static_cast<size_t>(size));
  SEG_CATCH
}

SEG_API int seg_item(TH t, double* out) {
  SEG_TRY *out = t->item().toDouble(); SEG_CATCH
}

// ---- factories ----
SEG_OP(seg_empty, (const int64_t* s, int n, int dt, int devt, int devi, TH* out),
       at::empty(seg::ints(s, n), seg::options(dt, devt, devi)))
SEG_OP(seg_zeros, (const int64_t* s, int n, int dt, int devt, int devi, TH* out),
       at::zeros(seg::ints(s, n), seg::options(dt, devt, devi)))
SEG_OP(seg_ones, (const int64_t* s, int n, int dt, int devt, int devi, TH* out),
       at::ones(seg::ints(s, n), seg::options(dt, devt, devi)))
SEG_OP(seg_full, (const int64_t* s, int n, double value, int dt, int devt, int devi, TH* out),
       at::full(seg::ints(s, n), value, seg::options(dt, devt, devi)))
SEG_OP(seg_randn, (const int64_t* s, int n, int dt, int devt, int devi, TH* out),
       at::randn(seg::ints(s, n), seg::options(dt, devt, devi)))
SEG_OP(seg_rand, (const int64_t* s, int n, int dt, int devt, int devi, TH* out),
       at::rand(seg::ints(s, n), seg::options(dt, devt, devi)))
SEG_OP(seg_randint, (int64_t low, int64_t high, const int64_t* s, int n, int dt, int devt, int devi, TH* out),
       at::randint(low, high, seg::ints(s, n), seg::options(dt, devt, devi)))
SEG_OP(seg_randperm, (int64_t n, int dt, int devt, int devi, TH* out),
       at::randperm(n, seg::options(dt, devt, devi)))
SEG_OP(seg_arange, (double start, double end, double step, int dt, int devt, int devi, TH* out),
       at::arange(start, end, step, seg::options(dt, devt, devi)))
SEG_OP(seg_linspace, (double start, double end, int64_t steps, int dt, int devt, int devi, TH* out),
       at::linspace(start, end, steps, seg::options(dt, devt, devi)))
SEG_OP(seg_eye, (int64_t n, int dt, int devt, int devi, TH* out), at::eye(n, seg::options(dt, devt, devi)))
SEG_OP(seg_zeros_like, (TH t, TH* out), at::zeros_like(*t))
SEG_OP(seg_ones_like, (TH t, TH* out), at::ones_like(*t))

// ---- conversions ----
SEG_OP(seg_clone, (TH t, TH* out), t->clone())
SEG_OP(seg_detach, (TH t, TH* out), t->detach())
SEG_OP(seg_contiguous, (TH t, TH* out), t->contiguous())
SEG_OP(seg_to_device, (TH t, int devt, int devi, TH* out), t->to(seg::device(devt, devi)))
SEG_OP(seg_to_dtype, (TH t, int dt, TH* out), t->to(static_cast<at::ScalarType>(dt)))
