// Module init: the export table of the one native module (loaded only by src/torch/_C.ts).
#include "common.h"

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  fts::InitTensor(env, exports);
  fts::InitDispatch(env, exports);
  fts::InitAutograd(env, exports);
  fts::InitRuntime(env, exports);
  return exports;
}

NODE_API_MODULE(finetune_ts, Init)
