// JSON in and out (datasets/packaged_modules/json, Dataset.to_json). Reads JSON Lines (one object
// per line), a JSON array of objects, or — with `field` — the array (or dict of columns) under a
// key of one JSON object. Types follow pyarrow's JSON reader (integers → int64, any float makes
// the column float64, lists → List, objects → struct); a type clash names file, line and column.
// Writes JSON Lines by default, like HF (`lines: false` writes one array).
import { ValueError } from "../../utils/errors.js";
import type { Features } from "../features.js";
import { numRows, physicalRange, type DatasetState } from "../dataset_state.js";
import { ColumnBuilder, columnFromValues } from "../table/builder.js";
import { castColumn } from "../table/cast.js";
import { ListColumn, PrimitiveColumn, type Cell, type Column } from "../table/column.js";
import { checkOptions } from "../utils.js";
import { type SourceFile, writeTextChunks } from "./files.js";
import { pyFloat } from "./csv.js";

export interface JsonOptions {
  /** The key of the records when the file is one object (e.g. SQuAD's "data"). */
  field?: string | null;
  encoding?: string;
  features?: Features | null;
}
export const JSON_KEYS = ["field", "encoding", "features"] as const;

interface Acc {
  builders: Map<string, ColumnBuilder>;
  rows: number;
  lineOf: number[];
  fileOf: number[];
}

function addRecord(acc: Acc, rec: unknown, fileNo: number, line: number, display: string, locate: (r: number) => string): void {
  if (typeof rec !== "object" || rec === null || Array.isArray(rec)) {
    throw new ValueError(`${display}, line ${line}: expected a JSON object per row, got ${Array.isArray(rec) ? "an array" : JSON.stringify(rec)}`);
  }
  const r = rec as Record<string, unknown>;
  for (const k of Object.keys(r)) {
    if (!acc.builders.has(k)) {
      const b = new ColumnBuilder(k, locate);
      for (let i = 0; i < acc.rows; i++) b.pushNull();
      acc.builders.set(k, b);
    }
  }
  acc.lineOf.push(line);
  acc.fileOf.push(fileNo);
  for (const [k, b] of acc.builders) b.push(r[k]);
  acc.rows++;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function parseJson(text: string, display: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const where = m ? `, line ${lineAt(text, Number(m[1]))}` : "";
    throw new ValueError(`${display}${where}: invalid JSON: ${(e as Error).message}`);
  }
}

/** Reads JSON / JSON Lines files (one split) into columns. */
export function readJson(files: Array<{ file: SourceFile; text: string }>, o: JsonOptions = {}): { columns: Map<string, Column>; rows: number } {
  checkOptions(o, JSON_KEYS, "load_dataset(json)");
  const acc: Acc = { builders: new Map(), rows: 0, lineOf: [], fileOf: [] };
  const locate = (r: number): string => `${files[acc.fileOf[r]]?.file.display ?? "json"}, line ${acc.lineOf[r]} (row ${r})`;
  let columnsDict: Map<string, Column> | null = null;
  files.forEach(({ file, text }, fileNo) => {
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const first = body.trimStart()[0];
    if (o.field || first === "[") {
      const doc = parseJson(body, file.display);
      let records: unknown = doc;
      if (o.field) {
        if (typeof doc !== "object" || doc === null || Array.isArray(doc) || !(o.field in doc)) throw new ValueError(`${file.display}: no key "${o.field}" at the top level (field="${o.field}")`);
        records = (doc as Record<string, unknown>)[o.field];
      }
      if (Array.isArray(records)) {
        records.forEach((rec, i) => addRecord(acc, rec, fileNo, i + 1, `${file.display} (record ${i})`, locate));
        return;
      }
      if (typeof records === "object" && records !== null) {
        // A dict of columns.
        if (files.length > 1) throw new ValueError(`${file.display}: a dict of columns can only be loaded from a single file`);
        columnsDict = new Map(Object.entries(records as Record<string, unknown>).map(([k, v]) => {
          if (!Array.isArray(v)) throw new ValueError(`${file.display}: field "${o.field}" must hold a list of records or a dict of lists; "${k}" is not a list`);
          return [k, columnFromValues(k, v, (r) => `${file.display} ("${k}"[${r}])`)];
        }));
        return;
      }
      throw new ValueError(`${file.display}: expected a list of records${o.field ? ` under "${o.field}"` : ""}`);
    }
    let line = 0;
    let pos = 0;
    while (pos <= body.length) {
      const nl = body.indexOf("\n", pos);
      const end = nl < 0 ? body.length : nl;
      line++;
      const s = body.slice(pos, end).trim();
      pos = end + 1;
      if (s.length === 0) continue;
      let rec: unknown;
      try {
        rec = JSON.parse(s);
      } catch (e) {
        throw new ValueError(`${file.display}, line ${line}: invalid JSON Lines record: ${(e as Error).message}`);
      }
      addRecord(acc, rec, fileNo, line, file.display, locate);
    }
  });
  let columns: Map<string, Column> = columnsDict ?? new Map([...acc.builders].map(([k, b]) => [k, b.finish()]));
  const rows = columnsDict ? ([...(columnsDict as Map<string, Column>).values()][0]?.length ?? 0) : acc.rows;
  if (o.features) {
    const missing = o.features.keys().filter((k) => !columns.has(k));
    if (missing.length) throw new ValueError(`${files[0]?.file.display ?? "json"}: features name column(s) [${missing.join(", ")}] that the data lacks (columns: ${[...columns.keys()].join(", ")})`);
    columns = new Map([...columns].map(([k, c]) => [k, o.features!.has(k) ? castColumn(c, o.features!.get(k), k, locate) : c]));
  }
  return { columns, rows };
}

// ---- writing --------------------------------------------------------------------------------

export interface ToJsonOptions {
  /** JSON Lines (default true); false writes one JSON array. */
  lines?: boolean;
  orient?: "records";
  batch_size?: number;
  num_proc?: number | null;
  force_ascii?: boolean;
}

function floaty(c: Column): boolean {
  if (c instanceof PrimitiveColumn) return c.dtype.startsWith("float");
  if (c instanceof ListColumn) return floaty(c.child);
  return false;
}

function jsonValue(v: Cell, float: boolean, ascii: boolean): string {
  if (v === null) return "null";
  if (typeof v === "number") return Number.isFinite(v) ? (float ? pyFloat(v) : String(v)) : "null";
  if (typeof v === "bigint") return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "string") {
    const s = JSON.stringify(v);
    return ascii ? s.replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`) : s;
  }
  if (Array.isArray(v)) return `[${v.map((x) => jsonValue(x, float, ascii)).join(",")}]`;
  return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${jsonValue(x, false, ascii)}`).join(",")}}`;
}

export async function writeJson(s: DatasetState, target: string, o: ToJsonOptions = {}): Promise<number> {
  checkOptions(o, ["lines", "orient", "batch_size", "num_proc", "force_ascii"], "to_json");
  if (o.orient && o.orient !== "records") throw new ValueError(`to_json: orient="${o.orient}" is not supported; use "records"`);
  const lines = o.lines ?? true;
  const cols = [...s.columns];
  const floats = cols.map(([, c]) => floaty(c));
  const keys = cols.map(([k]) => JSON.stringify(k));
  const n = numRows(s);
  const bs = o.batch_size ?? 10000;
  const ascii = o.force_ascii ?? false;
  function* chunks(): Generator<string> {
    if (!lines) yield "[";
    for (let start = 0; start < n; start += bs) {
      const rows = physicalRange(s, start, Math.min(n, start + bs));
      const out = new Array<string>(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const obj = `{${cols.map(([, c], j) => `${keys[j]}:${jsonValue(c.get(rows[i]), floats[j], ascii)}`).join(",")}}`;
        out[i] = lines ? `${obj}\n` : `${start + i > 0 ? "," : ""}${obj}`;
      }
      yield out.join("");
    }
    if (!lines) yield "]";
  }
  return writeTextChunks(target, chunks());
}
