// Autograd entry points and process-wide settings: grad modes, seeds, threads, CUDA queries.
#include "shim.h"

#include <ATen/Parallel.h>
#include <ATen/autocast_mode.h>
#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/generated/variable_factories.h>
#include <torch/cuda.h>

// Null out when the tensor has no gradient yet.
SEG_API int seg_grad(TH t, TH* out) {
  SEG_TRY
  const at::Tensor& g = t->grad();
  *out = g.defined() ? new at::Tensor(g) : nullptr;
  SEG_CATCH
}
// The checks of Python's `p.grad = g`: mutable_grad() itself accepts anything, and a grad of
// another size would later broadcast silently in an optimizer's in-place update.
SEG_API int seg_set_grad(TH t, TH grad) {
  SEG_TRY
  if (grad) {
    TORCH_CHECK(!t->is_same(*grad), "can't assign Variable as its own grad");
    TORCH_CHECK(t->options().type_equal(grad->options()), "assigned grad has data of a different type: expected ",
                t->toString(), " but got ", grad->toString());
    TORCH_CHECK(t->device() == grad->device(), "assigned grad has data located on a different device: expected ",
                t->device(), " but got ", grad->device());
    TORCH_CHECK(t->sizes().equals(grad->sizes()), "assigned grad has data of a different size: expected ", t->sizes(),
                " but got ", grad->sizes());
  }
  t->mutable_grad() = grad ? *grad : at::Tensor();
  SEG_CATCH
}
SEG_API int seg_backward(TH t, TH gradient, int retain_graph, int create_graph) {
  SEG_TRY
  c10::optional<bool> retain = retain_graph < 0 ? c10::nullopt : c10::optional<bool>(retain_graph != 0);
  t->backward(gradient ? *gradient : at::Tensor(), retain, create_graph != 0);
  SEG_CATCH
}
SEG_API int seg_retain_grad(TH t) { SEG_TRY t->retain_grad(); SEG_CATCH }

// Grad mode is thread-local in libtorch, as in Python; returns the previous state.
SEG_API int seg_set_grad_enabled(int on) {
  bool previous = at::GradMode::is_enabled();
  at::GradMode::set_enabled(on != 0);
  return previous ? 1 : 0;
}
SEG_API int seg_is_grad_enabled() { return at::GradMode::is_enabled() ? 1 : 0; }

// Inference mode is an RAII guard; the managed side holds it across calls and frees it
// on the thread that created it.
SEG_API int seg_inference_mode_enter(void** guard) {
  SEG_TRY *guard = new c10::InferenceMode(true); SEG_CATCH
}
SEG_API void seg_inference_mode_exit(void* guard) { delete static_cast<c10::InferenceMode*>(guard); }
SEG_API int seg_is_inference_mode_enabled() { return c10::InferenceMode::is_enabled() ? 1 : 0; }
SEG_API int seg_is_inference(TH t) { return t->is_inference() ? 1 : 0; }

SEG_API int seg_manual_seed(int64_t seed) {
  SEG_TRY
  // Same as torch.manual_seed: the CPU generator and, where present, every CUDA generator.
  at::manual_seed(static_cast<uint64_t>(seed));
  SEG_CATCH
}
SEG_API int seg_set_num_threads(int n) { SEG_TRY at::set_num_threads(n); SEG_CATCH }
SEG_API int seg_get_num_threads() { return at::get_num_threads(); }

SEG_API int seg_cuda_is_available() { return torch::cuda::is_available() ? 1 : 0; }
SEG_API int seg_cuda_device_count() { return static_cast<int>(torch::cuda::device_count()); }
SEG_API int seg_cuda_synchronize(int device) {
  SEG_TRY torch::cuda::synchronize(device); SEG_CATCH
}
