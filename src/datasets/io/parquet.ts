// Parquet in and out (datasets/packaged_modules/parquet, Dataset.to_parquet) through hyparquet /
// hyparquet-writer (pure JS; snappy built in, zstd/gzip/brotli/lz4 via hyparquet-compressors).
// The features come from the "huggingface" key-value metadata HF writes (so ClassLabel names
// survive), else from the Parquet schema (INT32+INT_8 → int8, FLOAT → float32, LIST → List, …).
// to_parquet writes that same metadata, so HF's load_dataset("parquet") reads our files back with
// their features.
import { parquetMetadata, parquetRead, parquetSchema, type SchemaTree } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { parquetWriteBuffer } from "hyparquet-writer";
import { ValueError } from "../../utils/errors.js";
import { ClassLabel, Features, List, Value, isStruct, type FeatureType, type ValueDType } from "../features.js";
import { numRows, physicalRange, type DatasetState } from "../dataset_state.js";
import { columnFromValues } from "../table/builder.js";
import { castColumn } from "../table/cast.js";
import type { Cell, Column } from "../table/column.js";
import { atomicWriteFile, checkOptions } from "../utils.js";
import { readBytes, type SourceFile } from "./files.js";

type SchemaElement = SchemaTree["element"];

export interface ParquetOptions {
  /** Only these columns. */
  columns?: string[] | null;
  features?: Features | null;
}
export const PARQUET_KEYS = ["columns", "features", "batch_size"] as const;

const INT_TYPES: Record<string, ValueDType> = { INT_8: "int8", INT_16: "int16", INT_32: "int32", INT_64: "int64", UINT_8: "uint8", UINT_16: "uint16", UINT_32: "uint32", UINT_64: "uint64" };

/** The feature a Parquet schema node describes. */
function featureOf(node: SchemaTree, where: string): FeatureType {
  const e = node.element;
  if (node.children.length === 0) {
    const ct = e.converted_type ?? "";
    const lt = e.logical_type as { type?: string; bitWidth?: number; isSigned?: boolean } | undefined;
    switch (e.type) {
      case "BOOLEAN": return new Value("bool");
      case "FLOAT": return new Value("float32");
      case "DOUBLE": return new Value("float64");
      case "INT32":
      case "INT64": {
        if (INT_TYPES[ct]) return new Value(INT_TYPES[ct]);
        if (lt?.type === "INTEGER" && lt.bitWidth) return new Value(`${lt.isSigned === false ? "u" : ""}int${lt.bitWidth}` as ValueDType);
        if (ct || (lt?.type && lt.type !== "INTEGER")) throw new ValueError(`${where}: Parquet type ${e.type}/${ct || lt?.type} is not supported yet`);
        return new Value(e.type === "INT32" ? "int32" : "int64");
      }
      case "BYTE_ARRAY":
        return new Value("string");
      default:
        throw new ValueError(`${where}: Parquet type ${e.type ?? "?"} of column "${e.name}" is not supported yet`);
    }
  }
  if (e.converted_type === "LIST" || (e.logical_type as { type?: string } | undefined)?.type === "LIST") {
    // 3-level list: <name> (LIST) → repeated group → element; 2-level: repeated leaf.
    const rep = node.children[0];
    const elem = rep.children.length === 1 ? rep.children[0] : rep;
    return new List(featureOf(elem, where));
  }
  if (e.converted_type === "MAP") throw new ValueError(`${where}: Parquet MAP columns are not supported yet`);
  return Object.fromEntries(node.children.map((c) => [c.element.name, featureOf(c, where)]));
}

function hfFeatures(kv: Array<{ key: string; value?: string }> | undefined, display: string): Features | null {
  const raw = kv?.find((k) => k.key === "huggingface")?.value;
  if (!raw) return null;
  try {
    const meta = JSON.parse(raw) as { info?: { features?: Record<string, unknown> } };
    return meta.info?.features ? Features.from_dict(meta.info.features) : null;
  } catch (e) {
    throw new ValueError(`${display}: unreadable "huggingface" Parquet metadata: ${(e as Error).message}`);
  }
}

/** Reads Parquet files (one split) into columns. */
export async function readParquet(files: SourceFile[], o: ParquetOptions = {}): Promise<{ columns: Map<string, Column>; rows: number; features: Features }> {
  checkOptions(o, PARQUET_KEYS, "load_dataset(parquet)");
  const perFile: Array<Map<string, unknown[]>> = [];
  let features: Features | null = o.features ?? null;
  let rows = 0;
  for (const file of files) {
    const bytes = await readBytes(file);
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    let meta;
    try {
      meta = parquetMetadata(ab);
    } catch (e) {
      throw new ValueError(`${file.display}: not a readable Parquet file (${(e as Error).message})`);
    }
    const schema = parquetSchema(meta);
    let fileFeatures = hfFeatures(meta.key_value_metadata, file.display);
    const schemaFeatures = new Features(schema.children.map((c) => [c.element.name, featureOf(c, file.display)] as [string, FeatureType]));
    if (!fileFeatures || fileFeatures.keys().join() !== schemaFeatures.keys().join()) fileFeatures = schemaFeatures;
    features ??= fileFeatures;
    const wanted = o.columns ?? features.keys();
    for (const c of wanted) if (!schemaFeatures.has(c)) throw new ValueError(`${file.display}: no column "${c}" (columns: ${schemaFeatures.keys().join(", ")})`);
    const n = Number(meta.num_rows);
    const cols = new Map<string, unknown[]>(wanted.map((c) => [c, new Array<unknown>(n)]));
    try {
      await parquetRead({
        file: ab,
        columns: wanted,
        compressors,
        onChunk: ({ columnName, columnData, rowStart, rowEnd }) => {
          const dst = cols.get(columnName);
          if (!dst) return;
          for (let i = rowStart; i < rowEnd; i++) dst[i] = columnData[i - rowStart];
        },
      });
    } catch (e) {
      throw new ValueError(`${file.display}: could not decode the Parquet data (${(e as Error).message})`);
    }
    perFile.push(cols);
    rows += n;
  }
  const names = o.columns ?? features?.keys() ?? [];
  const columns = new Map<string, Column>();
  for (const name of names) {
    const values = perFile.length === 1 ? perFile[0].get(name)! : perFile.flatMap((f) => f.get(name)!);
    const f = features!.get(name);
    columns.set(name, castColumn(columnFromValues(name, values, (r) => `${files.length === 1 ? files[0].display : "parquet"} row ${r}`), f, name));
  }
  const outFeatures = new Features(names.map((n) => [n, features!.get(n)] as [string, FeatureType]));
  return { columns, rows, features: outFeatures };
}

// ---- writing --------------------------------------------------------------------------------

export interface ToParquetOptions {
  batch_size?: number;
  /** Compression: "SNAPPY" (default, as pyarrow) or "UNCOMPRESSED". */
  compression?: "SNAPPY" | "UNCOMPRESSED";
}

const LEAF: Record<string, Partial<SchemaElement>> = {
  bool: { type: "BOOLEAN" }, int8: { type: "INT32", converted_type: "INT_8" }, int16: { type: "INT32", converted_type: "INT_16" }, int32: { type: "INT32" },
  int64: { type: "INT64" }, uint8: { type: "INT32", converted_type: "UINT_8" }, uint16: { type: "INT32", converted_type: "UINT_16" },
  uint32: { type: "INT32", converted_type: "UINT_32" }, uint64: { type: "INT64", converted_type: "UINT_64" }, float16: { type: "FLOAT" },
  float32: { type: "FLOAT" }, float64: { type: "DOUBLE" }, string: { type: "BYTE_ARRAY", converted_type: "UTF8" }, large_string: { type: "BYTE_ARRAY", converted_type: "UTF8" },
};

function schemaFor(name: string, f: FeatureType): SchemaElement[] {
  if (f instanceof ClassLabel) return [{ name, type: "INT64", repetition_type: "OPTIONAL" } as SchemaElement];
  if (f instanceof Value) {
    const leaf = LEAF[f.dtype];
    if (!leaf) throw new ValueError(`to_parquet: column "${name}" has dtype ${f.dtype}, which cannot be written`);
    return [{ name, repetition_type: "OPTIONAL", ...leaf } as SchemaElement];
  }
  if (f instanceof List) {
    return [
      { name, repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 } as SchemaElement,
      { name: "list", repetition_type: "REPEATED", num_children: 1 } as SchemaElement,
      ...schemaFor("element", f.feature),
    ];
  }
  if (!isStruct(f)) throw new ValueError(`to_parquet: unsupported feature for "${name}"`);
  return [{ name, repetition_type: "OPTIONAL", num_children: Object.keys(f).length } as SchemaElement, ...Object.entries(f).flatMap(([k, sub]) => schemaFor(k, sub))];
}

/** hyparquet-writer wants bigints for INT64 leaves. */
function writable(v: Cell, f: FeatureType): unknown {
  if (v === null) return null;
  if (f instanceof ClassLabel || (f instanceof Value && (f.dtype === "int64" || f.dtype === "uint64"))) return BigInt(v as number | bigint);
  if (f instanceof List) return (v as Cell[]).map((x) => writable(x, f.feature));
  if (isStruct(f)) return Object.fromEntries(Object.entries(f).map(([k, sub]) => [k, writable((v as Record<string, Cell>)[k] ?? null, sub)]));
  return v;
}

export async function writeParquet(s: DatasetState, target: string, o: ToParquetOptions = {}): Promise<number> {
  checkOptions(o, ["batch_size", "compression"], "to_parquet");
  const n = numRows(s);
  const rows = physicalRange(s, 0, n);
  const schema: SchemaElement[] = [{ name: "root", num_children: s.columns.size } as SchemaElement];
  const columnData: Array<{ name: string; data: unknown[] }> = [];
  for (const [name, col] of s.columns) {
    const f = s.features.get(name);
    schema.push(...schemaFor(name, f));
    columnData.push({ name, data: Array.from(rows, (r) => writable(col.get(r), f)) });
  }
  const kvMetadata = [{ key: "huggingface", value: JSON.stringify({ info: { features: s.features.to_dict() } }) }];
  const buf = parquetWriteBuffer({ columnData, schema, kvMetadata, codec: o.compression ?? "SNAPPY", rowGroupSize: o.batch_size ?? 100000, createdBy: "finetune-ts" });
  const bytes = new Uint8Array(buf);
  await atomicWriteFile(target, bytes);
  return bytes.length;
}
