/**
 * The safetensors byte layer: header parsing/validation and serialization, with no libtorch and
 * no Tensor class. `save_file` / `load_file` / `safe_open` are thin wrappers over this file.
 *
 * Mirrors the Rust crate `safetensors` (safetensors/src/tensor.rs), which Python's
 * `safetensors.torch.save_file` calls, so that:
 *  - `serialize` is byte-identical to `save_file` (data sorted by dtype alignment descending,
 *    then by name; compact JSON with `__metadata__` first; header padded with spaces to 8 bytes);
 *  - `parseHeader*` accepts exactly what the crate accepts (tensors must tile the data section
 *    contiguously once sorted by offset, and the file must end where the last tensor ends),
 *    plus the `{` first-byte check the crate documents as `InvalidHeaderStart`.
 * Every error names the file, the tensor and the numbers, so a user can see how a file is malformed.
 */

/** Dtype names of the safetensors format, in the crate's `Dtype` enum order (increasing alignment). */
export const SAFETENSORS_DTYPES = [
  "BOOL", "F4", "F6_E2M3", "F6_E3M2", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0",
  "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "C64", "F64", "I64", "U64",
] as const;

export type SafetensorsDtype = (typeof SAFETENSORS_DTYPES)[number];

/** Bits per element. F4/F6 are packed sub-byte formats (a tensor's total bits must be a multiple of 8). */
export const DTYPE_BITS: Readonly<Record<SafetensorsDtype, number>> = Object.freeze({
  BOOL: 8, F4: 4, F6_E2M3: 6, F6_E3M2: 6, U8: 8, I8: 8, F8_E5M2: 8, F8_E4M3: 8, F8_E8M0: 8,
  I16: 16, U16: 16, F16: 16, BF16: 16, I32: 32, U32: 32, F32: 32, C64: 64, F64: 64, I64: 64, U64: 64,
});

/** Bytes per element (`DTYPE_BITS / 8`; fractional, 0.5 and 0.75, for the packed F4/F6 formats). */
export const DTYPE_SIZES: Readonly<Record<SafetensorsDtype, number>> = Object.freeze(
  Object.fromEntries(SAFETENSORS_DTYPES.map((d) => [d, DTYPE_BITS[d] / 8])) as Record<SafetensorsDtype, number>,
);

/** The crate refuses headers above 100 MB (a hostile length must not make us allocate it). */
export const MAX_HEADER_SIZE = 100_000_000;

/** One header entry, as stored: `data_offsets` are relative to the start of the data section. */
export interface TensorInfo {
  dtype: SafetensorsDtype;
  shape: number[];
  data_offsets: [number, number];
}

export interface SafetensorsHeader {
  /** Tensors in data-section order (ascending offsets). Python's `safe_open.keys()` sorts by name instead. */
  tensors: Map<string, TensorInfo>;
  /** The `__metadata__` map, or null when absent. */
  metadata: Record<string, string> | null;
  /** Length of the JSON header in bytes (the u64 at the start of the file). */
  headerSize: number;
  /** Absolute file offset of the data section (`8 + headerSize`). */
  dataStart: number;
  /** Length of the data section in bytes (equals `fileSize - dataStart` for a valid file). */
  dataSize: number;
}

/** Python's safetensors raises `SafetensorError`; same name here so callers can branch on it. */
export class SafetensorError extends Error {
  override name = "SafetensorError";
}

const DTYPE_RANK = new Map<string, number>(SAFETENSORS_DTYPES.map((d, i) => [d, i]));

function isDtype(x: unknown): x is SafetensorsDtype {
  return typeof x === "string" && DTYPE_RANK.has(x);
}

function fail(file: string, problem: string): never {
  throw new SafetensorError(`${file}: invalid safetensors file: ${problem}`);
}

/** Number of bytes for `shape` × `dtype`, or an error message (overflow, sub-byte misalignment). */
function byteSizeOf(dtype: SafetensorsDtype, shape: readonly number[]): number | string {
  let numel = 1;
  for (const d of shape) {
    numel *= d;
    if (!Number.isSafeInteger(numel)) return `shape [${shape.join(", ")}] overflows the element count`;
  }
  const bits = numel * DTYPE_BITS[dtype];
  if (!Number.isSafeInteger(bits)) return `shape [${shape.join(", ")}] overflows the byte size`;
  if (bits % 8 !== 0) {
    return `shape [${shape.join(", ")}] of ${dtype} is ${bits} bits, not a whole number of bytes`;
  }
  return bits / 8;
}

/**
 * Reads and checks the 8-byte little-endian header length at the start of a file.
 * Use it with {@link parseHeaderJson} when reading lazily from a file descriptor.
 */
export function readHeaderSize(prefix: Uint8Array, fileSize: number, file = "<buffer>"): number {
  if (fileSize < 8 || prefix.length < 8) {
    fail(file, `the file is ${fileSize} bytes, too small for the 8-byte header length (truncated or not a safetensors file)`);
  }
  const n = new DataView(prefix.buffer, prefix.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(MAX_HEADER_SIZE)) {
    fail(file, `header length ${n} exceeds the ${MAX_HEADER_SIZE}-byte limit (corrupt length field or not a safetensors file)`);
  }
  const size = Number(n);
  if (8 + size > fileSize) {
    fail(file, `header length ${size} runs past the end of the ${fileSize}-byte file (truncated file?)`);
  }
  return size;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function checkIndex(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

/**
 * Parses and validates the JSON header (the `headerSize` bytes after the length prefix).
 * `fileSize` is the whole file's size: the tensors must tile `[8 + headerSize, fileSize)` exactly.
 */
export function parseHeaderJson(headerBytes: Uint8Array, fileSize: number, file = "<buffer>"): SafetensorsHeader {
  const headerSize = headerBytes.length;
  let text: string;
  try {
    text = utf8.decode(headerBytes);
  } catch {
    fail(file, `the ${headerSize}-byte header is not valid UTF-8`);
  }
  if (!text.startsWith("{")) {
    fail(file, `the header must start with '{' but starts with ${JSON.stringify(text.slice(0, 8))}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    fail(file, `the header is not valid JSON (${(e as Error).message})`);
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) fail(file, "the header is not a JSON object");

  let metadata: Record<string, string> | null = null;
  const entries: Array<[string, TensorInfo]> = [];
  for (const [name, raw] of Object.entries(json as Record<string, unknown>)) {
    if (name === "__metadata__") {
      if (raw === null) continue;
      if (typeof raw !== "object" || Array.isArray(raw)) fail(file, "__metadata__ must be an object mapping strings to strings");
      metadata = {};
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        if (typeof v !== "string") {
          fail(file, `__metadata__ must map strings to strings, but key ${JSON.stringify(k)} holds ${JSON.stringify(v)}`);
        }
        metadata[k] = v;
      }
      continue;
    }
    const where = `tensor ${JSON.stringify(name)}`;
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) fail(file, `${where} must be an object with dtype, shape and data_offsets`);
    const { dtype, shape, data_offsets } = raw as Record<string, unknown>;
    if (!isDtype(dtype)) {
      fail(file, `${where} has unknown dtype ${JSON.stringify(dtype)} (known: ${SAFETENSORS_DTYPES.join(", ")})`);
    }
    if (!Array.isArray(shape) || !shape.every(checkIndex)) {
      fail(file, `${where} has shape ${JSON.stringify(shape)}; expected an array of non-negative integers`);
    }
    if (!Array.isArray(data_offsets) || data_offsets.length !== 2 || !data_offsets.every(checkIndex)) {
      fail(file, `${where} has data_offsets ${JSON.stringify(data_offsets)}; expected [begin, end] non-negative integers`);
    }
    entries.push([name, { dtype, shape: [...shape], data_offsets: [data_offsets[0], data_offsets[1]] }]);
  }

  // The crate sorts by (begin, end) and then requires each tensor to start where the previous one
  // ended: no gaps, no overlaps, no aliasing. Same here, with a message per failure mode.
  entries.sort(([, a], [, b]) => a.data_offsets[0] - b.data_offsets[0] || a.data_offsets[1] - b.data_offsets[1]);
  const dataStart = 8 + headerSize;
  const available = fileSize - dataStart;
  let end = 0;
  let prev: string | null = null;
  for (const [name, info] of entries) {
    const [b, e] = info.data_offsets;
    const where = `tensor ${JSON.stringify(name)} data_offsets [${b}, ${e}]`;
    if (e < b) fail(file, `${where}: begin > end`);
    if (b < end) fail(file, `${where} overlap the previous tensor ${JSON.stringify(prev)} which ends at ${end}`);
    if (b > end) {
      fail(file, prev === null
        ? `${where}: the data section starts with a ${b - end}-byte gap (the first tensor must begin at 0)`
        : `${where} leave a ${b - end}-byte gap after ${JSON.stringify(prev)} which ends at ${end}`);
    }
    if (e > available) {
      fail(file, `${where} extend past the end of the data section, which has ${available} bytes (truncated file?)`);
    }
    const size = byteSizeOf(info.dtype, info.shape);
    if (typeof size === "string") fail(file, `tensor ${JSON.stringify(name)}: ${size}`);
    if (size !== e - b) {
      fail(file, `${where} span ${e - b} bytes but shape [${info.shape.join(", ")}] of ${info.dtype} needs ${size} bytes`);
    }
    end = e;
    prev = name;
  }
  if (end !== available) {
    fail(file, `${available - end} trailing bytes after the last tensor: the tensors cover ${end} of the ${available}-byte data section`);
  }
  return { tensors: new Map(entries), metadata, headerSize, dataStart, dataSize: end };
}

/**
 * Parses a safetensors header through a synchronous range reader (`read(start, end)` returns file
 * bytes `[start, end)`), reading only the prefix and the header, never the tensor data.
 *
 * @example
 * const fd = fs.openSync(path, "r"); const size = fs.fstatSync(fd).size;
 * const h = parseHeader(size, (s, e) => { const b = Buffer.alloc(e - s); fs.readSync(fd, b, 0, e - s, s); return b; }, path);
 * h.tensors.get("loss") // { dtype: "F32", shape: [], data_offsets: [0, 4] }
 */
export function parseHeader(
  fileSize: number,
  read: (start: number, end: number) => Uint8Array,
  file = "<buffer>",
): SafetensorsHeader {
  if (fileSize < 8) readHeaderSize(new Uint8Array(0), fileSize, file);
  const n = readHeaderSize(read(0, 8), fileSize, file);
  return parseHeaderJson(read(8, 8 + n), fileSize, file);
}

/** {@link parseHeader} with an asynchronous range reader (e.g. `FileHandle.read`). */
export async function parseHeaderAsync(
  fileSize: number,
  read: (start: number, end: number) => Promise<Uint8Array>,
  file = "<buffer>",
): Promise<SafetensorsHeader> {
  if (fileSize < 8) readHeaderSize(new Uint8Array(0), fileSize, file);
  const n = readHeaderSize(await read(0, 8), fileSize, file);
  return parseHeaderJson(await read(8, 8 + n), fileSize, file);
}

/** Absolute file byte range `[start, end)` of one tensor's data. */
export function tensorByteRange(header: SafetensorsHeader, name: string): [number, number] {
  const info = header.tensors.get(name);
  if (!info) throw new SafetensorError(`tensor ${JSON.stringify(name)} not found`);
  return [header.dataStart + info.data_offsets[0], header.dataStart + info.data_offsets[1]];
}

/** A tensor as raw little-endian C-contiguous bytes. */
export interface RawSafetensor {
  dtype: SafetensorsDtype;
  shape: number[];
  data: Uint8Array;
}

/** Parses a whole in-memory file. Each tensor's `data` is a zero-copy view into `buffer`. */
export function deserialize(
  buffer: Uint8Array,
  file = "<buffer>",
): { header: SafetensorsHeader; tensors: Map<string, RawSafetensor> } {
  const header = parseHeader(buffer.length, (s, e) => buffer.subarray(s, e), file);
  const tensors = new Map<string, RawSafetensor>();
  for (const [name, info] of header.tensors) {
    const [s, e] = tensorByteRange(header, name);
    tensors.set(name, { dtype: info.dtype, shape: [...info.shape], data: buffer.subarray(s, e) });
  }
  return { header, tensors };
}

/** Rust's `String` ordering is by UTF-8 bytes, i.e. by code point; JS `<` compares UTF-16 units. */
function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const d = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
}

export interface TensorLayout {
  dtype: SafetensorsDtype;
  shape: readonly number[];
}

type Entries<T> = Record<string, T> | Map<string, T> | Iterable<readonly [string, T]>;

function entriesOf<T>(x: Entries<T>): Array<readonly [string, T]> {
  if (x instanceof Map) return [...x.entries()];
  if (Symbol.iterator in Object(x)) return [...(x as Iterable<readonly [string, T]>)];
  return Object.entries(x as Record<string, T>);
}

/**
 * Builds the header exactly as the crate's `prepare()` does, for callers that stream tensor data
 * to a file: write `header`, then each tensor's bytes in `order`.
 * The `__metadata__` map keeps insertion order (the crate iterates a HashMap, so with 2+ keys its
 * order is arbitrary; with the usual single `{"format": "pt"}` the bytes are identical).
 */
export function serializeHeader(
  tensors: Entries<TensorLayout>,
  metadata: Record<string, string> | null = null,
): { header: Uint8Array; order: string[]; dataSize: number } {
  const list = entriesOf(tensors).map(([name, t]) => {
    if (name === "__metadata__") throw new SafetensorError(`a tensor cannot be named "__metadata__" (reserved by the format)`);
    if (!isDtype(t.dtype)) throw new SafetensorError(`tensor ${JSON.stringify(name)}: unknown dtype ${JSON.stringify(t.dtype)}`);
    if (!t.shape.every(checkIndex)) {
      throw new SafetensorError(`tensor ${JSON.stringify(name)}: shape ${JSON.stringify(t.shape)} must hold non-negative integers`);
    }
    const size = byteSizeOf(t.dtype, t.shape);
    if (typeof size === "string") throw new SafetensorError(`tensor ${JSON.stringify(name)}: ${size}`);
    return { name, dtype: t.dtype, shape: t.shape, size };
  });
  const seen = new Set<string>();
  for (const { name } of list) {
    if (seen.has(name)) throw new SafetensorError(`tensor ${JSON.stringify(name)} appears twice`);
    seen.add(name);
  }
  // Descending dtype alignment keeps every tensor aligned to its element size (the header is
  // padded to 8); ties broken by name so the output is deterministic.
  list.sort((a, b) => (DTYPE_RANK.get(b.dtype) ?? 0) - (DTYPE_RANK.get(a.dtype) ?? 0) || compareCodePoints(a.name, b.name));

  // serde_json's compact output and JSON.stringify agree on strings (same escapes, lowercase
  // \u00XX, no escaping of non-ASCII or '/') and on integers.
  const parts: string[] = [];
  if (metadata != null) {
    const kv = Object.entries(metadata).map(([k, v]) => {
      if (typeof v !== "string") throw new SafetensorError(`metadata value for ${JSON.stringify(k)} must be a string, got ${typeof v}`);
      return `${JSON.stringify(k)}:${JSON.stringify(v)}`;
    });
    parts.push(`"__metadata__":{${kv.join(",")}}`);
  }
  let offset = 0;
  for (const t of list) {
    parts.push(`${JSON.stringify(t.name)}:{"dtype":"${t.dtype}","shape":[${t.shape.join(",")}],"data_offsets":[${offset},${offset + t.size}]}`);
    offset += t.size;
  }
  const json = new TextEncoder().encode(`{${parts.join(",")}}`);
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded > MAX_HEADER_SIZE) throw new SafetensorError(`the header would be ${padded} bytes, above the ${MAX_HEADER_SIZE}-byte limit`);
  const header = new Uint8Array(8 + padded).fill(0x20, 8 + json.length);
  new DataView(header.buffer).setBigUint64(0, BigInt(padded), true);
  header.set(json, 8);
  return { header, order: list.map((t) => t.name), dataSize: offset };
}

/**
 * Serializes tensors to safetensors bytes, byte-identical to Python's
 * `safetensors.torch.save_file(tensors, path, metadata)`.
 *
 * @example
 * const bytes = serialize({ a: { dtype: "F32", shape: [2], data: new Uint8Array(new Float32Array([1, 2]).buffer) } }, { format: "pt" });
 * deserialize(bytes).tensors.get("a")?.shape // [2]
 */
export function serialize(
  tensors: Entries<RawSafetensor>,
  metadata: Record<string, string> | null = null,
): Uint8Array {
  const byName = new Map(entriesOf(tensors));
  const { header, order, dataSize } = serializeHeader(byName, metadata);
  const out = new Uint8Array(header.length + dataSize);
  out.set(header, 0);
  let pos = header.length;
  for (const name of order) {
    const t = byName.get(name) as RawSafetensor;
    const expected = byteSizeOf(t.dtype, t.shape) as number;
    if (t.data.length !== expected) {
      throw new SafetensorError(`tensor ${JSON.stringify(name)}: ${t.data.length} data bytes but shape [${t.shape.join(", ")}] of ${t.dtype} needs ${expected}`);
    }
    out.set(t.data, pos);
    pos += expected;
  }
  return out;
}
