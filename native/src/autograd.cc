// Autograd entry points: backward, .grad, requires_grad, grad mode and inference mode.
// Ops record their graph by themselves (the dispatcher's Autograd key); only these need hands.
#include "common.h"
#include <c10/core/GradMode.h>
#include <c10/core/InferenceMode.h>
#include <ATen/autocast_mode.h>
#include <torch/version.h>
#include <torch/csrc/autograd/function.h>
#include <memory>

namespace fts {

// backward(h, gradient|null, retain_graph: bool|undefined, create_graph: bool)
static Napi::Value Backward(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::vector<at::Tensor> args;
  FTS_TRY
  at::Tensor t = Unwrap(env, info[0], "backward");
  args.push_back(t);
  at::Tensor grad;
  if (info.Length() > 1 && !info[1].IsNull() && !info[1].IsUndefined()) {
    grad = Unwrap(env, info[1], "backward");
    args.push_back(grad);
  }
  c10::optional<bool> retain;
  if (info.Length() > 2 && info[2].IsBoolean()) retain = info[2].As<Napi::Boolean>().Value();
  bool create = info.Length() > 3 && info[3].IsBoolean() && info[3].As<Napi::Boolean>().Value();
  t.backward(grad, retain, create);
  return env.Undefined();
  FTS_CATCH(env, "backward", args)
}

// grad(h, cached|null) -> the cached handle if it still names the same gradient tensor, a new
// handle if the gradient changed, or null. Keeps `p.grad` from minting a handle per read.
static Napi::Value Grad(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const at::Tensor& t = Unwrap(env, info[0], "grad");
  const at::Tensor& g = t.grad();
  if (!g.defined()) return env.Null();
  if (info.Length() > 1 && info[1].IsExternal()) {
    Holder* c = UnwrapHolder(env, info[1], "grad");
    if (c->alive && c->t.unsafeGetTensorImpl() == g.unsafeGetTensorImpl()) return info[1];
  }
  return Wrap(env, g);
}

static Napi::Value SetGrad(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::vector<at::Tensor> args;
  FTS_TRY
  at::Tensor& t = Unwrap(env, info[0], "grad=");
  args.push_back(t);
  if (info[1].IsNull() || info[1].IsUndefined()) {
    t.mutable_grad() = at::Tensor();
  } else {
    const at::Tensor& g = Unwrap(env, info[1], "grad=");
    args.push_back(g);
    TORCH_CHECK(g.sizes() == t.sizes(), "assigned grad has data of a different size");
    t.mutable_grad() = g;
  }
  return env.Undefined();
  FTS_CATCH(env, "grad=", args)
}

static Napi::Value RequiresGrad(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return Napi::Boolean::New(env, Unwrap(env, info[0], "requires_grad").requires_grad());
}

static Napi::Value SetRequiresGrad(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::vector<at::Tensor> args;
  FTS_TRY
  at::Tensor& t = Unwrap(env, info[0], "requires_grad_");
  args.push_back(t);
  t.requires_grad_(info[1].As<Napi::Boolean>().Value());
  return env.Undefined();
  FTS_CATCH(env, "requires_grad_", args)
}

static Napi::Value IsLeaf(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return Napi::Boolean::New(env, Unwrap(env, info[0], "is_leaf").is_leaf());
}

static Napi::Value RetainGrad(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::vector<at::Tensor> args;
  FTS_TRY
  const at::Tensor& t = Unwrap(env, info[0], "retain_grad");
  args.push_back(t);
  t.retain_grad();
  return env.Undefined();
  FTS_CATCH(env, "retain_grad", args)
}

static Napi::Value GradFn(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const at::Tensor& t = Unwrap(env, info[0], "grad_fn");
  const auto& fn = t.grad_fn();
  if (!fn) return env.Null();
  return Napi::String::New(env, fn->name());
}

static Napi::Value SetGradEnabled(const Napi::CallbackInfo& info) {
  c10::GradMode::set_enabled(info[0].As<Napi::Boolean>().Value());
  return info.Env().Undefined();
}

static Napi::Value IsGradEnabled(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), c10::GradMode::is_enabled());
}

// Inference mode is an RAII guard in C++; JS scopes enter and exit it in strict LIFO order.
static std::vector<std::unique_ptr<c10::InferenceMode>> g_inference;

static Napi::Value EnterInferenceMode(const Napi::CallbackInfo& info) {
  bool on = info.Length() == 0 || info[0].As<Napi::Boolean>().Value();
  g_inference.push_back(std::make_unique<c10::InferenceMode>(on));
  return Napi::Number::New(info.Env(), static_cast<double>(g_inference.size()));
}

static Napi::Value ExitInferenceMode(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  size_t depth = info[0].As<Napi::Number>().Uint32Value();
  if (depth != g_inference.size()) throw Napi::Error::New(env, "inference_mode: scopes exited out of order");
  g_inference.pop_back();
  return env.Undefined();
}

static Napi::Value IsInferenceModeEnabled(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), c10::InferenceMode::is_enabled());
}

// Autocast (torch.autocast) is thread-local dispatch state: when enabled, the Autocast* dispatch
// keys cast eligible ops' inputs (matmul, linear, conv, ...) to the lower-precision dtype, so every
// op called through our boxed dispatcher is covered without per-op code. libtorch 2.4 replaced the
// per-device setters with ones taking a DeviceType; 1.13 has only the per-device ones.
static at::DeviceType AutocastDevice(Napi::Env env, const Napi::Value& v) {
  std::string d = v.As<Napi::String>().Utf8Value();
  if (d == "cpu") return at::kCPU;
  if (d == "cuda") return at::kCUDA;
  throw Napi::TypeError::New(env, "autocast: device_type must be 'cpu' or 'cuda', got '" + d + "'");
}

#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
static bool AutocastEnabled(at::DeviceType d) { return at::autocast::is_autocast_enabled(d); }
static void SetAutocastEnabled(at::DeviceType d, bool on) { at::autocast::set_autocast_enabled(d, on); }
static at::ScalarType AutocastDtype(at::DeviceType d) { return at::autocast::get_autocast_dtype(d); }
static void SetAutocastDtype(at::DeviceType d, at::ScalarType t) { at::autocast::set_autocast_dtype(d, t); }
#else
static bool AutocastEnabled(at::DeviceType d) { return d == at::kCPU ? at::autocast::is_cpu_enabled() : at::autocast::is_enabled(); }
static void SetAutocastEnabled(at::DeviceType d, bool on) {
  if (d == at::kCPU) at::autocast::set_cpu_enabled(on); else at::autocast::set_enabled(on);
}
static at::ScalarType AutocastDtype(at::DeviceType d) { return d == at::kCPU ? at::autocast::get_autocast_cpu_dtype() : at::autocast::get_autocast_gpu_dtype(); }
static void SetAutocastDtype(at::DeviceType d, at::ScalarType t) {
  if (d == at::kCPU) at::autocast::set_autocast_cpu_dtype(t); else at::autocast::set_autocast_gpu_dtype(t);
}
#endif

// autocast_state(device) -> { enabled, dtype, cache_enabled }
static Napi::Value AutocastState(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  at::DeviceType d = AutocastDevice(env, info[0]);
  Napi::Object o = Napi::Object::New(env);
  o.Set("enabled", AutocastEnabled(d));
  o.Set("dtype", static_cast<double>(static_cast<int>(AutocastDtype(d))));
  o.Set("cache_enabled", at::autocast::is_autocast_cache_enabled());
  return o;
}

// set_autocast(device, enabled, dtype, cache_enabled)
static Napi::Value SetAutocast(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  at::DeviceType d = AutocastDevice(env, info[0]);
  SetAutocastEnabled(d, info[1].As<Napi::Boolean>().Value());
  SetAutocastDtype(d, static_cast<at::ScalarType>(info[2].As<Napi::Number>().Int32Value()));
  at::autocast::set_autocast_cache_enabled(info[3].As<Napi::Boolean>().Value());
  return env.Undefined();
}

// Python's autocast.__enter__/__exit__ count nesting and clear the weight-cast cache when the
// outermost region ends, so casts of parameters are reused within one forward only.
static Napi::Value AutocastIncrementNesting(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), at::autocast::increment_nesting());
}
static Napi::Value AutocastDecrementNesting(const Napi::CallbackInfo& info) {
  int n = at::autocast::decrement_nesting();
  if (n == 0) at::autocast::clear_cache();
  return Napi::Number::New(info.Env(), n);
}

static Napi::Value IsInference(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return Napi::Boolean::New(env, Unwrap(env, info[0], "is_inference").is_inference());
}

void InitAutograd(Napi::Env env, Napi::Object e) {
  e.Set("backward", Napi::Function::New(env, Backward));
  e.Set("grad", Napi::Function::New(env, Grad));
  e.Set("set_grad", Napi::Function::New(env, SetGrad));
  e.Set("requires_grad", Napi::Function::New(env, RequiresGrad));
  e.Set("set_requires_grad", Napi::Function::New(env, SetRequiresGrad));
  e.Set("is_leaf", Napi::Function::New(env, IsLeaf));
  e.Set("retain_grad", Napi::Function::New(env, RetainGrad));
  e.Set("grad_fn", Napi::Function::New(env, GradFn));
  e.Set("set_grad_enabled", Napi::Function::New(env, SetGradEnabled));
  e.Set("is_grad_enabled", Napi::Function::New(env, IsGradEnabled));
  e.Set("enter_inference_mode", Napi::Function::New(env, EnterInferenceMode));
  e.Set("exit_inference_mode", Napi::Function::New(env, ExitInferenceMode));
  e.Set("is_inference_mode_enabled", Napi::Function::New(env, IsInferenceModeEnabled));
  e.Set("is_inference", Napi::Function::New(env, IsInference));
  e.Set("autocast_state", Napi::Function::New(env, AutocastState));
  e.Set("set_autocast", Napi::Function::New(env, SetAutocast));
  e.Set("autocast_increment_nesting", Napi::Function::New(env, AutocastIncrementNesting));
  e.Set("autocast_decrement_nesting", Napi::Function::New(env, AutocastDecrementNesting));
}

}  // namespace fts
