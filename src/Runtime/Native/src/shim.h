// Common plumbing of the C shim: handle type, error buffer, and the try/catch wrapper
// that keeps every C++ exception on this side of the boundary.
#pragma once
#include <ATen/ATen.h>
#include <c10/util/Exception.h>
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#define SEG_API extern "C" __attribute__((visibility("default")))

// A handle is a heap-allocated at::Tensor (a refcounted pointer), freed by seg_free.
typedef at::Tensor* TH;

namespace seg {

void set_error(const char* message);

// Wraps a result tensor into a new handle; an undefined tensor becomes a null handle.
inline TH wrap(at::Tensor t) {
  if (!t.defined()) return nullptr;
  return new at::Tensor(std::move(t));
}

inline c10::optional<at::Tensor> opt(TH h) {
  if (h == nullptr) return c10::nullopt;
  return *h;
}

inline at::IntArrayRef ints(const int64_t* p, int n) { return at::IntArrayRef(p, static_cast<size_t>(n)); }

inline at::Device device(int type, int index) {
  return at::Device(static_cast<c10::DeviceType>(type), static_cast<c10::DeviceIndex>(index));
}

inline at::TensorOptions options(int dtype, int device_type, int device_index) {
  return at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)).device(device(device_type, device_index));
}

}  // namespace seg

// Every exported function body goes between SEG_TRY and SEG_CATCH: 0 means success,
// 1 means failure with the message in the thread-local buffer (seg_last_error).
#define SEG_TRY try {
#define SEG_CATCH                                                      \
  }                                                                    \
  catch (const c10::Error& e) {                                        \
    seg::set_error(e.what_without_backtrace());                        \
    return 1;                                                          \
  }                                                                    \
  catch (const std::exception& e) {                                    \
    seg::set_error(e.what());                                          \
    return 1;                                                          \
  }                                                                    \
  catch (...) {                                                        \
    seg::set_error("unknown C++ exception");                           \
    return 1;                                                          \
  }                                                                    \
  return 0;

// Shorthand for the many ops of the form `*out = wrap(expr)`.
#define SEG_OP(name, params, expr) \
  SEG_API int name params {        \
    SEG_TRY *out = seg::wrap(expr); SEG_CATCH \
  }
