// Output formats (datasets/formatting/): "python" gives plain JS values; "torch" gives tensors for
// numeric columns (integers → int64, floats → float32, bool → bool, as HF's TorchFormatter),
// 1-D per row and stacked (B, …) per batch when the lengths agree, else an array of tensors;
// strings stay strings. `columns` limits the output unless `output_all_columns`.
//
// This is the one place datasets touches finetune-ts/torch, and it loads it lazily: libtorch costs
// ~170 MB and a second to load, which a user who only reads CSVs should not pay. ESM has no
// synchronous lazy import, so `with_format("torch")` is async (it awaits the import once).
import type { Tensor } from "../torch/index.js";
import { ValueError } from "../utils/errors.js";
import { Column, ListColumn, PrimitiveColumn, type Cell, type NumericStorage } from "./table/column.js";

type TorchModule = typeof import("../torch/index.js");
let torchModule: TorchModule | null = null;

/** Imports finetune-ts/torch once (a clear error when its native addon is not built). */
export async function loadTorch(): Promise<TorchModule> {
  if (torchModule) return torchModule;
  try {
    torchModule = await import("../torch/index.js");
  } catch (e) {
    throw new ValueError(`the "torch" format needs finetune-ts/torch, which could not be loaded: ${(e as Error).message}`);
  }
  return torchModule;
}

export type FormatType = "python" | "torch";

export interface FormatSpec {
  readonly type: FormatType | null;
  /** Columns to output (null: all). */
  readonly columns: readonly string[] | null;
  readonly output_all_columns: boolean;
}
export const PYTHON_FORMAT: FormatSpec = { type: null, columns: null, output_all_columns: false };

/** A row in the "python" format. */
export type Row = { [column: string]: Cell };
/** A batch in the "python" format: one array per column. */
export type Batch = { [column: string]: Cell[] };
/** A value in the "torch" format. */
export type TorchValue = Tensor | Tensor[] | Cell;
export type TorchRow = { [column: string]: TorchValue };
export type TorchBatch = { [column: string]: TorchValue | TorchValue[] };

/** The format tag a Dataset carries in its type. */
export type RowOf<F extends FormatType> = F extends "torch" ? TorchRow : Row;
export type BatchOf<F extends FormatType> = F extends "torch" ? TorchBatch : Batch;
export type ColumnOf<F extends FormatType> = F extends "torch" ? Tensor | TorchValue[] : Cell[];

function torchOrThrow(): TorchModule {
  if (!torchModule) throw new ValueError('the "torch" format is not loaded; use `await ds.with_format("torch")`');
  return torchModule;
}

function isNumeric(col: Column): boolean {
  return col instanceof PrimitiveColumn || (col instanceof ListColumn && isNumeric(col.child));
}

function targetDtype(torch: TorchModule, dtype: string): TorchModule["int64"] {
  if (dtype === "bool") return torch.bool;
  return dtype.startsWith("float") ? torch.float32 : torch.int64;
}

/** Gathers the numeric leaves of `col` at `rows` into one flat typed array plus a shape. */
function gatherNumeric(col: Column, rows: ArrayLike<number>, name: string): { data: NumericStorage; shape: number[]; dtype: string } | null {
  if (col instanceof PrimitiveColumn) {
    const Ctor = col.data.constructor as new (n: number) => NumericStorage;
    const out = new Ctor(rows.length) as Float64Array;
    const src = col.data as Float64Array;
    for (let i = 0; i < rows.length; i++) {
      if (col.isNull(rows[i])) throw new ValueError(`column "${name}" has a null at row ${rows[i]}; the torch format cannot turn nulls into tensors`);
      out[i] = src[rows[i]];
    }
    return { data: out as unknown as NumericStorage, shape: [rows.length], dtype: col.dtype };
  }
  if (col instanceof ListColumn) {
    const len = rows.length > 0 ? col.lengthAt(rows[0]) : 0;
    const childRows: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      if (col.isNull(rows[i])) throw new ValueError(`column "${name}" has a null at row ${rows[i]}; the torch format cannot turn nulls into tensors`);
      if (col.lengthAt(rows[i]) !== len) return null; // ragged
      for (let j = col.offsets[rows[i]]; j < col.offsets[rows[i] + 1]; j++) childRows.push(j);
    }
    const inner = gatherNumeric(col.child, childRows, name);
    if (!inner) return null;
    return { data: inner.data, shape: [rows.length, len, ...inner.shape.slice(1)], dtype: inner.dtype };
  }
  return null;
}

function makeTensor(torch: TorchModule, g: { data: NumericStorage; shape: number[]; dtype: string }): Tensor {
  // torch.tensor takes the typed arrays libtorch has dtypes for.
  const d = g.data;
  const data = d instanceof BigUint64Array ? BigInt64Array.from(d) : d instanceof Uint16Array ? Int32Array.from(d) : d instanceof Uint32Array ? Float64Array.from(d) : d;
  const flat = torch.tensor(data, { dtype: targetDtype(torch, g.dtype) });
  if (g.shape.length === 1) return flat;
  const shaped = flat.reshape(g.shape);
  flat.dispose();
  return shaped;
}

function selected(spec: FormatSpec, name: string): boolean {
  return spec.columns === null || spec.columns.includes(name);
}

/** Which columns an accessor outputs, in order. */
export function outputColumns(spec: FormatSpec, names: readonly string[]): string[] {
  if (spec.columns === null || spec.output_all_columns) return [...names];
  return names.filter((n) => spec.columns!.includes(n));
}

/** One row (physical row `r`) in the format. */
export function formatRow(spec: FormatSpec, columns: ReadonlyMap<string, Column>, r: number): TorchRow {
  const out: TorchRow = {};
  for (const name of outputColumns(spec, [...columns.keys()])) {
    const col = columns.get(name)!;
    if (spec.type === "torch" && selected(spec, name) && isNumeric(col)) {
      const torch = torchOrThrow();
      if (col instanceof PrimitiveColumn) {
        const g = gatherNumeric(col, [r], name)!;
        const t = makeTensor(torch, g);
        out[name] = t.reshape([]);
        t.dispose();
      } else {
        const list = col as ListColumn;
        const start = list.offsets[r];
        const idx = Array.from({ length: list.lengthAt(r) }, (_, i) => start + i);
        const g = gatherNumeric(list.child, idx, name);
        out[name] = g ? makeTensor(torch, g) : list.get(r);
      }
    } else {
      out[name] = col.get(r);
    }
  }
  return out;
}

/** A batch of physical rows in the format. */
export function formatBatch(spec: FormatSpec, columns: ReadonlyMap<string, Column>, rows: ArrayLike<number>): TorchBatch {
  const out: TorchBatch = {};
  for (const name of outputColumns(spec, [...columns.keys()])) out[name] = formatColumnRows(spec, columns.get(name)!, name, rows);
  return out;
}

/** One column over `rows` in the format. */
export function formatColumnRows(spec: FormatSpec, col: Column, name: string, rows: ArrayLike<number>): TorchValue | TorchValue[] {
  if (spec.type === "torch" && selected(spec, name) && isNumeric(col)) {
    const torch = torchOrThrow();
    const g = gatherNumeric(col, rows, name);
    if (g) return makeTensor(torch, g);
    // Ragged lists: one tensor per row, as HF returns.
    const list = col as ListColumn;
    return Array.from(rows, (r) => {
      const idx = Array.from({ length: list.lengthAt(r) }, (_, i) => list.offsets[r] + i);
      const inner = gatherNumeric(list.child, idx, name);
      return inner ? makeTensor(torch, inner) : list.get(r);
    });
  }
  return cellsAt(col, rows);
}

/** Plain values of `col` at `rows` (contiguous ranges use the column's fast path). */
export function cellsAt(col: Column, rows: ArrayLike<number>): Cell[] {
  const n = rows.length;
  if (n > 0 && rows[n - 1] - rows[0] === n - 1) {
    let contiguous = true;
    for (let i = 1; i < n && contiguous; i++) contiguous = rows[i] === rows[i - 1] + 1;
    if (contiguous) return col.values(rows[0], rows[0] + n);
  }
  const out = new Array<Cell>(n);
  for (let i = 0; i < n; i++) out[i] = col.get(rows[i]);
  return out;
}
