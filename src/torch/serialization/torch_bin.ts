/**
 * `torch.load(path, map_location="cpu", weights_only=True)` for `pytorch_model.bin` and other
 * `torch.save` checkpoints, as a pure byte layer: it returns {@link RawTensor} records (dtype,
 * shape, stride, storage offset, and the storage's little-endian bytes), never a libtorch tensor.
 *
 * Both on-disk formats of torch/serialization.py are read:
 *  - zip (default since 1.6): `<archive>/data.pkl` whose persistent ids
 *    `('storage', StorageType, key, location, numel)` name records `<archive>/data/<key>`;
 *    `<archive>/byteorder` ("little" | "big", torch >= 2.1) decides whether to byteswap;
 *  - legacy (`_use_new_zipfile_serialization=False`): pickles for the magic number, the protocol
 *    version and sys_info, then the object pickle with ids
 *    `('storage', StorageType, root_key, location, numel, view_metadata)`, then a pickle listing
 *    storage keys, then per key an int64 element count and the raw little-endian bytes.
 * Tensors that share a storage in the file share ONE {@link RawStorage} object here (tied weights).
 * The allow-list below is torch's `_get_allowed_globals()` restricted to what a state dict needs.
 */
import { readFile } from "node:fs/promises";
import {
  unpickleAt, describe, UnpicklingError, PickleTruncatedError, PickleGlobal, OrderedDict, PYTHON_SAFE_GLOBALS,
  type SafeGlobal,
} from "./unpickler.js";
import { ZipReader, bufferSource, fileSource, looksLikeZip, type ByteSource } from "./zip.js";

export type RawDtype = "float32" | "float64" | "float16" | "bfloat16" | "int64" | "int32" | "int16" | "int8" | "uint8" | "bool";

export const DTYPE_ITEMSIZE: Readonly<Record<RawDtype, number>> = Object.freeze({
  float32: 4, float64: 8, float16: 2, bfloat16: 2, int64: 8, int32: 4, int16: 2, int8: 1, uint8: 1, bool: 1,
});

/** One storage: `bytes` is little-endian, exactly `nbytes` long, and shared by every tensor viewing it. */
export interface RawStorage {
  /** The storage key in the file (zip record name under data/, or the legacy root/view key). */
  key: string;
  /** The storage's element type (uint8 for an UntypedStorage). */
  dtype: RawDtype;
  /** Where the tensor was saved ("cpu", "cuda:0"): informational, everything is loaded to CPU. */
  location: string;
  nbytes: number;
  /**
   * Exactly `nbytes` bytes. May be a view into a larger buffer at any byteOffset (zero-copy from an
   * in-memory file, or a legacy storage view sharing its root's memory), so build typed arrays from
   * `bytes.slice()` or copy through `bytes`, never from `bytes.buffer` alone.
   */
  bytes: Uint8Array;
}

/** A tensor as torch rebuilds it: a strided view (in elements of `dtype`) into `storage`. */
export interface RawTensor {
  dtype: RawDtype;
  shape: number[];
  stride: number[];
  storage_offset: number;
  storage: RawStorage;
  requires_grad: boolean;
}

const RAW_TENSOR = Symbol("RawTensor");

export function isRawTensor(x: unknown): x is RawTensor {
  return typeof x === "object" && x !== null && RAW_TENSOR in x;
}

const STORAGE_DTYPES: Readonly<Record<string, RawDtype>> = {
  FloatStorage: "float32", DoubleStorage: "float64", HalfStorage: "float16", BFloat16Storage: "bfloat16",
  LongStorage: "int64", IntStorage: "int32", ShortStorage: "int16", CharStorage: "int8", ByteStorage: "uint8",
  BoolStorage: "bool", UntypedStorage: "uint8",
};
/** Allowed by torch's weights_only list but without a dtype here: a clear error instead of a refusal. */
const UNSUPPORTED_STORAGES = ["ComplexFloatStorage", "ComplexDoubleStorage", "QInt8Storage", "QUInt8Storage", "QInt32Storage", "QUInt4x2Storage", "QUInt2x4Storage"];
const TORCH_DTYPES: Readonly<Record<string, RawDtype>> = {
  float32: "float32", float: "float32", float64: "float64", double: "float64", float16: "float16", half: "float16",
  bfloat16: "bfloat16", int64: "int64", long: "int64", int32: "int32", int: "int32", int16: "int16", short: "int16",
  int8: "int8", uint8: "uint8", bool: "bool",
};

/** torch dtypes its weights_only list allows but this loader has no RawDtype for: accepted as values, rejected on use. */
const UNSUPPORTED_DTYPES = [
  "complex32", "complex64", "complex128", "chalf", "cfloat", "cdouble", "float8_e4m3fn", "float8_e5m2", "float8_e4m3fnuz",
  "float8_e5m2fnuz", "float8_e8m0fnu", "uint16", "uint32", "uint64", "qint8", "quint8", "qint32", "quint4x2", "quint2x4",
];

const nonNegInt = (x: unknown): x is number => typeof x === "number" && Number.isSafeInteger(x) && x >= 0;
const intList = (x: unknown, what: string): number[] => {
  if (!Array.isArray(x) || !x.every(nonNegInt)) throw new UnpicklingError(`${what} must be a tuple of non-negative ints, got ${describe(x)}`);
  return [...x];
};
/** torch's `_maybe_decode_ascii`: py2-era checkpoints store these ids as bytes. */
const asciiKey = (x: unknown): string => (x instanceof Uint8Array ? new TextDecoder("latin1").decode(x) : String(x));

/** Rebuilds a tensor view after checking it stays inside its storage (a hostile file must not read out of bounds). */
function makeTensor(storage: unknown, offset: unknown, size: unknown, stride: unknown, requiresGrad: unknown, dtype?: RawDtype): RawTensor {
  if (!isStorage(storage)) throw new UnpicklingError(`a tensor's storage must come from a persistent id, got ${describe(storage)}`);
  const shape = intList(size, "tensor size");
  const strides = intList(stride, "tensor stride");
  if (shape.length !== strides.length) throw new UnpicklingError(`tensor size ${JSON.stringify(shape)} and stride ${JSON.stringify(strides)} differ in length`);
  if (!nonNegInt(offset)) throw new UnpicklingError(`storage offset must be a non-negative int, got ${describe(offset)}`);
  const dt = dtype ?? storage.dtype;
  const capacity = Math.floor(storage.nbytes / DTYPE_ITEMSIZE[dt]);
  if (!shape.includes(0)) {
    let last = offset;
    for (let i = 0; i < shape.length; i++) last += ((shape[i] as number) - 1) * (strides[i] as number);
    if (last >= capacity) {
      throw new UnpicklingError(`tensor of size ${JSON.stringify(shape)}, stride ${JSON.stringify(strides)}, offset ${offset} reads element ${last} of storage ${JSON.stringify(storage.key)} which holds ${capacity} ${dt} elements`);
    }
  }
  return { [RAW_TENSOR]: true, dtype: dt, shape, stride: strides, storage_offset: offset, storage, requires_grad: requiresGrad === true } as RawTensor;
}

const STORAGE = Symbol("RawStorage");
function isStorage(x: unknown): x is RawStorage {
  return typeof x === "object" && x !== null && STORAGE in x;
}

function unsupported(what: string): SafeGlobal {
  return { call: () => { throw new UnpicklingError(`${what} are not supported by finetune-ts (only dense CPU-loadable tensors)`); } };
}

function storageDtype(g: unknown): RawDtype {
  if (g instanceof PickleGlobal) {
    const dt = STORAGE_DTYPES[g.name];
    if (dt) return dt;
    if (UNSUPPORTED_STORAGES.includes(g.name)) throw new UnpicklingError(`${g.qualname} tensors are not supported by finetune-ts`);
  }
  throw new UnpicklingError(`persistent id names storage type ${describe(g)}, not a torch storage class`);
}

/** The allow-list (module.name → implementation), mirroring torch's `_get_allowed_globals()`. */
function weightsOnlyGlobals(): Map<string, SafeGlobal> {
  const g = new Map<string, SafeGlobal>(PYTHON_SAFE_GLOBALS);
  const marker: SafeGlobal = {}; // a value that can be passed around but not called
  for (const name of [...Object.keys(STORAGE_DTYPES), ...UNSUPPORTED_STORAGES]) {
    g.set(`torch.${name}`, marker);
    g.set(`torch.cuda.${name}`, marker);
  }
  g.set("torch.storage.UntypedStorage", marker);
  for (const name of [...Object.keys(TORCH_DTYPES), ...UNSUPPORTED_DTYPES]) g.set(`torch.${name}`, marker);
  g.set("torch.Tensor", marker);
  g.set("collections.Counter", { call: ([d]) => new Map(d instanceof Map ? d : []) });
  g.set("torch.Size", { call: ([s]) => intList(s, "torch.Size") });
  g.set("torch.device", { call: ([type, index]) => (index == null ? String(type) : `${String(type)}:${String(index)}`) });
  g.set("torch.serialization._get_layout", { call: ([name]) => String(name) });
  g.set("torch._utils._rebuild_tensor", { call: ([s, o, size, stride]) => makeTensor(s, o, size, stride, false) });
  g.set("torch._utils._rebuild_tensor_v2", {
    call: ([s, o, size, stride, requiresGrad, _hooks, metadata]) => {
      // metadata carries conj/neg bits; honouring them needs math we do not do, so refuse rather than load wrong values.
      if (metadata instanceof Map && [...metadata.values()].some(Boolean)) {
        throw new UnpicklingError(`tensors with conj/neg bits set (${[...metadata.keys()].join(", ")}) are not supported`);
      }
      return makeTensor(s, o, size, stride, requiresGrad);
    },
  });
  g.set("torch._utils._rebuild_tensor_v3", {
    call: ([s, o, size, stride, requiresGrad, _hooks, dtype]) => {
      const dt = dtype instanceof PickleGlobal && dtype.module === "torch" ? TORCH_DTYPES[dtype.name] : undefined;
      if (!dt) throw new UnpicklingError(`tensors of dtype ${describe(dtype)} are not supported by finetune-ts`);
      return makeTensor(s, o, size, stride, requiresGrad, dt);
    },
  });
  const parameter = ([data, requiresGrad]: readonly unknown[]): RawTensor => {
    if (!isRawTensor(data)) throw new UnpicklingError(`Parameter data must be a tensor, got ${describe(data)}`);
    return { ...data, requires_grad: requiresGrad !== false } as RawTensor;
  };
  g.set("torch._utils._rebuild_parameter", { call: parameter });
  g.set("torch._utils._rebuild_parameter_with_state", { call: parameter });
  g.set("torch.nn.parameter.Parameter", { call: parameter });
  g.set("torch._tensor._rebuild_from_type_v2", {
    call: ([func, newType, args, state]) => {
      const t = newType instanceof PickleGlobal ? newType.qualname : "";
      if (t !== "torch.Tensor" && t !== "torch.nn.parameter.Parameter") throw new UnpicklingError(`tensor subclass ${describe(newType)} is not supported`);
      if (!(func instanceof PickleGlobal) || !func.impl.call || !Array.isArray(args)) throw new UnpicklingError("malformed _rebuild_from_type_v2 call");
      if (state instanceof Map && state.size) throw new UnpicklingError(`tensors with Python attributes (${[...state.keys()].join(", ")}) are not supported`);
      return func.impl.call(args);
    },
  });
  for (const [name, what] of [
    ["_rebuild_sparse_tensor", "sparse tensors"], ["_rebuild_sparse_csr_tensor", "sparse tensors"], ["_rebuild_qtensor", "quantized tensors"],
    ["_rebuild_meta_tensor_no_storage", "meta tensors"], ["_rebuild_wrapper_subclass", "tensor subclasses"], ["_rebuild_nested_tensor", "nested tensors"],
    ["_rebuild_device_tensor_from_numpy", "numpy-backed device tensors"], ["_rebuild_device_tensor_from_cpu_tensor", "device tensors"],
  ] as const) g.set(`torch._utils.${name}`, unsupported(what));
  return g;
}

const ALLOWED = weightsOnlyGlobals();
/** The qualified names this loader accepts in GLOBAL opcodes. Everything else is refused unrun. */
export const ALLOWED_GLOBALS: readonly string[] = Object.freeze([...ALLOWED.keys()].sort());

const findGlobal = (module: string, name: string): SafeGlobal | undefined =>
  // Old checkpoints pickled `torch.tensor` module paths; torch maps them to torch._tensor the same way.
  ALLOWED.get(`${module === "torch.tensor" ? "torch._tensor" : module}.${name}`);

function newStorage(key: string, dtype: RawDtype, location: string, numel: number): RawStorage {
  const nbytes = numel * DTYPE_ITEMSIZE[dtype];
  if (!Number.isSafeInteger(nbytes)) throw new UnpicklingError(`storage ${JSON.stringify(key)} has an absurd size (${numel} elements)`);
  return { [STORAGE]: true, key, dtype, location, nbytes, bytes: new Uint8Array(0) } as RawStorage;
}

function byteswap(s: RawStorage): void {
  const n = DTYPE_ITEMSIZE[s.dtype];
  if (n === 1) return;
  const b = s.bytes.slice(); // never mutate the caller's file buffer
  for (let i = 0; i + n <= b.length; i += n) b.subarray(i, i + n).reverse();
  s.bytes = b;
}

async function loadZip(source: ByteSource): Promise<unknown> {
  const file = source.name;
  const zip = await ZipReader.open(source);
  const first = zip.entries[0]?.name ?? "";
  const slash = first.indexOf("/");
  if (slash < 0) throw new UnpicklingError(`${file}: zip archive has no top-level folder, so it is not a torch.save checkpoint`);
  const prefix = first.slice(0, slash + 1); // PyTorchStreamReader: the archive name is the first record's folder
  if (!zip.get(`${prefix}data.pkl`)) {
    const hint = zip.get(`${prefix}constants.pkl`) ? " (it is a TorchScript archive; torch.jit.load territory)" : "";
    throw new UnpicklingError(`${file}: zip archive has no ${prefix}data.pkl${hint}`);
  }
  let bigEndian = false;
  if (zip.get(`${prefix}byteorder`)) {
    const order = new TextDecoder().decode(await zip.read(`${prefix}byteorder`));
    if (order !== "little" && order !== "big") throw new UnpicklingError(`${file}: unknown byteorder record ${JSON.stringify(order)}`);
    bigEndian = order === "big";
  }
  const storages = new Map<string, RawStorage>();
  const persistentLoad = (pid: unknown): RawStorage => {
    if (!Array.isArray(pid) || pid.length !== 5 || asciiKey(pid[0]) !== "storage") {
      throw new UnpicklingError(`only ('storage', type, key, location, numel) persistent ids are allowed, got ${describe(pid)}`);
    }
    const [, type, key, location, numel] = pid as unknown[];
    const dtype = storageDtype(type);
    if (typeof key !== "string" || !nonNegInt(numel)) throw new UnpicklingError(`malformed storage persistent id ${describe(pid)}`);
    let s = storages.get(key);
    if (!s) storages.set(key, (s = newStorage(key, dtype, asciiKey(location), numel)));
    return s;
  };
  const pkl = await zip.read(`${prefix}data.pkl`);
  // Like torch.load, read one pickle and ignore anything after its STOP.
  const { value } = unpickleAt(pkl, 0, { file: `${file} (${prefix}data.pkl)`, findGlobal, persistentLoad });
  for (const s of storages.values()) {
    const record = `${prefix}data/${s.key}`;
    if (!zip.get(record)) throw new UnpicklingError(`${file}: storage ${JSON.stringify(s.key)} is referenced but the record ${record} is missing`);
    const bytes = await zip.read(record);
    if (bytes.length < s.nbytes) throw new UnpicklingError(`${file}: record ${record} has ${bytes.length} bytes but the storage needs ${s.nbytes} (truncated?)`);
    s.bytes = bytes.subarray(0, s.nbytes);
    if (bigEndian) byteswap(s);
  }
  return value;
}

const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;
const LEGACY_PROTOCOL = 1001;

/** Parses the legacy pickles from `head` (a prefix of the file); throws PickleTruncatedError if it is too short. */
function parseLegacyPickles(head: Uint8Array, file: string) {
  const opts = { file };
  let r = unpickleAt(head, 0, opts);
  if (r.value !== LEGACY_MAGIC) throw new UnpicklingError(`${file}: not a PyTorch checkpoint (no zip header and no legacy magic number)`);
  r = unpickleAt(head, r.end, opts);
  if (r.value !== LEGACY_PROTOCOL) throw new UnpicklingError(`${file}: unsupported legacy protocol version ${describe(r.value)}`);
  r = unpickleAt(head, r.end, opts); // sys_info: data is always written little-endian, so nothing to check
  type View = { storage: RawStorage; root: RawStorage; offset: number };
  const roots = new Map<string, RawStorage>();
  const views = new Map<string, View>();
  const persistentLoad = (pid: unknown): RawStorage => {
    if (Array.isArray(pid) && asciiKey(pid[0]) === "module") {
      throw new UnpicklingError(`a pickled nn.Module (torch.save(model)) needs code execution; save model.state_dict() instead`);
    }
    if (!Array.isArray(pid) || pid.length !== 6 || asciiKey(pid[0]) !== "storage") {
      throw new UnpicklingError(`only ('storage', type, key, location, numel, view) persistent ids are allowed, got ${describe(pid)}`);
    }
    const [, type, key, location, numel, viewMeta] = pid as unknown[];
    const dtype = storageDtype(type);
    if (typeof key !== "string" || !nonNegInt(numel)) throw new UnpicklingError(`malformed storage persistent id ${describe(pid)}`);
    let root = roots.get(key);
    if (!root) roots.set(key, (root = newStorage(key, dtype, asciiKey(location), numel)));
    if (viewMeta === null) return root;
    const [viewKey, offset, viewSize] = Array.isArray(viewMeta) ? viewMeta : [];
    if (typeof viewKey !== "string" || !nonNegInt(offset) || !nonNegInt(viewSize)) throw new UnpicklingError(`malformed storage view metadata ${describe(viewMeta)}`);
    let view = views.get(viewKey);
    if (!view) {
      const size = DTYPE_ITEMSIZE[dtype];
      if ((offset + viewSize) * size > root.nbytes) throw new UnpicklingError(`storage view ${viewKey} runs past its root storage ${key}`);
      views.set(viewKey, (view = { storage: newStorage(viewKey, dtype, root.location, viewSize), root, offset: offset * size }));
    }
    return view.storage;
  };
  r = unpickleAt(head, r.end, { file, findGlobal, persistentLoad });
  const value = r.value;
  const keys = unpickleAt(head, r.end, opts);
  if (!Array.isArray(keys.value) || !keys.value.every((k) => typeof k === "string")) throw new UnpicklingError(`${file}: the storage key list is malformed`);
  return { value, roots, views, keys: keys.value as string[], dataStart: keys.end };
}

async function loadLegacy(source: ByteSource): Promise<unknown> {
  const file = source.name;
  // The pickles sit at the start and storages follow, so read a growing prefix until they parse,
  // then read each storage with positioned reads (no need to hold a multi-GB file in one buffer).
  let headLen = Math.min(source.size, 1 << 20);
  let parsed: ReturnType<typeof parseLegacyPickles>;
  for (;;) {
    try {
      parsed = parseLegacyPickles(await source.read(0, headLen), file);
      break;
    } catch (e) {
      if (!(e instanceof PickleTruncatedError) || headLen === source.size) throw e;
      headLen = Math.min(source.size, headLen * 4);
    }
  }
  let pos = parsed.dataStart;
  for (const key of parsed.keys) {
    const s = parsed.roots.get(key);
    if (!s) throw new UnpicklingError(`${file}: storage key ${JSON.stringify(key)} in the key list was never referenced`);
    if (pos + 8 > source.size) throw new UnpicklingError(`${file}: truncated: storage ${JSON.stringify(key)} header at byte ${pos} is past the end of the ${source.size}-byte file`);
    const lenBytes = await source.read(pos, 8);
    const numel = new DataView(lenBytes.buffer, lenBytes.byteOffset, 8).getBigInt64(0, true);
    if (numel * BigInt(DTYPE_ITEMSIZE[s.dtype]) !== BigInt(s.nbytes)) {
      throw new UnpicklingError(`${file}: storage ${JSON.stringify(key)} has ${numel} elements in the file but the pickle says ${s.nbytes / DTYPE_ITEMSIZE[s.dtype]}`);
    }
    if (pos + 8 + s.nbytes > source.size) throw new UnpicklingError(`${file}: truncated: storage ${JSON.stringify(key)} needs ${s.nbytes} bytes at ${pos + 8} but the file is ${source.size} bytes`);
    s.bytes = await source.read(pos + 8, s.nbytes);
    pos += 8 + s.nbytes;
  }
  for (const s of parsed.roots.values()) {
    if (s.nbytes > 0 && s.bytes.length !== s.nbytes) throw new UnpicklingError(`${file}: storage ${JSON.stringify(s.key)} is referenced but its data is not in the file`);
  }
  for (const v of parsed.views.values()) v.storage.bytes = v.root.bytes.subarray(v.offset, v.offset + v.storage.nbytes);
  return parsed.value;
}

/**
 * Loads any `torch.save` object tree (dicts → Map/OrderedDict, tensors → RawTensor) from a byte source.
 * Use this when the checkpoint wraps the state dict (`{"state_dict": ..., "epoch": 3}`).
 */
export async function loadTorchObject(source: ByteSource): Promise<unknown> {
  const head = await source.read(0, Math.min(source.size, 512));
  if (looksLikeZip(head)) return loadZip(source);
  // Recognise the usual wrong inputs so the error says what the file is.
  if (head.length >= 9 && head[8] === 0x7b && new DataView(head.buffer, head.byteOffset).getBigUint64(0, true) < BigInt(source.size)) {
    throw new UnpicklingError(`${source.name}: this looks like a safetensors file, not a torch.save checkpoint; load it with safetensors load_file`);
  }
  if (head.length >= 262 && new TextDecoder("latin1").decode(head.subarray(257, 262)) === "ustar") {
    throw new UnpicklingError(`${source.name}: tar-format checkpoints (PyTorch before 0.4) are not supported; re-save it with a recent torch.save`);
  }
  // torch.save writes protocol >= 2, so a legacy file starts with PROTO (0x80).
  if (head[0] !== 0x80) throw new UnpicklingError(`${source.name}: not a PyTorch checkpoint (neither a zip archive nor a legacy pickle)`);
  return loadLegacy(source);
}

/** {@link loadTorchObject} for a path (files of any size: records are read on demand). */
export async function readTorchObject(path: string): Promise<unknown> {
  const source = await fileSource(path);
  try {
    return await loadTorchObject(source);
  } finally {
    await source.close();
  }
}

/** Checks that a loaded object is a flat `{name: tensor}` dict and returns it as a Map in pickle order. */
export function asStateDict(obj: unknown, file = "<checkpoint>"): Map<string, RawTensor> {
  if (!(obj instanceof Map)) throw new UnpicklingError(`${file}: expected a state dict (a dict of tensors) at the top level, got ${describe(obj)}`);
  const out = new Map<string, RawTensor>();
  const bad: string[] = [];
  for (const [k, v] of obj) {
    if (typeof k === "string" && isRawTensor(v)) out.set(k, v);
    else bad.push(`${describe(k)} (${describe(v)})`);
  }
  if (bad.length) {
    throw new UnpicklingError(`${file}: not a flat state dict: ${bad.slice(0, 5).join(", ")}${bad.length > 5 ? ", …" : ""} are not tensors; load it with readTorchObject and pick the nested dict (e.g. "state_dict")`);
  }
  return out;
}

/**
 * Reads a `pytorch_model.bin` state dict. Keys come back in pickle (= `state_dict()`) order.
 *
 * @example
 * const sd = await readTorchBin("bert-tiny-cls/pytorch_model.bin");
 * sd.get("classifier.weight") // { dtype: "float32", shape: [2, 32], stride: [32, 1], storage_offset: 0, ... }
 */
export async function readTorchBin(path: string): Promise<Map<string, RawTensor>> {
  return asStateDict(await readTorchObject(path), path);
}

/** {@link readTorchBin} for a file already in memory (storages are zero-copy views into it unless byteswapped). */
export async function loadTorchBin(bytes: Uint8Array, file = "<buffer>"): Promise<Map<string, RawTensor>> {
  return asStateDict(await loadTorchObject(bufferSource(bytes, file)), file);
}

/** True when the view is C-contiguous (size-1 dims may have any stride, as in torch). */
export function isContiguous(t: RawTensor): boolean {
  let expected = 1;
  for (let d = t.shape.length - 1; d >= 0; d--) {
    const n = t.shape[d] as number;
    if (n !== 1 && t.stride[d] !== expected) return false;
    expected *= n;
  }
  return true;
}

/**
 * The C-contiguous bytes of a tensor view: a copy, so it never aliases the storage. Handles
 * stride 0 (expanded views), transposes and storage offsets; contiguous views are one slice.
 */
export function materialize(t: RawTensor): Uint8Array {
  const size = DTYPE_ITEMSIZE[t.dtype];
  const numel = t.shape.reduce((a, b) => a * b, 1);
  if (isContiguous(t)) return t.storage.bytes.slice(t.storage_offset * size, (t.storage_offset + numel) * size);
  const out = new Uint8Array(numel * size);
  const src = t.storage.bytes;
  const idx = new Array<number>(t.shape.length).fill(0);
  for (let i = 0; i < numel; i++) {
    let e = t.storage_offset;
    for (let d = 0; d < idx.length; d++) e += (idx[d] as number) * (t.stride[d] as number);
    out.set(src.subarray(e * size, e * size + size), i * size);
    for (let d = idx.length - 1; d >= 0; d--) {
      if (++(idx[d] as number) < (t.shape[d] as number)) break;
      idx[d] = 0;
    }
  }
  return out;
}

export { OrderedDict, UnpicklingError };
