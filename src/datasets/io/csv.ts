// CSV in and out (datasets/packaged_modules/csv, which reads with pandas.read_csv, and
// Dataset.to_csv, which writes with pandas.DataFrame.to_csv(index=False)). An RFC-4180 parser
// writes fields straight into per-column string arrays; then each column gets pandas' type:
// all integers → int64 (float64 if some are missing), numbers → float64, True/False → bool,
// else string. pandas' default NA strings ("", "NA", "N/A", "null", "NaN", …) become null.
// A row with too many or too few fields is an error naming the file, line and column count.
import { ValueError } from "../../utils/errors.js";
import { Value, type Features } from "../features.js";
import { numRows, physicalRange, type DatasetState } from "../dataset_state.js";
import { castColumn } from "../table/cast.js";
import { PrimitiveColumn, StringColumn, type Cell, type Column } from "../table/column.js";
import { checkOptions } from "../utils.js";
import { type SourceFile, writeTextChunks } from "./files.js";

export interface CsvOptions {
  /** Field separator (default ","). `delimiter` is an alias, as in pandas. */
  sep?: string;
  delimiter?: string;
  /** Names for the columns; the first line is then data (pandas `names`, header=None). */
  column_names?: string[] | null;
  names?: string[] | null;
  /** Row number of the header, or null for none (default 0 / "infer"). */
  header?: number | null | "infer";
  quotechar?: string;
  /** Number of lines to skip at the start of each file. */
  skiprows?: number;
  /** Read at most this many data rows per file. */
  nrows?: number | null;
  /** Extra strings read as null. */
  na_values?: string[] | null;
  keep_default_na?: boolean;
  /** false: no NA detection at all (empty fields stay ""). */
  na_filter?: boolean;
  skip_blank_lines?: boolean;
  skipinitialspace?: boolean;
  /** Lines starting with this character are ignored. */
  comment?: string | null;
  encoding?: string;
  features?: Features | null;
}
export const CSV_KEYS = ["sep", "delimiter", "column_names", "names", "header", "quotechar", "skiprows", "nrows", "na_values", "keep_default_na", "na_filter", "skip_blank_lines", "skipinitialspace", "comment", "encoding", "features"] as const;

// pandas' STR_NA_VALUES.
const DEFAULT_NA = ["", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"];
const INT_RE = /^\s*[+-]?\d+\s*$/;
const FLOAT_RE = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$|^\s*[+-]?(inf|infinity)\s*$/i;
const BOOL = new Map([["True", true], ["TRUE", true], ["true", true], ["False", false], ["FALSE", false], ["false", false]]);

/** Raw parsed text: per column an array of strings (null = NA), and where each row came from. */
interface RawTable {
  names: string[];
  cols: Array<Array<string | null>>;
  rowLine: number[];
  rowFile: number[];
}

function mangle(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n, i) => {
    const base = n === "" ? `Unnamed: ${i}` : n;
    const k = seen.get(base) ?? 0;
    seen.set(base, k + 1);
    return k > 0 ? `${base}.${k}` : base;
  });
}

/** Parses one file's text into `raw` (columns fixed by the first file). */
function parseInto(text: string, file: SourceFile, fileNo: number, raw: RawTable | null, o: CsvOptions): RawTable {
  const sep = o.sep ?? o.delimiter ?? ",";
  const quote = o.quotechar ?? '"';
  if (sep.length !== 1 || quote.length !== 1) throw new ValueError(`csv: sep and quotechar must be single characters (got ${JSON.stringify(sep)}, ${JSON.stringify(quote)})`);
  const S = sep.charCodeAt(0);
  const Q = quote.charCodeAt(0);
  const C = o.comment ? o.comment.charCodeAt(0) : -1;
  const naFilter = o.na_filter ?? true;
  const na = new Set([...(o.keep_default_na ?? true ? DEFAULT_NA : []), ...(o.na_values ?? [])]);
  const names0 = o.column_names ?? o.names ?? null;
  const header = names0 ? null : o.header === "infer" || o.header === undefined ? 0 : o.header;
  let table = raw;
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let record = 0; // records read from this file, header included
  let dataRows = 0;
  const fields: string[] = [];
  for (let k = 0; k < (o.skiprows ?? 0) && pos < n; k++) {
    const nl = text.indexOf("\n", pos);
    pos = nl < 0 ? n : nl + 1;
    line++;
  }
  while (pos < n) {
    if (o.nrows != null && dataRows >= o.nrows) break;
    const startLine = line;
    fields.length = 0;
    let blank = true;
    if (text.charCodeAt(pos) === C) {
      const nl = text.indexOf("\n", pos);
      pos = nl < 0 ? n : nl + 1;
      line++;
      continue;
    }
    // one record
    for (;;) {
      if (o.skipinitialspace) while (text.charCodeAt(pos) === 32) pos++;
      let value: string;
      if (text.charCodeAt(pos) === Q) {
        blank = false;
        let out = "";
        let from = ++pos;
        for (;;) {
          const q = text.indexOf(quote, pos);
          if (q < 0) throw new ValueError(`${file.display}, line ${startLine}: a quoted field is never closed (missing ${quote})`);
          for (let i = pos; i < q; i++) if (text.charCodeAt(i) === 10) line++;
          if (text.charCodeAt(q + 1) === Q) {
            out += text.slice(from, q + 1);
            pos = from = q + 2;
            continue;
          }
          out += text.slice(from, q);
          pos = q + 1;
          break;
        }
        // pandas keeps characters between the closing quote and the separator.
        const rest = pos;
        while (pos < n && text.charCodeAt(pos) !== S && text.charCodeAt(pos) !== 10 && text.charCodeAt(pos) !== 13) pos++;
        value = rest === pos ? out : out + text.slice(rest, pos);
      } else {
        const start = pos;
        while (pos < n) {
          const ch = text.charCodeAt(pos);
          if (ch === S || ch === 10 || ch === 13) break;
          pos++;
        }
        value = text.slice(start, pos);
        if (value.length > 0 || text.charCodeAt(pos) === S) blank = false;
      }
      fields.push(value);
      if (pos < n && text.charCodeAt(pos) === S) {
        pos++;
        continue;
      }
      if (text.charCodeAt(pos) === 13) pos++;
      if (text.charCodeAt(pos) === 10) pos++;
      line++;
      break;
    }
    if (blank && (o.skip_blank_lines ?? true)) continue;
    if (record === (header ?? -1)) {
      record++;
      const names = mangle(fields.slice());
      if (!table) table = { names, cols: names.map(() => []), rowLine: [], rowFile: [] };
      else if (names.join("\u0000") !== table.names.join("\u0000")) {
        throw new ValueError(`${file.display}, line ${startLine}: header [${names.join(", ")}] differs from the first file's [${table.names.join(", ")}]`);
      }
      continue;
    }
    if (record < (header ?? -1)) {
      record++;
      continue;
    }
    record++;
    if (!table) {
      const names = names0 ?? fields.map((_, i) => String(i));
      table = { names: [...names], cols: names.map(() => []), rowLine: [], rowFile: [] };
    }
    if (fields.length !== table.cols.length) {
      throw new ValueError(
        `${file.display}, line ${startLine}: expected ${table.cols.length} fields (${table.names.join(", ")}) but saw ${fields.length}` +
          `${fields.length > table.cols.length ? "; quote fields that contain the separator" : ""}`,
      );
    }
    for (let c = 0; c < fields.length; c++) {
      const v = fields[c];
      table.cols[c].push(naFilter && na.has(v) ? null : v);
    }
    table.rowLine.push(startLine);
    table.rowFile.push(fileNo);
    dataRows++;
  }
  if (!table) table = { names: names0 ? [...names0] : [], cols: (names0 ?? []).map(() => []), rowLine: [], rowFile: [] };
  return table;
}

/** pandas-like dtype inference for one column of raw strings. */
function inferColumn(values: Array<string | null>, name: string, locate: (r: number) => string): Column {
  let ints = true;
  let floats = true;
  let bools = true;
  let nulls = 0;
  for (const v of values) {
    if (v === null) {
      nulls++;
      continue;
    }
    if (ints && !INT_RE.test(v)) ints = false;
    if (floats && !ints && !FLOAT_RE.test(v)) floats = false;
    if (bools && !BOOL.has(v)) bools = false;
    if (!ints && !floats && !bools) break;
  }
  const strings = new StringColumn(values);
  if (nulls === values.length) return castColumn(strings, new Value("float64"), name, locate);
  if (ints) return castColumn(strings, new Value(nulls > 0 ? "float64" : "int64"), name, locate);
  if (floats) return castColumn(strings, new Value("float64"), name, locate);
  if (bools) {
    const data = new Uint8Array(values.length);
    const valid = nulls > 0 ? new Uint8Array(values.length) : null;
    values.forEach((v, i) => {
      if (v !== null) {
        data[i] = BOOL.get(v) ? 1 : 0;
        if (valid) valid[i] = 1;
      }
    });
    return new PrimitiveColumn("bool", data, valid);
  }
  return strings;
}

/** Reads CSV files (one split) into columns. */
export function readCsv(files: Array<{ file: SourceFile; text: string }>, o: CsvOptions = {}): { columns: Map<string, Column>; rows: number } {
  checkOptions(o, CSV_KEYS, "load_dataset(csv)");
  let raw: RawTable | null = null;
  for (const [i, { file, text }] of files.entries()) raw = parseInto(text, file, i, raw, o);
  const t: RawTable = raw ?? { names: [], cols: [], rowLine: [], rowFile: [] };
  const locate = (r: number): string => `${files[t.rowFile[r]]?.file.display ?? "csv"}, line ${t.rowLine[r]} (row ${r})`;
  const feats = o.features ?? null;
  if (feats) {
    const missing = feats.keys().filter((k) => !t.names.includes(k));
    if (missing.length) throw new ValueError(`${files[0]?.file.display ?? "csv"}: features name column(s) [${missing.join(", ")}] that the CSV lacks (CSV columns: ${t.names.join(", ")})`);
  }
  const columns = new Map<string, Column>();
  t.names.forEach((name, c) => {
    const f = feats && feats.has(name) ? feats.get(name) : null;
    columns.set(name, f ? castColumn(new StringColumn(t.cols[c]), f, name, locate) : inferColumn(t.cols[c], name, locate));
  });
  return { columns, rows: t.rowLine.length };
}

// ---- writing --------------------------------------------------------------------------------

export interface ToCsvOptions {
  sep?: string;
  header?: boolean;
  /** Write the row number as a first, unnamed column (pandas' index). Default false, as HF. */
  index?: boolean;
  na_rep?: string;
  lineterminator?: string;
  /** Rows converted per chunk. */
  batch_size?: number;
  num_proc?: number | null;
}

/** Python's repr of a float (1.0, 1e-07, 1e+22, inf, nan). */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return `${x}.0`;
  const s = String(x);
  const m = /^(-?[\d.]+)e([+-])(\d+)$/.exec(s);
  return m ? `${m[1]}e${m[2]}${m[3].padStart(2, "0")}` : s;
}

function numpyRepr(v: Cell, float: boolean): string {
  if (v === null) return "None";
  if (Array.isArray(v)) return `[${v.map((x) => numpyRepr(x, float)).join(" ")}]`;
  if (typeof v === "string") return `'${v}'`;
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return float ? pyFloat(v) : String(v);
  if (typeof v === "bigint") return String(v);
  return `{${Object.entries(v).map(([k, x]) => `'${k}': ${numpyRepr(x, float)}`).join(", ")}}`;
}

function isFloatColumn(c: Column): boolean {
  if (c instanceof PrimitiveColumn) return c.dtype.startsWith("float");
  const child = (c as { child?: Column }).child;
  return child ? isFloatColumn(child) : false;
}

export async function writeCsv(s: DatasetState, target: string, o: ToCsvOptions = {}): Promise<number> {
  checkOptions(o, ["sep", "header", "index", "na_rep", "lineterminator", "batch_size", "num_proc"], "to_csv");
  const sep = o.sep ?? ",";
  const eol = o.lineterminator ?? "\n";
  const na = o.na_rep ?? "";
  const quoteRe = new RegExp(`[${sep.replace(/[\]\\^-]/g, "\\$&")}"\\r\\n]`);
  const esc = (f: string): string => (quoteRe.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  const cols = [...s.columns];
  const floats = cols.map(([, c]) => isFloatColumn(c));
  const cell = (v: Cell, float: boolean): string => {
    if (v === null) return na;
    if (typeof v === "string") return esc(v);
    if (typeof v === "number") return float ? (Number.isNaN(v) ? na : pyFloat(v)) : String(v);
    if (typeof v === "boolean") return v ? "True" : "False";
    if (typeof v === "bigint") return String(v);
    return esc(numpyRepr(v, float));
  };
  const n = numRows(s);
  const bs = o.batch_size ?? 10000;
  function* chunks(): Generator<string> {
    const head: string[] = o.index ? [""] : [];
    if (o.header ?? true) yield head.concat(cols.map(([k]) => esc(k))).join(sep) + eol;
    for (let start = 0; start < n; start += bs) {
      const rows = physicalRange(s, start, Math.min(n, start + bs));
      const lines = new Array<string>(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const parts = cols.map(([, c], j) => cell(c.get(rows[i]), floats[j]));
        if (o.index) parts.unshift(String(start + i));
        lines[i] = parts.join(sep) + eol;
      }
      yield lines.join("");
    }
  }
  return writeTextChunks(target, chunks());
}
