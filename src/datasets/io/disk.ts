// save_to_disk / load_from_disk in finetune-ts' own columnar folder format (HF writes Arrow IPC
// files; reading Python's folders is not supported — export with to_parquet there instead).
//
// A dataset folder:
//   dataset_info.json  {"features": <HF features JSON>, "num_rows": N, "split": …, description…}
//   state.json         {"format_version": "finetune-ts/columnar-1", "num_rows": N, "split": …,
//                       "format": {"type", "columns", "output_all_columns"}, "columns": [Spec…]}
//   col-00000.bin …    one file per column: its buffers back to back, each 8-byte aligned
// Spec = {name, file, layout}; layout is, recursively,
//   {kind:"primitive", dtype, storage:"Float64Array"|…, values:Buf, validity?:Buf}
//   {kind:"string", offsets:Buf (Int32Array or Float64Array, n+1 UTF-8 byte offsets), data:Buf, validity?:Buf}
//   {kind:"list", offsets:Buf, child:layout, validity?:Buf}
//   {kind:"struct", length, fields:[{name, layout}], validity?:Buf}
//   {kind:"null", length}
// Buf = {offset, byteLength} in the column file; validity is a Uint8Array (1 = present).
// Loading maps the typed arrays onto the file's bytes without copying (strings are decoded).
// A DatasetDict folder holds dataset_dict.json {"splits": [...]} and one dataset folder per split
// (HF's layout). Everything is written to a temp folder and renamed into place.
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { FileNotFoundError, ValueError } from "../../utils/errors.js";
import { Features } from "../features.js";
import { flattenIndices, numRows, type DatasetState } from "../dataset_state.js";
import { PYTHON_FORMAT } from "../formatting.js";
import { Column, ListColumn, NullColumn, PrimitiveColumn, StringColumn, StructColumn, type NumericStorage } from "../table/column.js";
import type { NumericDType } from "../features.js";
import { atomicWriteDir } from "../utils.js";

export const FORMAT_VERSION = "finetune-ts/columnar-1";

interface Buf {
  offset: number;
  byteLength: number;
}
type Layout =
  | { kind: "primitive"; dtype: NumericDType; storage: string; values: Buf; validity?: Buf }
  | { kind: "string"; offsets: Buf; offsets_type: string; data: Buf; validity?: Buf }
  | { kind: "list"; offsets: Buf; offsets_type: string; child: Layout; validity?: Buf }
  | { kind: "struct"; length: number; fields: Array<{ name: string; layout: Layout }>; validity?: Buf }
  | { kind: "null"; length: number };

const STORAGES: Record<string, new (b: ArrayBuffer, o: number, n: number) => NumericStorage> = {
  Int8Array, Int16Array, Int32Array, Uint8Array, Uint16Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array,
};

class BufferWriter {
  readonly parts: Uint8Array[] = [];
  size = 0;
  add(view: ArrayBufferView): Buf {
    const pad = (8 - (this.size % 8)) % 8;
    if (pad) {
      this.parts.push(new Uint8Array(pad));
      this.size += pad;
    }
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    this.parts.push(bytes);
    const buf = { offset: this.size, byteLength: bytes.byteLength };
    this.size += bytes.byteLength;
    return buf;
  }
}

function encode(col: Column, w: BufferWriter): Layout {
  const validity = (v: Uint8Array | null): { validity?: Buf } => (v ? { validity: w.add(v) } : {});
  if (col instanceof PrimitiveColumn) return { kind: "primitive", dtype: col.dtype, storage: col.data.constructor.name, values: w.add(col.data), ...validity(col.valid) };
  if (col instanceof StringColumn) {
    const n = col.length;
    let total = 0;
    const lens = new Float64Array(n);
    for (let i = 0; i < n; i++) total += lens[i] = col.data[i] === null ? 0 : Buffer.byteLength(col.data[i]!, "utf8");
    const offsets = total > 0x7fffffff ? new Float64Array(n + 1) : new Int32Array(n + 1);
    const data = Buffer.allocUnsafe(total);
    let pos = 0;
    let anyNull = false;
    const valid = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const s = col.data[i];
      if (s === null) anyNull = true;
      else {
        valid[i] = 1;
        pos += data.write(s, pos, "utf8");
      }
      offsets[i + 1] = pos;
    }
    return { kind: "string", offsets: w.add(offsets), offsets_type: offsets.constructor.name, data: w.add(data), ...validity(anyNull ? valid : null) };
  }
  if (col instanceof ListColumn) return { kind: "list", offsets: w.add(col.offsets), offsets_type: col.offsets.constructor.name, child: encode(col.child, w), ...validity(col.valid) };
  if (col instanceof StructColumn) {
    return { kind: "struct", length: col.length, fields: [...col.fields].map(([name, c]) => ({ name, layout: encode(c, w) })), ...validity(col.valid) };
  }
  return { kind: "null", length: col.length };
}

function decode(l: Layout, file: Buffer, where: string): Column {
  const view = <T extends NumericStorage>(b: Buf, type: string): T => {
    const Ctor = STORAGES[type];
    if (!Ctor) throw new ValueError(`${where}: unknown storage type ${type}`);
    const per = (Ctor as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
    if (b.offset + b.byteLength > file.byteLength) throw new ValueError(`${where}: the column file is truncated`);
    const start = file.byteOffset + b.offset;
    if (start % per === 0) return new Ctor(file.buffer as ArrayBuffer, start, b.byteLength / per) as T;
    const copy = new Uint8Array(b.byteLength);
    copy.set(file.subarray(b.offset, b.offset + b.byteLength));
    return new Ctor(copy.buffer, 0, b.byteLength / per) as T;
  };
  const valid = (b?: Buf): Uint8Array | null => (b ? view<Uint8Array>(b, "Uint8Array") : null);
  switch (l.kind) {
    case "primitive":
      return new PrimitiveColumn(l.dtype, view(l.values, l.storage), valid(l.validity));
    case "string": {
      const offsets = view<Int32Array>(l.offsets, l.offsets_type);
      const v = valid(l.validity);
      const base = l.data.offset;
      const out = new Array<string | null>(offsets.length - 1);
      for (let i = 0; i < out.length; i++) out[i] = v && v[i] === 0 ? null : file.toString("utf8", base + offsets[i], base + offsets[i + 1]);
      return new StringColumn(out);
    }
    case "list":
      return new ListColumn(view<Int32Array>(l.offsets, l.offsets_type), decode(l.child, file, where), valid(l.validity));
    case "struct":
      return new StructColumn(new Map(l.fields.map((f) => [f.name, decode(f.layout, file, where)])), l.length, valid(l.validity));
    case "null":
      return new NullColumn(l.length);
    default:
      throw new ValueError(`${where}: unknown column layout ${(l as { kind: string }).kind}`);
  }
}

async function writeDatasetFolder(state: DatasetState, dir: string): Promise<void> {
  const s = flattenIndices(state);
  const specs: Array<{ name: string; file: string; layout: Layout }> = [];
  let i = 0;
  for (const [name, col] of s.columns) {
    const w = new BufferWriter();
    const layout = encode(col, w);
    const file = `col-${String(i++).padStart(5, "0")}.bin`;
    await writeFile(path.join(dir, file), Buffer.concat(w.parts, w.size));
    specs.push({ name, file, layout });
  }
  const n = numRows(s);
  const info = { ...s.info, features: s.features.to_dict(), num_rows: n, split: s.split };
  await writeFile(path.join(dir, "dataset_info.json"), JSON.stringify(info, null, 2));
  const f = s.format;
  const state_json = { format_version: FORMAT_VERSION, num_rows: n, split: s.split, format: { type: f.type, columns: f.columns, output_all_columns: f.output_all_columns }, columns: specs };
  await writeFile(path.join(dir, "state.json"), JSON.stringify(state_json, null, 2));
}

export async function saveDataset(state: DatasetState, target: string): Promise<void> {
  await atomicWriteDir(target, (dir) => writeDatasetFolder(state, dir));
}

export async function saveDatasetDict(splits: Array<[string, DatasetState]>, target: string): Promise<void> {
  await atomicWriteDir(target, async (dir) => {
    await writeFile(path.join(dir, "dataset_dict.json"), JSON.stringify({ splits: splits.map(([k]) => k) }));
    for (const [k, s] of splits) {
      const sub = path.join(dir, k);
      await mkdir(sub);
      await writeDatasetFolder(s, sub);
    }
  });
}

async function readJsonFile(file: string): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
  } catch (e) {
    throw new ValueError(`${file}: unreadable (${(e as Error).message})`);
  }
}

/** Reads one dataset folder. The saved format's columns are restored; the torch type is not (see load_from_disk). */
export async function loadDatasetFolder(dir: string): Promise<DatasetState> {
  const statePath = path.join(dir, "state.json");
  if (!existsSync(statePath)) throw new FileNotFoundError(`Directory ${dir} is neither a Dataset directory nor a DatasetDict directory (no state.json or dataset_dict.json).`);
  const st = await readJsonFile(statePath);
  if (st.format_version !== FORMAT_VERSION) {
    const hf = "_data_files" in st;
    throw new ValueError(
      `${dir}: ${hf ? "this folder was written by Python's datasets (Arrow files), which finetune-ts cannot read; in Python, export it with ds.to_parquet(...) and load that" : `unknown format_version ${JSON.stringify(st.format_version)} (expected ${FORMAT_VERSION})`}`,
    );
  }
  const info = await readJsonFile(path.join(dir, "dataset_info.json"));
  const features = Features.from_dict(info.features as Record<string, unknown>);
  const columns = new Map<string, Column>();
  for (const spec of st.columns as Array<{ name: string; file: string; layout: Layout }>) {
    const file = path.join(dir, spec.file);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      throw new FileNotFoundError(`${dir}: column file ${spec.file} of "${spec.name}" is missing`);
    }
    const col = decode(spec.layout, bytes, `${file} (column "${spec.name}")`);
    if (col.length !== st.num_rows) throw new ValueError(`${file}: column "${spec.name}" has ${col.length} rows, state.json says ${String(st.num_rows)}`);
    columns.set(spec.name, col);
  }
  const f = st.format as { columns: string[] | null; output_all_columns: boolean };
  const { description, citation, homepage, license, builder_name, config_name, dataset_name } = info as Record<string, string | undefined>;
  return {
    columns,
    features,
    physicalRows: Number(st.num_rows),
    indices: null,
    format: f.columns ? { type: null, columns: f.columns, output_all_columns: f.output_all_columns } : PYTHON_FORMAT,
    split: (st.split as string | null) ?? null,
    info: Object.fromEntries(Object.entries({ description, citation, homepage, license, builder_name, config_name, dataset_name }).filter(([, v]) => v !== undefined)),
  };
}

/** dataset_dict.json's split names, or null when `dir` is a single dataset. */
export async function datasetDictSplits(dir: string): Promise<string[] | null> {
  const p = path.join(dir, "dataset_dict.json");
  if (!existsSync(p)) return null;
  const j = await readJsonFile(p);
  if (!Array.isArray(j.splits)) throw new ValueError(`${p}: "splits" must be a list`);
  return j.splits as string[];
}
