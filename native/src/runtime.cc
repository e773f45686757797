// Process-wide state: RNG seed, threads, CUDA information, versions and build configuration.
#include "common.h"
#include <ATen/Parallel.h>
#include <ATen/CPUGeneratorImpl.h>
#include <torch/version.h>
#include <mutex>
#if defined(FTS_WITH_CUDA) && __has_include(<c10/cuda/CUDACachingAllocator.h>)
#include <c10/cuda/CUDACachingAllocator.h>
#define FTS_CUDA_ALLOCATOR 1
#endif

namespace fts {

std::string TorchVersion() { return TORCH_VERSION; }

// manual_seed(seed): seeds the CPU generator and every CUDA generator, as torch.manual_seed does.
static Napi::Value ManualSeed(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  FTS_TRY
  uint64_t seed;
  if (info[0].IsBigInt()) {
    bool lossless;
    seed = info[0].As<Napi::BigInt>().Uint64Value(&lossless);
  } else {
    seed = static_cast<uint64_t>(info[0].As<Napi::Number>().Int64Value());
  }
  {
    auto gen = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(gen.mutex());
    gen.set_current_seed(seed);
  }
  if (at::hasCUDA()) {
    int n = static_cast<int>(at::detail::getCUDAHooks().getNumGPUs());
    for (int i = 0; i < n; i++) {
      auto gen = at::globalContext().defaultGenerator(c10::Device(c10::DeviceType::CUDA, static_cast<c10::DeviceIndex>(i)));
      std::lock_guard<std::mutex> lock(gen.mutex());
      gen.set_current_seed(seed);
    }
  }
  return env.Undefined();
  FTS_CATCH(env, "manual_seed", {})
}

static Napi::Value InitialSeed(const Napi::CallbackInfo& info) {
  auto gen = at::detail::getDefaultCPUGenerator();
  return Napi::BigInt::New(info.Env(), static_cast<uint64_t>(gen.current_seed()));
}

// get_rng_state() -> handle of the default CPU generator's state (a uint8 tensor, as torch.get_rng_state).
static Napi::Value GetRngState(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  FTS_TRY
  auto gen = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(gen.mutex());
  return Wrap(env, gen.get_state());
  FTS_CATCH(env, "get_rng_state", {})
}

static Napi::Value SetRngState(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::vector<at::Tensor> args;
  FTS_TRY
  const at::Tensor& state = Unwrap(env, info[0], "set_rng_state");
  args.push_back(state);
  auto gen = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(gen.mutex());
  gen.set_state(state);
  return env.Undefined();
  FTS_CATCH(env, "set_rng_state", args)
}

static Napi::Value SetNumThreads(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  FTS_TRY
  at::set_num_threads(info[0].As<Napi::Number>().Int32Value());
  return env.Undefined();
  FTS_CATCH(env, "set_num_threads", {})
}

static Napi::Value GetNumThreads(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), at::get_num_threads());
}

static Napi::Value SetNumInteropThreads(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  FTS_TRY
  at::set_num_interop_threads(info[0].As<Napi::Number>().Int32Value());
  return env.Undefined();
  FTS_CATCH(env, "set_num_interop_threads", {})
}

static Napi::Value GetNumInteropThreads(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), at::get_num_interop_threads());
}

static Napi::Value CudaIsAvailable(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), at::hasCUDA() && at::detail::getCUDAHooks().getNumGPUs() > 0);
}

static Napi::Value CudaDeviceCount(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), at::hasCUDA() ? static_cast<double>(at::detail::getCUDAHooks().getNumGPUs()) : 0);
}

static Napi::Value CudaEmptyCache(const Napi::CallbackInfo& info) {
#ifdef FTS_CUDA_ALLOCATOR
  if (at::hasCUDA()) c10::cuda::CUDACachingAllocator::emptyCache();
#endif
  return info.Env().Undefined();
}

// cuda_memory(device) -> { allocated, reserved, peak_allocated } in bytes (zeros without CUDA).
static Napi::Value CudaMemory(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto o = Napi::Object::New(env);
  double allocated = 0, reserved = 0, peak = 0;
#ifdef FTS_CUDA_ALLOCATOR
  if (at::hasCUDA()) {
    auto dev = static_cast<c10::DeviceIndex>(info[0].As<Napi::Number>().Int32Value());
    auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(dev);
    allocated = static_cast<double>(stats.allocated_bytes[0].current);
    reserved = static_cast<double>(stats.reserved_bytes[0].current);
    peak = static_cast<double>(stats.allocated_bytes[0].peak);
  }
#endif
  o.Set("allocated", allocated);
  o.Set("reserved", reserved);
  o.Set("peak_allocated", peak);
  return o;
}

static Napi::Value BuildInfo(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto o = Napi::Object::New(env);
  o.Set("torch_version", TORCH_VERSION);
  o.Set("config", at::show_config());
  o.Set("parallel", at::get_parallel_info());
#ifdef FTS_WITH_CUDA
  o.Set("built_with_cuda", true);
#else
  o.Set("built_with_cuda", false);
#endif
#ifdef _GLIBCXX_USE_CXX11_ABI
  o.Set("cxx11_abi", static_cast<double>(_GLIBCXX_USE_CXX11_ABI));
#endif
  return o;
}

void InitRuntime(Napi::Env env, Napi::Object e) {
  e.Set("manual_seed", Napi::Function::New(env, ManualSeed));
  e.Set("initial_seed", Napi::Function::New(env, InitialSeed));
  e.Set("get_rng_state", Napi::Function::New(env, GetRngState));
  e.Set("set_rng_state", Napi::Function::New(env, SetRngState));
  e.Set("set_num_threads", Napi::Function::New(env, SetNumThreads));
  e.Set("get_num_threads", Napi::Function::New(env, GetNumThreads));
  e.Set("set_num_interop_threads", Napi::Function::New(env, SetNumInteropThreads));
  e.Set("get_num_interop_threads", Napi::Function::New(env, GetNumInteropThreads));
  e.Set("cuda_is_available", Napi::Function::New(env, CudaIsAvailable));
  e.Set("cuda_device_count", Napi::Function::New(env, CudaDeviceCount));
  e.Set("cuda_empty_cache", Napi::Function::New(env, CudaEmptyCache));
  e.Set("cuda_memory", Napi::Function::New(env, CudaMemory));
  e.Set("build_info", Napi::Function::New(env, BuildInfo));
}

}  // namespace fts
