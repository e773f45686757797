// finetune-ts/safetensors: safetensors.torch's API — save_file, load_file, safe_open, save, load.
// Files are byte-identical to Python's; a read checks the whole header before touching data.
// File I/O is async (architecture §5); safe_open's per-tensor reads are synchronous like Python's.
import { open, rename, unlink, writeFile, stat } from "node:fs/promises";
import { openSync, readSync, closeSync, fstatSync } from "node:fs";
import path from "node:path";
import { Tensor } from "../torch/tensor.js";
import { toDtype, type dtype } from "../torch/dtype.js";
import { frombuffer } from "../torch/factories.js";
import { serialize, parseHeader, parseHeaderAsync, tensorByteRange, deserialize, type SafetensorsDtype, type SafetensorsHeader, SafetensorError } from "./format.js";

export { SafetensorError };

const TO_ST: Record<string, SafetensorsDtype> = {
  float32: "F32", float64: "F64", float16: "F16", bfloat16: "BF16",
  int64: "I64", int32: "I32", int16: "I16", int8: "I8", uint8: "U8", bool: "BOOL",
};
const FROM_ST = new Map<string, string>(Object.entries(TO_ST).map(([k, v]) => [v, k]));

function torchDtype(st: SafetensorsDtype, file: string, name: string): dtype {
  const n = FROM_ST.get(st);
  if (!n) throw new SafetensorError(`${file}: tensor "${name}" has dtype ${st}, which finetune-ts tensors do not support`);
  return toDtype(n);
}

type TensorDict = Record<string, Tensor> | Map<string, Tensor>;

function rawEntries(tensors: TensorDict): Array<[string, { dtype: SafetensorsDtype; shape: number[]; data: Uint8Array }]> {
  const entries = tensors instanceof Map ? [...tensors] : Object.entries(tensors);
  return entries.map(([name, t]) => {
    const dt = t.dtype.name;
    const st = TO_ST[dt];
    if (!st) throw new SafetensorError(`tensor "${name}": dtype ${dt} cannot be saved`);
    const typed = t.toTypedArray();
    return [name, { dtype: st, shape: t.shape, data: new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength) }];
  });
}

/** safetensors.torch.save: the file's bytes. */
export function save(tensors: TensorDict, metadata: Record<string, string> | null = null): Uint8Array {
  return serialize(rawEntries(tensors), metadata);
}

/**
 * safetensors.torch.save_file: writes atomically (a temp file renamed into place), so an
 * interrupted save never leaves a half-written model.
 * @example
 * await save_file({ weight: torch.ones([2, 2]) }, "model.safetensors", { format: "pt" });
 */
export async function save_file(tensors: TensorDict, filename: string, metadata: Record<string, string> | null = null): Promise<void> {
  const bytes = save(tensors, metadata);
  const tmp = path.join(path.dirname(filename), `.${path.basename(filename)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, filename);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

function toTensors(header: SafetensorsHeader, read: (name: string) => Uint8Array, file: string, device?: string): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [name, info] of header.tensors) {
    let t = frombuffer(read(name), info.shape, torchDtype(info.dtype, file, name));
    if (device && device !== "cpu") {
      const moved = t.to(device);
      t.dispose();
      t = moved;
    }
    out[name] = t;
  }
  return out;
}

/** safetensors.torch.load: tensors from a file's bytes. */
export function load(data: Uint8Array, options: { device?: string } = {}): Record<string, Tensor> {
  const { header, tensors } = deserialize(data);
  return toTensors(header, (n) => tensors.get(n)!.data, "<bytes>", options.device);
}

/** safetensors.torch.load_file: every tensor of a file. */
export async function load_file(filename: string, options: { device?: string } = {}): Promise<Record<string, Tensor>> {
  const fh = await open(filename, "r");
  try {
    const size = (await fh.stat()).size;
    const readAt = async (s: number, e: number): Promise<Uint8Array> => {
      const buf = new Uint8Array(e - s);
      if (e > s) await fh.read(buf, 0, e - s, s);
      return buf;
    };
    const header = await parseHeaderAsync(size, readAt, filename);
    const data = await readAt(header.dataStart, size);
    return toTensors(header, (n) => {
      const [s, e] = tensorByteRange(header, n);
      return data.subarray(s - header.dataStart, e - header.dataStart);
    }, filename, options.device);
  } finally {
    await fh.close();
  }
}

/** What safe_open returns: header parsed up front, each tensor read on demand. */
export class SafeOpen implements Disposable {
  private fd: number | null;
  private constructor(readonly filename: string, fd: number, private readonly header: SafetensorsHeader, private readonly device?: string) {
    this.fd = fd;
  }
  /** @internal */
  static _open(filename: string, device?: string): SafeOpen {
    const fd = openSync(filename, "r");
    try {
      const size = fstatSync(fd).size;
      const header = parseHeader(size, (s, e) => readRange(fd, s, e), filename);
      return new SafeOpen(filename, fd, header, device);
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }
  /** Tensor names, sorted (as Python's safe_open). */
  keys(): string[] {
    return [...this.header.tensors.keys()].sort();
  }
  metadata(): Record<string, string> | null {
    return this.header.metadata;
  }
  /** Reads one tensor's bytes from the file now. */
  get_tensor(name: string): Tensor {
    if (this.fd === null) throw new SafetensorError(`${this.filename}: safe_open handle is closed`);
    const info = this.header.tensors.get(name);
    if (!info) throw new SafetensorError(`${this.filename}: no tensor named "${name}"; it has ${this.keys().length} tensors (${this.keys().slice(0, 5).join(", ")}${this.keys().length > 5 ? ", …" : ""})`);
    const [s, e] = tensorByteRange(this.header, name);
    const t = frombuffer(readRange(this.fd, s, e), info.shape, torchDtype(info.dtype, this.filename, name));
    if (this.device && this.device !== "cpu") {
      const moved = t.to(this.device);
      t.dispose();
      return moved;
    }
    return t;
  }
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
  [Symbol.dispose](): void {
    this.close();
  }
}

function readRange(fd: number, s: number, e: number): Uint8Array {
  const buf = new Uint8Array(e - s);
  let off = 0;
  while (off < buf.length) {
    const n = readSync(fd, buf, off, buf.length - off, s + off);
    if (n === 0) throw new SafetensorError(`unexpected end of file reading bytes ${s}..${e}`);
    off += n;
  }
  return buf;
}

/**
 * safetensors.safe_open(filename, framework="pt", device="cpu"): lazy per-tensor reads.
 * @example
 * using f = await safe_open("model.safetensors", { framework: "pt" });
 * const w = f.get_tensor("classifier.weight");
 */
export async function safe_open(filename: string, options: { framework?: "pt"; device?: string } = {}): Promise<SafeOpen> {
  if (options.framework !== undefined && options.framework !== "pt") {
    throw new SafetensorError(`safe_open: framework '${options.framework}' is not supported here; use "pt"`);
  }
  await stat(filename);
  return SafeOpen._open(filename, options.device);
}
