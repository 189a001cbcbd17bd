// View and indexing ops: reshape, select/narrow/index_select, permute, cat/stack.
#include "shim.h"

SEG_OP(seg_reshape, (TH t, const int64_t* s, int n, TH* out), t->reshape(seg::ints(s, n)))
SEG_OP(seg_view, (TH t, const int64_t* s, int n, TH* out), t->view(seg::ints(s, n)))
SEG_OP(seg_expand, (TH t, const int64_t* s, int n, TH* out), t->expand(seg::ints(s, n)))
SEG_OP(seg_select, (TH t, int64_t dim, int64_t index, TH* out), t->select(dim, index))
SEG_OP(seg_narrow, (TH t, int64_t dim, int64_t start, int64_t length, TH* out), t->narrow(dim, start, length))
SEG_OP(seg_slice, (TH t, int64_t dim, int64_t start, int64_t end, int64_t step, TH* out), t->slice(dim, start, end, step))
SEG_OP(seg_index_select, (TH t, int64_t dim, TH index, TH* out), t->index_select(dim, *index))
SEG_OP(seg_gather, (TH t, int64_t dim, TH index, TH* out), t->gather(dim, *index))
SEG_OP(seg_masked_select, (TH t, TH mask, TH* out), t->masked_select(*mask))
SEG_OP(seg_permute, (TH t, const int64_t* d, int n, TH* out), t->permute(seg::ints(d, n)))
SEG_OP(seg_transpose, (TH t, int64_t d0, int64_t d1, TH* out), t->transpose(d0, d1))
SEG_OP(seg_squeeze, (TH t, TH* out), t->squeeze())
SEG_OP(seg_squeeze_dim, (TH t, int64_t dim, TH* out), t->squeeze(dim))
SEG_OP(seg_unsqueeze, (TH t, int64_t dim, TH* out), t->unsqueeze(dim))
SEG_OP(seg_flatten, (TH t, int64_t start, int64_t end, TH* out), t->flatten(start, end))
SEG_OP(seg_flip, (TH t, const int64_t* d, int n, TH* out), t->flip(seg::ints(d, n)))
SEG_OP(seg_repeat, (TH t, const int64_t* s, int n, TH* out), t->repeat(seg::ints(s, n)))

namespace {
std::vector<at::Tensor> list(const TH* ts, int n) {
  std::vector<at::Tensor> v;
  v.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v.push_back(*ts[i]);
  return v;
}
}  // namespace

SEG_OP(seg_cat, (const TH* ts, int n, int64_t dim, TH* out), at::cat(list(ts, n), dim))
SEG_OP(seg_stack, (const TH* ts, int n, int64_t dim, TH* out), at::stack(list(ts, n), dim))
