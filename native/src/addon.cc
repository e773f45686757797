// Module init: the export table of the one native module (loaded only by src/torch/_C.ts).
#include "common.h"
#include <cstdlib>
#include <cstring>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

// glibc serves allocations above its mmap threshold with mmap/munmap. Its threshold adapts upward
// as large chunks are freed, but in a Node process each tensor-sized buffer (attention scores,
// activations) was still mapped and unmapped per op: ~30% of BERT inference time went to page
// faults (measured). A fixed 32 MiB threshold keeps those buffers in the heap for reuse, as
// long-running PyTorch processes end up doing. FINETUNE_TS_MALLOC_TUNING=0 turns it off.
static void TuneMalloc() {
#if defined(__GLIBC__)
  const char* off = std::getenv("FINETUNE_TS_MALLOC_TUNING");
  if (off && std::strcmp(off, "0") == 0) return;
  if (std::getenv("MALLOC_MMAP_THRESHOLD_") || std::getenv("MALLOC_TRIM_THRESHOLD_")) return;  // the user's choice wins
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif
}

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  TuneMalloc();
  fts::InitTensor(env, exports);
  fts::InitDispatch(env, exports);
  fts::InitAutograd(env, exports);
  fts::InitRuntime(env, exports);
  return exports;
}

NODE_API_MODULE(finetune_ts, Init)
