// Keeps freed activation buffers in the process heap instead of handing them back to the OS.
//
// A forward pass allocates and frees the same large buffers (a 64 x 320 x 320 float map is 26 MB)
// at every call. With glibc's defaults, buffers this size are mmap'ed and munmap'ed, or trimmed
// from the heap top, so every call pays page faults and zeroing for fresh pages: about a fifth of
// U2Net-lite's CPU inference time. Raising the mmap threshold to its maximum (32 MB) and the trim
// threshold well above the working set lets the next call reuse the pages. Peak memory is
// unchanged; resident memory stays at the peak instead of falling between calls.
// Set SEGMENT_MALLOC_TUNING=0 to keep glibc's defaults (segment bench prints which is in force).
#include <cstdlib>
#include <cstring>
#include <malloc.h>

#include "shim.h"

namespace {

int g_tuned = 0;

__attribute__((constructor)) void tune_malloc_for_tensors() {
  const char* setting = std::getenv("SEGMENT_MALLOC_TUNING");
  if (setting != nullptr && std::strcmp(setting, "0") == 0) return;
  // Both calls only change thresholds; neither can fail in a way that matters to correctness.
  int mmap_ok = mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  int trim_ok = mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
  g_tuned = (mmap_ok == 1 && trim_ok == 1) ? 1 : 0;
}

}  // namespace

SEG_API int seg_malloc_tuning_enabled() { return g_tuned; }
