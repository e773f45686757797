// Tensor handles: wrap/unwrap, copy in from and out to TypedArrays, metadata, dispose, counters.
#include "common.h"
#include <cstring>
#include <sstream>

namespace fts {

Counters counters;

static void Account(Napi::Env env, Holder* h, int sign) {
  counters.live_tensors += sign;
  counters.live_bytes += sign * h->bytes;
  if (counters.live_tensors > counters.peak_tensors) counters.peak_tensors = counters.live_tensors;
  // Tell V8 about CPU memory it cannot see, so that the GC backstop runs under pressure.
  if (h->cpu && h->bytes) Napi::MemoryManagement::AdjustExternalMemory(env, sign * h->bytes);
}

void Release(Napi::Env env, Holder* h) {
  if (!h->alive) return;
  h->alive = false;
  Account(env, h, -1);
  h->t = at::Tensor();
}

// Handles are Externals WITHOUT a native finalizer: an N-API finalizer costs a weak reference per
// tensor (~1 µs per op, measured). The JS Tensor registers itself in a FinalizationRegistry
// instead, and the Holder is deleted by dispose() or, for a forgotten tensor, by finalize().
Napi::Value Wrap(Napi::Env env, at::Tensor t) {
  if (!t.defined()) return env.Null();
  auto* h = new Holder();
  h->cpu = t.device().is_cpu();
  // Views share their base's storage: count the bytes once, on the handle that made them.
  h->bytes = t.is_view() ? 0 : static_cast<int64_t>(t.numel() * t.element_size());
  h->t = std::move(t);
  counters.created++;
  Account(env, h, +1);
  return Napi::External<Holder>::New(env, h);
}

Holder* UnwrapHolder(Napi::Env env, const Napi::Value& v, const char* op) {
  if (!v.IsExternal()) {
    throw Napi::TypeError::New(env, std::string(op) + ": expected a Tensor handle");
  }
  return v.As<Napi::External<Holder>>().Data();
}

at::Tensor& Unwrap(Napi::Env env, const Napi::Value& v, const char* op) {
  Holder* h = UnwrapHolder(env, v, op);
  if (!h->alive) throw Napi::Error::New(env, std::string("Tensor used after dispose (op=") + op + ")");
  return h->t;
}

const char* DtypeName(at::ScalarType st) {
  switch (st) {
    case at::kFloat: return "float32";
    case at::kDouble: return "float64";
    case at::kHalf: return "float16";
    case at::kBFloat16: return "bfloat16";
    case at::kLong: return "int64";
    case at::kInt: return "int32";
    case at::kShort: return "int16";
    case at::kChar: return "int8";
    case at::kByte: return "uint8";
    case at::kBool: return "bool";
    case at::kComplexFloat: return "complex64";
    case at::kComplexDouble: return "complex128";
    default: return c10::toString(st);
  }
}

std::string DeviceString(const c10::Device& d) {
  if (d.is_cpu()) return "cpu";
  return d.str();
}

std::string Describe(const at::Tensor& t) {
  if (!t.defined()) return "None";
  std::ostringstream s;
  s << "(";
  auto sizes = t.sizes();
  for (size_t i = 0; i < sizes.size(); i++) s << (i ? "," : "") << sizes[i];
  if (sizes.size() == 1) s << ",";
  s << ") " << DtypeName(t.scalar_type()) << " " << DeviceString(t.device());
  return s.str();
}

std::string CleanMessage(const char* what) {
  std::string m(what);
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

void ThrowOpError(Napi::Env env, const std::string& op, const std::string& what,
                  const std::vector<at::Tensor>& args) {
  std::string msg = op + ": " + what;
  if (!args.empty()) {
    msg += " [args: ";
    for (size_t i = 0; i < args.size(); i++) msg += (i ? ", " : "") + Describe(args[i]);
    msg += "]";
  }
  throw Napi::Error::New(env, msg);
}

// from_buffer(data: TypedArray|ArrayBuffer, shape: number[], dtype: int) -> handle
// Copies the bytes: the tensor never aliases JS memory, so GC and libtorch never share ownership.
static Napi::Value FromBuffer(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  FTS_TRY
  const uint8_t* src = nullptr;
  size_t len = 0;
  if (info[0].IsTypedArray()) {
    auto ta = info[0].As<Napi::TypedArray>();
    src = static_cast<const uint8_t*>(ta.ArrayBuffer().Data()) + ta.ByteOffset();
    len = ta.ByteLength();
  } else if (info[0].IsArrayBuffer()) {
    auto ab = info[0].As<Napi::ArrayBuffer>();
    src = static_cast<const uint8_t*>(ab.Data());
    len = ab.ByteLength();
  } else if (info[0].IsBuffer()) {
    auto b = info[0].As<Napi::Buffer<uint8_t>>();
    src = b.Data();
    len = b.Length();
  } else {
    throw Napi::TypeError::New(env, "from_buffer: data must be a TypedArray, Buffer or ArrayBuffer");
  }
  auto arr = info[1].As<Napi::Array>();
  std::vector<int64_t> shape(arr.Length());
  for (uint32_t i = 0; i < arr.Length(); i++) shape[i] = arr.Get(i).As<Napi::Number>().Int64Value();
  auto dtype = static_cast<at::ScalarType>(info[2].As<Napi::Number>().Int32Value());
  at::Tensor t = at::empty(shape, at::TensorOptions().dtype(dtype));
  size_t need = t.numel() * t.element_size();
  if (need != len) {
    std::ostringstream s;
    s << "from_buffer: shape needs " << need << " bytes of " << DtypeName(dtype) << " but the data has " << len;
    throw Napi::RangeError::New(env, s.str());
  }
  if (len) std::memcpy(t.data_ptr(), src, len);
  return Wrap(env, std::move(t));
  FTS_CATCH(env, "from_buffer", {})
}

// to_buffer(h) -> ArrayBuffer with the tensor's elements, contiguous, on the CPU.
static Napi::Value ToBuffer(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::vector<at::Tensor> args;
  FTS_TRY
  at::Tensor t = Unwrap(env, info[0], "to_buffer");
  args.push_back(t);
  at::Tensor c = t.detach();
  if (!c.device().is_cpu()) c = c.to(at::kCPU);
  c = c.contiguous();
  size_t len = c.numel() * c.element_size();
  auto ab = Napi::ArrayBuffer::New(env, len);
  if (len) std::memcpy(ab.Data(), c.data_ptr(), len);
  return ab;
  FTS_CATCH(env, "to_buffer", args)
}

// copy_from_buffer(h, data): writes bytes into an existing CPU contiguous tensor (load_state_dict).
static Napi::Value CopyFromBuffer(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  FTS_TRY
  at::Tensor& t = Unwrap(env, info[0], "copy_from_buffer");
  auto ta = info[1].As<Napi::TypedArray>();
  size_t need = t.numel() * t.element_size();
  if (!t.device().is_cpu() || !t.is_contiguous() || need != ta.ByteLength())
    throw Napi::Error::New(env, "copy_from_buffer: needs a contiguous CPU tensor of the same byte size");
  std::memcpy(t.data_ptr(), static_cast<const uint8_t*>(ta.ArrayBuffer().Data()) + ta.ByteOffset(), need);
  return env.Undefined();
  FTS_CATCH(env, "copy_from_buffer", {})
}

// dispose(h): frees the tensor and the Holder. The JS side never passes a handle again after this.
static Napi::Value Dispose(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Holder* h = UnwrapHolder(env, info[0], "dispose");
  Release(env, h);
  delete h;
  return env.Undefined();
}

// finalize(h): the GC backstop (FinalizationRegistry) freeing a tensor nobody disposed.
static Napi::Value Finalize(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Holder* h = UnwrapHolder(env, info[0], "finalize");
  if (h->alive) counters.finalized++;
  Release(env, h);
  delete h;
  return env.Undefined();
}

static Napi::Value Shape(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const at::Tensor& t = Unwrap(env, info[0], "shape");
  auto sizes = t.sizes();
  auto out = Napi::Array::New(env, sizes.size());
  for (size_t i = 0; i < sizes.size(); i++) out.Set(i, Napi::Number::New(env, static_cast<double>(sizes[i])));
  return out;
}

static Napi::Value Strides(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const at::Tensor& t = Unwrap(env, info[0], "stride");
  auto st = t.strides();
  auto out = Napi::Array::New(env, st.size());
  for (size_t i = 0; i < st.size(); i++) out.Set(i, Napi::Number::New(env, static_cast<double>(st[i])));
  return out;
}

static Napi::Value Dtype(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return Napi::Number::New(env, static_cast<int>(Unwrap(env, info[0], "dtype").scalar_type()));
}

static Napi::Value Device(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return Napi::String::New(env, DeviceString(Unwrap(env, info[0], "device").device()));
}

static Napi::Value Dim(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return Napi::Number::New(env, static_cast<double>(Unwrap(env, info[0], "dim").dim()));
}

static Napi::Value Numel(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return Napi::Number::New(env, static_cast<double>(Unwrap(env, info[0], "numel").numel()));
}

static Napi::Value IsContiguous(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return Napi::Boolean::New(env, Unwrap(env, info[0], "is_contiguous").is_contiguous());
}

// alias(h): a new handle on the same TensorImpl (what `x.alias` means in the ownership rules).
static Napi::Value Alias(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  at::Tensor t = Unwrap(env, info[0], "alias");
  return Wrap(env, t);
}

static Napi::Value SameTensor(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const at::Tensor& a = Unwrap(env, info[0], "is_same");
  const at::Tensor& b = Unwrap(env, info[1], "is_same");
  return Napi::Boolean::New(env, a.unsafeGetTensorImpl() == b.unsafeGetTensorImpl());
}

static Napi::Value Memory(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto o = Napi::Object::New(env);
  o.Set("live_tensors", static_cast<double>(counters.live_tensors));
  o.Set("live_bytes", static_cast<double>(counters.live_bytes));
  o.Set("peak_tensors", static_cast<double>(counters.peak_tensors));
  o.Set("finalized", static_cast<double>(counters.finalized));
  o.Set("created", static_cast<double>(counters.created));
  return o;
}

static Napi::Value ResetPeak(const Napi::CallbackInfo& info) {
  counters.peak_tensors = counters.live_tensors;
  return info.Env().Undefined();
}

void InitTensor(Napi::Env env, Napi::Object e) {
  e.Set("from_buffer", Napi::Function::New(env, FromBuffer));
  e.Set("to_buffer", Napi::Function::New(env, ToBuffer));
  e.Set("copy_from_buffer", Napi::Function::New(env, CopyFromBuffer));
  e.Set("dispose", Napi::Function::New(env, Dispose));
  e.Set("finalize", Napi::Function::New(env, Finalize));
  e.Set("shape", Napi::Function::New(env, Shape));
  e.Set("strides", Napi::Function::New(env, Strides));
  e.Set("dtype", Napi::Function::New(env, Dtype));
  e.Set("device", Napi::Function::New(env, Device));
  e.Set("dim", Napi::Function::New(env, Dim));
  e.Set("numel", Napi::Function::New(env, Numel));
  e.Set("is_contiguous", Napi::Function::New(env, IsContiguous));
  e.Set("alias", Napi::Function::New(env, Alias));
  e.Set("is_same", Napi::Function::New(env, SameTensor));
  e.Set("memory", Napi::Function::New(env, Memory));
  e.Set("reset_peak", Napi::Function::New(env, ResetPeak));
}

}  // namespace fts
