// The thread-local error buffer: the last failure's message on the calling thread.
#include "shim.h"

namespace {
thread_local std::string last_error;
}

void seg::set_error(const char* message) {
  try {
    last_error = message == nullptr ? "" : message;
  } catch (...) {
    // Out of memory while copying a message: leave the old one rather than throw.
  }
}

SEG_API const char* seg_last_error() { return last_error.c_str(); }

// Exercises the failure path from tests without needing a real libtorch error.
SEG_API int seg_test_throw(int kind) {
  SEG_TRY
  if (kind == 0) TORCH_CHECK(false, "test c10::Error");
  if (kind == 1) throw std::runtime_error("test std::exception");
  throw 42;
  SEG_CATCH
}
