// Shared pieces of the addon: the tensor handle, the error boundary and the live-tensor counters.
// Every exported function is wrapped by FTS_ENTRY so that no C++ exception reaches Node: a
// c10::Error or std::exception becomes a JS Error naming the op and each tensor argument.
#pragma once
#include <napi.h>
#include <ATen/ATen.h>
#include <string>
#include <vector>

namespace fts {

// One JS Tensor owns one Holder: a refcount on an at::Tensor. `alive` turns false on dispose;
// the Holder itself is freed by the External's finalizer when JS lets go of the handle.
struct Holder {
  at::Tensor t;
  bool alive = true;
  int64_t bytes = 0;   // bytes this handle reported (views report 0: they share storage)
  bool cpu = true;
};

struct Counters {
  int64_t live_tensors = 0;
  int64_t live_bytes = 0;
  int64_t peak_tensors = 0;
  int64_t finalized = 0;      // handles freed by the GC backstop while still alive: leaks in tests
  int64_t created = 0;
};
extern Counters counters;

Napi::Value Wrap(Napi::Env env, at::Tensor t);
at::Tensor& Unwrap(Napi::Env env, const Napi::Value& v, const char* op);
Holder* UnwrapHolder(Napi::Env env, const Napi::Value& v, const char* op);
void Release(Napi::Env env, Holder* h);

const char* DtypeName(at::ScalarType st);
std::string Describe(const at::Tensor& t);
std::string DeviceString(const c10::Device& d);
// Throws a JS Error "<op>: <what> [args: ...]" built from the tensors found in info.
[[noreturn]] void ThrowOpError(Napi::Env env, const std::string& op, const std::string& what,
                               const std::vector<at::Tensor>& args);
std::string CleanMessage(const char* what);
std::string TorchVersion();

// Module-init helpers: each .cc file registers its functions.
void InitTensor(Napi::Env env, Napi::Object exports);
void InitDispatch(Napi::Env env, Napi::Object exports);
void InitAutograd(Napi::Env env, Napi::Object exports);
void InitRuntime(Napi::Env env, Napi::Object exports);

}  // namespace fts

// The error boundary. `op` names what failed; `tensors` (a std::vector<at::Tensor>) lists the
// tensor arguments to describe. Napi::Error passes through untouched.
#define FTS_TRY try {
#define FTS_CATCH(env, op, tensors)                                              \
  }                                                                              \
  catch (const Napi::Error&) { throw; }                                          \
  catch (const c10::Error& e) {                                                  \
    ::fts::ThrowOpError(env, op, ::fts::CleanMessage(e.what_without_backtrace()), tensors); \
  }                                                                              \
  catch (const std::exception& e) {                                              \
    ::fts::ThrowOpError(env, op, ::fts::CleanMessage(e.what()), tensors);        \
  }
