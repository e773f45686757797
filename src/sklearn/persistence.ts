// save/load for any fitted estimator or pipeline (the role joblib.dump/load plays in Python, but
// data only: no code is ever deserialised, unlike pickle).
// File layout, one file: the magic line "FTSKL1\n", a little-endian u64 header length, a JSON
// header, then the typed-array payload (8-byte aligned). The header is a tree of values:
//   primitives as JSON; {"$num": "NaN"|"Infinity"|"-Infinity"}; {"$undef": 1}; arrays;
//   {"$obj": {...}} plain objects; {"$map": [[k, v]…]}; {"$set": […]};
//   {"$typed": "Float64Array", "offset", "length"} into the payload; {"$ndarray": data, "shape"};
//   {"$csr": {data, indices, indptr}, "shape"}; {"$est": class name, "id", "fields": {...}} and
//   {"$ref": id} when the same estimator appears twice (a Pipeline's steps and named_steps).
// An estimator is saved as ALL its own fields (parameters and fitted state), so a new estimator
// needs no per-class code; only its class must be listed in ESTIMATORS below.
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { ValueError } from "../utils/errors.js";
import { NDArray } from "../utils/ndarray.js";
import { BaseEstimator } from "./base.js";
import { csr_matrix } from "./_sparse.js";

const MAGIC = "FTSKL1\n";
const FORMAT_VERSION = 1;

type Ctor = new (options?: Record<string, unknown>) => BaseEstimator;

// Loaded lazily: load() imports only the modules a file names, and the list is the one place a
// new estimator class is registered.
const ESTIMATORS: Record<string, () => Promise<Ctor>> = {
  CountVectorizer: async () => (await import("./feature_extraction/text.js")).CountVectorizer as unknown as Ctor,
  TfidfTransformer: async () => (await import("./feature_extraction/text.js")).TfidfTransformer as unknown as Ctor,
  TfidfVectorizer: async () => (await import("./feature_extraction/text.js")).TfidfVectorizer as unknown as Ctor,
  MultinomialNB: async () => (await import("./naive_bayes.js")).MultinomialNB as unknown as Ctor,
  ComplementNB: async () => (await import("./naive_bayes.js")).ComplementNB as unknown as Ctor,
  BernoulliNB: async () => (await import("./naive_bayes.js")).BernoulliNB as unknown as Ctor,
  Pipeline: async () => (await import("./pipeline.js")).Pipeline as unknown as Ctor,
  LabelEncoder: async () => (await import("./preprocessing.js")).LabelEncoder as unknown as Ctor,
  StandardScaler: async () => (await import("./preprocessing.js")).StandardScaler as unknown as Ctor,
  LogisticRegression: async () => (await import("./linear_model/index.js")).LogisticRegression as unknown as Ctor,
  DecisionTreeClassifier: async () => (await import("./tree/index.js")).DecisionTreeClassifier as unknown as Ctor,
  RandomForestClassifier: async () => (await import("./ensemble/index.js")).RandomForestClassifier as unknown as Ctor,
};

/** Registers another estimator class for load() (e.g. a user's own subclass of BaseEstimator). */
export function register_estimator(name: string, ctor: Ctor): void {
  ESTIMATORS[name] = async () => ctor;
}

type Typed = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array | BigInt64Array;
const TYPED: Record<string, new (b: ArrayBuffer, o: number, n: number) => Typed> = {
  Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, BigInt64Array,
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

class Encoder {
  chunks: Uint8Array[] = [];
  size = 0;
  private ids = new Map<object, number>();

  typed(a: Typed): Json {
    const name = a.constructor.name;
    if (!(name in TYPED)) throw new ValueError(`save: unsupported typed array ${name}`);
    const pad = (8 - (this.size % 8)) % 8;
    if (pad) this.push(new Uint8Array(pad));
    const offset = this.size;
    this.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength).slice());
    return { $typed: name, offset, length: a.length };
  }
  private push(b: Uint8Array): void {
    this.chunks.push(b);
    this.size += b.length;
  }

  value(v: unknown, where: string): Json {
    if (v === null || typeof v === "boolean" || typeof v === "string") return v;
    if (v === undefined) return { $undef: 1 };
    if (typeof v === "number") return Number.isFinite(v) ? v : { $num: String(v) };
    if (typeof v === "bigint") return { $bigint: v.toString() };
    if (typeof v === "function") {
      throw new ValueError(`save: ${where} is a function, which cannot be saved (only data is). Use the built-in option instead of a callable, or rebuild the estimator in code and save its parts.`);
    }
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return this.typed(v as Typed);
    if (Array.isArray(v)) return v.map((x, i) => this.value(x, `${where}[${i}]`));
    if (v instanceof NDArray) return { $ndarray: this.typed(v.data), shape: v.shape };
    if (v instanceof csr_matrix) return { $csr: { data: this.typed(v.data), indices: this.typed(v.indices), indptr: this.typed(v.indptr) }, shape: v.shape };
    if (v instanceof Map) return { $map: [...v].map(([k, x], i) => [this.value(k, `${where} key ${i}`), this.value(x, `${where}.get(${String(k)})`)]) };
    if (v instanceof Set) return { $set: [...v].map((x, i) => this.value(x, `${where} item ${i}`)) };
    if (v instanceof RegExp) throw new ValueError(`save: ${where} is a RegExp; estimators should keep the pattern string`);
    if (v instanceof BaseEstimator) {
      const seen = this.ids.get(v);
      if (seen !== undefined) return { $ref: seen };
      const id = this.ids.size;
      this.ids.set(v, id);
      const name = v.constructor.name;
      if (!(name in ESTIMATORS)) throw new ValueError(`save: ${where} is a ${name}, which load() does not know; call register_estimator("${name}", ${name}) first`);
      const fields: Record<string, Json> = {};
      for (const [k, x] of Object.entries(v)) fields[k] = this.value(x, `${name}.${k}`);
      return { $est: name, id, fields };
    }
    const proto = Object.getPrototypeOf(v);
    if (proto === Object.prototype || proto === null) {
      const out: Record<string, Json> = {};
      for (const [k, x] of Object.entries(v as object)) out[k] = this.value(x, `${where}.${k}`);
      return { $obj: out };
    }
    throw new ValueError(`save: ${where} is a ${proto?.constructor?.name ?? "object"}, which is not plain data`);
  }
}

class Decoder {
  private ids = new Map<number, BaseEstimator>();
  constructor(private readonly payload: Uint8Array, private readonly file: string) {}

  private bad(msg: string): never {
    throw new ValueError(`${this.file}: ${msg} (the file is corrupt or not written by finetune-ts save())`);
  }
  private typed(j: Json): Typed {
    const o = j as { $typed?: string; offset?: number; length?: number };
    const T = o.$typed === undefined ? undefined : TYPED[o.$typed];
    if (!T || typeof o.offset !== "number" || typeof o.length !== "number") return this.bad(`bad typed-array entry ${JSON.stringify(j).slice(0, 80)}`);
    const bytes = o.length * (T as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
    if (o.offset < 0 || o.offset + bytes > this.payload.length) this.bad(`array at offset ${o.offset} (${bytes} bytes) runs past the ${this.payload.length}-byte payload`);
    const copy = this.payload.slice(o.offset, o.offset + bytes);
    return new T(copy.buffer, 0, o.length);
  }

  async value(j: Json): Promise<unknown> {
    if (j === null || typeof j !== "object") return j;
    if (Array.isArray(j)) {
      const out: unknown[] = [];
      for (const x of j) out.push(await this.value(x));
      return out;
    }
    if ("$undef" in j) return undefined;
    if ("$num" in j) return Number(j.$num);
    if ("$bigint" in j) return BigInt(j.$bigint as string);
    if ("$typed" in j) return this.typed(j);
    if ("$ndarray" in j) return new NDArray(this.typed(j.$ndarray) as Float64Array, j.shape as number[]);
    if ("$csr" in j) {
      const c = j.$csr as Record<string, Json>;
      return new csr_matrix({ data: this.typed(c.data) as Float64Array, indices: this.typed(c.indices) as Int32Array, indptr: this.typed(c.indptr) as Int32Array }, j.shape as [number, number]);
    }
    if ("$map" in j) {
      const m = new Map<unknown, unknown>();
      for (const [k, x] of j.$map as Json[][]) m.set(await this.value(k), await this.value(x));
      return m;
    }
    if ("$set" in j) {
      const s = new Set<unknown>();
      for (const x of j.$set as Json[]) s.add(await this.value(x));
      return s;
    }
    if ("$ref" in j) return this.ids.get(j.$ref as number) ?? this.bad(`reference to estimator #${j.$ref} before it is defined`);
    if ("$est" in j) {
      const name = String(j.$est);
      const get = ESTIMATORS[name];
      if (!get) this.bad(`unknown estimator class "${name}"`);
      const ctor = await get();
      // Built with default options, then every saved field is set back: parameters and fitted state.
      const est = new ctor();
      this.ids.set(j.id as number, est);
      for (const [k, x] of Object.entries(j.fields as Record<string, Json>)) (est as unknown as Record<string, unknown>)[k] = await this.value(x);
      return est;
    }
    if ("$obj" in j) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(j.$obj as Record<string, Json>)) out[k] = await this.value(x);
      return out;
    }
    return this.bad(`unexpected entry ${JSON.stringify(j).slice(0, 80)}`);
  }
}

/** Saves a (fitted or not) estimator or pipeline to `file`: written to a temp file, then renamed. */
export async function save(estimator: BaseEstimator, file: string): Promise<void> {
  if (!(estimator instanceof BaseEstimator)) throw new ValueError(`save: expected an estimator (e.g. a fitted Pipeline), got ${typeof estimator}`);
  const enc = new Encoder();
  const root = enc.value(estimator, "estimator");
  const header = Buffer.from(JSON.stringify({ format: "finetune-ts/sklearn", version: FORMAT_VERSION, payload_bytes: enc.size, estimator: root }), "utf8");
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(header.length));
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  const fh = await open(tmp, "w");
  try {
    await fh.write(Buffer.from(MAGIC, "latin1"));
    await fh.write(len);
    await fh.write(header);
    for (const c of enc.chunks) await fh.write(c);
    await fh.sync();
  } catch (e) {
    await fh.close();
    await rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  await rename(tmp, file);
}

/** Loads what save() wrote. `expected` (a class) checks the estimator's type. */
export async function load<E extends BaseEstimator = BaseEstimator>(file: string, expected?: abstract new (...a: never[]) => E): Promise<E> {
  const buf = new Uint8Array(await readFile(file));
  const bad = (msg: string): never => {
    throw new ValueError(`${file}: ${msg}`);
  };
  if (Buffer.from(buf.subarray(0, MAGIC.length)).toString("latin1") !== MAGIC) bad("not a finetune-ts sklearn file (bad magic); save it with save() from finetune-ts/sklearn");
  if (buf.length < MAGIC.length + 8) bad("truncated before the header length");
  const hlen = Number(Buffer.from(buf.buffer, buf.byteOffset + MAGIC.length, 8).readBigUInt64LE());
  const start = MAGIC.length + 8;
  if (start + hlen > buf.length) bad(`truncated: the header needs ${hlen} bytes, the file has ${buf.length - start}`);
  let header: { format?: string; version?: number; payload_bytes?: number; estimator?: Json };
  try {
    header = JSON.parse(Buffer.from(buf.buffer, buf.byteOffset + start, hlen).toString("utf8"));
  } catch (e) {
    return bad(`the JSON header does not parse (${(e as Error).message})`);
  }
  if (header.format !== "finetune-ts/sklearn") bad(`unknown format ${JSON.stringify(header.format)}`);
  if (header.version !== FORMAT_VERSION) bad(`format version ${header.version} is not supported (this finetune-ts reads version ${FORMAT_VERSION})`);
  const payload = buf.subarray(start + hlen);
  if (payload.length !== header.payload_bytes) bad(`payload is ${payload.length} bytes, the header says ${header.payload_bytes} (truncated or appended to)`);
  const est = await new Decoder(payload, file).value(header.estimator ?? null);
  if (!(est instanceof BaseEstimator)) return bad("does not hold an estimator");
  if (expected && !(est instanceof expected)) bad(`holds a ${est.constructor.name}, expected a ${expected.name}`);
  return est as E;
}
