// The generic door: call any ATen operator by schema name through libtorch's dispatcher.
// The schema is looked up once (find_op -> small integer id); each call marshals the JS
// arguments by the schema's argument types and boxes them onto a stack. Going through the
// dispatcher means autograd, CUDA and every backend come for free.
#include "common.h"
#include <ATen/core/dispatch/Dispatcher.h>
#include <ATen/core/stack.h>
#include <sstream>
#include <cmath>

namespace fts {

struct OpEntry {
  c10::OperatorHandle handle;
  std::string name;
  size_t nargs;
  size_t nreturns;
};
static std::vector<OpEntry> g_ops;
// One reused argument stack (no allocation per call): ops never call back into JS, so calls
// cannot nest. Cleared after each call so it holds no tensor between calls.
static torch::jit::Stack g_stack;

// find_op("aten::add.Tensor") -> id; throws naming the op when the schema does not exist.
static Napi::Value FindOp(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string full = info[0].As<Napi::String>();
  std::string name = full, overload;
  auto dot = full.find('.');
  if (dot != std::string::npos) {
    name = full.substr(0, dot);
    overload = full.substr(dot + 1);
  }
  auto handle = c10::Dispatcher::singleton().findSchema({name, overload});
  if (!handle.has_value()) {
    throw Napi::Error::New(env, "find_op: no ATen operator '" + full + "' in this libtorch (" + TorchVersion() + ")");
  }
  const auto& schema = handle->schema();
  g_ops.push_back(OpEntry{*handle, full, schema.arguments().size(), schema.returns().size()});
  return Napi::Number::New(env, static_cast<double>(g_ops.size() - 1));
}

static Napi::Value OpSchema(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  size_t id = info[0].As<Napi::Number>().Uint32Value();
  std::ostringstream s;
  s << g_ops.at(id).handle.schema();
  return Napi::String::New(env, s.str());
}

[[noreturn]] static void BadArg(Napi::Env env, const OpEntry& op, const c10::Argument& a, const char* want) {
  throw Napi::TypeError::New(env, op.name + ": argument '" + a.name() + "' must be " + want);
}

static int64_t ToInt(Napi::Env env, const OpEntry& op, const c10::Argument& a, const Napi::Value& v) {
  if (v.IsNumber()) {
    double d = v.As<Napi::Number>().DoubleValue();
    if (std::floor(d) != d) BadArg(env, op, a, "an integer");
    return static_cast<int64_t>(d);
  }
  if (v.IsBigInt()) {
    bool lossless;
    return v.As<Napi::BigInt>().Int64Value(&lossless);
  }
  if (v.IsBoolean()) return v.As<Napi::Boolean>().Value() ? 1 : 0;
  BadArg(env, op, a, "an integer");
}

static c10::Scalar ToScalar(Napi::Env env, const OpEntry& op, const c10::Argument& a, const Napi::Value& v) {
  if (v.IsNumber()) {
    double d = v.As<Napi::Number>().DoubleValue();
    // JS has one number type: an integral value becomes an integer Scalar, so int tensors stay int
    // (x.add(1) on int64 stays int64) and float tensors are unaffected (type promotion keeps float).
    if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9007199254740992.0)
      return c10::Scalar(static_cast<int64_t>(d));
    return c10::Scalar(d);
  }
  if (v.IsBoolean()) return c10::Scalar(v.As<Napi::Boolean>().Value());
  if (v.IsBigInt()) {
    bool lossless;
    return c10::Scalar(v.As<Napi::BigInt>().Int64Value(&lossless));
  }
  BadArg(env, op, a, "a number, boolean or bigint");
}

static c10::IValue Marshal(Napi::Env env, const OpEntry& op, const c10::Argument& a,
                           const c10::TypePtr& type, const Napi::Value& v);

static c10::IValue MarshalList(Napi::Env env, const OpEntry& op, const c10::Argument& a,
                               const c10::TypePtr& elem, const Napi::Value& v) {
  // int[1] arguments (dim=1) take a bare number, as in Python.
  if (!v.IsArray()) {
    if (elem->kind() == c10::TypeKind::IntType || elem->kind() == c10::TypeKind::SymIntType) {
      return c10::IValue(std::vector<int64_t>{ToInt(env, op, a, v)});
    }
    BadArg(env, op, a, "an array");
  }
  auto arr = v.As<Napi::Array>();
  uint32_t n = arr.Length();
  switch (elem->kind()) {
    case c10::TypeKind::IntType:
    case c10::TypeKind::SymIntType: {
      std::vector<int64_t> out(n);
      for (uint32_t i = 0; i < n; i++) out[i] = ToInt(env, op, a, arr.Get(i));
      return c10::IValue(out);
    }
    case c10::TypeKind::FloatType: {
      std::vector<double> out(n);
      for (uint32_t i = 0; i < n; i++) out[i] = arr.Get(i).As<Napi::Number>().DoubleValue();
      return c10::IValue(out);
    }
    case c10::TypeKind::BoolType: {
      c10::List<bool> out;
      for (uint32_t i = 0; i < n; i++) out.push_back(arr.Get(i).As<Napi::Boolean>().Value());
      return c10::IValue(out);
    }
    case c10::TypeKind::TensorType: {
      c10::List<at::Tensor> out;
      out.reserve(n);
      for (uint32_t i = 0; i < n; i++) out.push_back(Unwrap(env, arr.Get(i), op.name.c_str()));
      return c10::IValue(out);
    }
    case c10::TypeKind::OptionalType: {
      auto inner = elem->castRaw<c10::OptionalType>()->getElementType();
      if (inner->kind() == c10::TypeKind::TensorType) {
        c10::List<c10::optional<at::Tensor>> out;
        out.reserve(n);
        for (uint32_t i = 0; i < n; i++) {
          Napi::Value e = arr.Get(i);
          if (e.IsNull() || e.IsUndefined()) out.push_back(c10::nullopt);
          else out.push_back(Unwrap(env, e, op.name.c_str()));
        }
        return c10::IValue(out);
      }
      break;
    }
    default: break;
  }
  BadArg(env, op, a, ("a list of " + elem->str()).c_str());
}

static c10::IValue Marshal(Napi::Env env, const OpEntry& op, const c10::Argument& a,
                           const c10::TypePtr& type, const Napi::Value& v) {
  switch (type->kind()) {
    case c10::TypeKind::TensorType: return c10::IValue(Unwrap(env, v, op.name.c_str()));
    case c10::TypeKind::OptionalType:
      if (v.IsNull() || v.IsUndefined()) return c10::IValue();
      return Marshal(env, op, a, type->castRaw<c10::OptionalType>()->getElementType(), v);
    case c10::TypeKind::IntType:
    case c10::TypeKind::SymIntType:
    case c10::TypeKind::ScalarTypeType:
    case c10::TypeKind::LayoutType:
    case c10::TypeKind::MemoryFormatType:
      return c10::IValue(ToInt(env, op, a, v));
    case c10::TypeKind::FloatType:
    case c10::TypeKind::SymFloatType:
      if (!v.IsNumber()) BadArg(env, op, a, "a number");
      return c10::IValue(v.As<Napi::Number>().DoubleValue());
    case c10::TypeKind::BoolType:
      if (!v.IsBoolean()) BadArg(env, op, a, "a boolean");
      return c10::IValue(v.As<Napi::Boolean>().Value());
    case c10::TypeKind::NumberType: return c10::IValue(ToScalar(env, op, a, v));
    case c10::TypeKind::StringType:
      if (!v.IsString()) BadArg(env, op, a, "a string");
      return c10::IValue(v.As<Napi::String>().Utf8Value());
    case c10::TypeKind::DeviceObjType:
      if (!v.IsString()) BadArg(env, op, a, "a device string such as 'cpu' or 'cuda:0'");
      return c10::IValue(c10::Device(v.As<Napi::String>().Utf8Value()));
    case c10::TypeKind::ListType:
      return MarshalList(env, op, a, type->castRaw<c10::ListType>()->getElementType(), v);
    default: break;
  }
  BadArg(env, op, a, ("of unsupported type " + type->str()).c_str());
}

static Napi::Value FromIValue(Napi::Env env, const c10::IValue& v) {
  if (v.isTensor()) return Wrap(env, v.toTensor());
  if (v.isNone()) return env.Null();
  if (v.isInt()) {
    int64_t i = v.toInt();
    if (i > 9007199254740991LL || i < -9007199254740991LL) return Napi::BigInt::New(env, i);
    return Napi::Number::New(env, static_cast<double>(i));
  }
  if (v.isDouble()) return Napi::Number::New(env, v.toDouble());
  if (v.isBool()) return Napi::Boolean::New(env, v.toBool());
  if (v.isScalar()) {
    c10::Scalar s = v.toScalar();
    if (s.isBoolean()) return Napi::Boolean::New(env, s.toBool());
    if (s.isIntegral(false)) return FromIValue(env, c10::IValue(s.toLong()));
    return Napi::Number::New(env, s.toDouble());
  }
  if (v.isTensorList()) {
    auto list = v.toTensorList();
    auto arr = Napi::Array::New(env, list.size());
    for (size_t i = 0; i < list.size(); i++) arr.Set(static_cast<uint32_t>(i), Wrap(env, list.get(i)));
    return arr;
  }
  if (v.isIntList()) {
    auto list = v.toIntVector();
    auto arr = Napi::Array::New(env, list.size());
    for (size_t i = 0; i < list.size(); i++) arr.Set(static_cast<uint32_t>(i), Napi::Number::New(env, static_cast<double>(list[i])));
    return arr;
  }
  if (v.isString()) return Napi::String::New(env, v.toStringRef());
  throw Napi::Error::New(env, std::string("unsupported return type ") + v.tagKind());
}

static std::vector<at::Tensor> TensorsOf(Napi::Env env, const Napi::CallbackInfo& info) {
  std::vector<at::Tensor> out;
  auto take = [&](const Napi::Value& v) {
    if (v.IsExternal()) {
      Holder* h = v.As<Napi::External<Holder>>().Data();
      if (h->alive) out.push_back(h->t);
    }
  };
  for (size_t i = 1; i < info.Length(); i++) {
    if (info[i].IsArray()) {
      auto arr = info[i].As<Napi::Array>();
      for (uint32_t j = 0; j < arr.Length(); j++) take(arr.Get(j));
    } else {
      take(info[i]);
    }
  }
  return out;
}

// call(id, ...args): arguments in schema order (keyword-only ones included); `undefined` or a
// missing trailing argument takes the schema default. Returns a handle, a value, an array for
// several returns, or undefined for a return that aliases a mutated input (in-place and out=).
static Napi::Value Call(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  size_t id = info[0].As<Napi::Number>().Uint32Value();
  if (id >= g_ops.size()) throw Napi::RangeError::New(env, "call: unknown op id");
  const OpEntry& op = g_ops[id];
  try {
    const auto& schema = op.handle.schema();
    const auto& args = schema.arguments();
    size_t given = info.Length() - 1;
    // Trailing undefineds mean "not given" (the TS side always passes a fixed number of slots).
    while (given > 0 && info[given].IsUndefined()) given--;
    if (given > args.size()) {
      throw Napi::TypeError::New(env, op.name + ": takes " + std::to_string(args.size()) + " arguments but " + std::to_string(given) + " were given");
    }
    auto& stack = g_stack;
    stack.clear();
    for (size_t i = 0; i < args.size(); i++) {
      const auto& a = args[i];
      Napi::Value v = i < given ? info[i + 1] : env.Undefined();
      if (v.IsUndefined()) {
        if (a.default_value().has_value()) { stack.push_back(*a.default_value()); continue; }
        if (a.type()->kind() == c10::TypeKind::OptionalType) { stack.emplace_back(); continue; }
        throw Napi::TypeError::New(env, op.name + ": missing required argument '" + a.name() + "'");
      }
      stack.push_back(Marshal(env, op, a, a.type(), v));
    }
    op.handle.callBoxed(&stack);
    const auto& rets = schema.returns();
    auto convert = [&](size_t i) -> Napi::Value {
      const auto* alias = rets[i].alias_info();
      if (alias && alias->isWrite()) return env.Undefined();
      return FromIValue(env, stack[i]);
    };
    Napi::Value out;
    if (rets.size() == 0) {
      out = env.Undefined();
    } else if (rets.size() == 1) {
      out = convert(0);
    } else {
      auto arr = Napi::Array::New(env, rets.size());
      for (size_t i = 0; i < rets.size(); i++) arr.Set(static_cast<uint32_t>(i), convert(i));
      out = arr;
    }
    stack.clear();
    return out;
  } catch (const Napi::Error&) {
    g_stack.clear();
    throw;
  } catch (const c10::Error& e) {
    g_stack.clear();
    ThrowOpError(env, op.name, CleanMessage(e.what_without_backtrace()), TensorsOf(env, info));
  } catch (const std::exception& e) {
    g_stack.clear();
    ThrowOpError(env, op.name, CleanMessage(e.what()), TensorsOf(env, info));
  }
}

void InitDispatch(Napi::Env env, Napi::Object e) {
  e.Set("find_op", Napi::Function::New(env, FindOp));
  e.Set("op_schema", Napi::Function::New(env, OpSchema));
  e.Set("call", Napi::Function::New(env, Call));
}

}  // namespace fts
