// Printing like PyTorch's torch/_tensor_str.py: `tensor([[1., 2.]], requires_grad=True)`.
// Same formatter rules (integer mode, fixed 4 decimals, scientific when the range is wide),
// same summarisation ("..." past 1000 elements) and the same suffixes.
import type { Tensor } from "./tensor.js";
import { int64, bool, get_default_dtype } from "./dtype.js";

const PRECISION = 4;
const THRESHOLD = 1000;
const EDGEITEMS = 3;
const LINEWIDTH = 80;

function pyExp(v: number, digits: number): string {
  // JS writes 1.0000e-5; Python writes 1.0000e-05.
  return v.toExponential(digits).replace(/e([+-])(\d)$/, "e$10$2");
}

class Formatter {
  private intMode = true;
  private sciMode = false;
  private width = 1;
  constructor(private readonly kind: "float" | "int" | "bool", values: number[]) {
    if (kind !== "float") {
      for (const v of values) this.width = Math.max(this.width, this.fmtRaw(v).length);
      return;
    }
    const finite = values.filter((v) => Number.isFinite(v));
    const nonzero = finite.filter((v) => v !== 0).map(Math.abs);
    for (const v of finite) if (Math.round(v) !== v) this.intMode = false;
    if (nonzero.length) {
      const max = Math.max(...nonzero);
      const min = Math.min(...nonzero);
      if (this.intMode) {
        if (max / min > 1000 || max > 1e8) this.sciMode = true;
      } else if (max / min > 1000 || max > 1e8 || min < 1e-4) {
        this.sciMode = true;
      }
    }
    for (const v of values) this.width = Math.max(this.width, this.fmtRaw(v).length);
  }
  private fmtRaw(v: number): string {
    if (this.kind === "bool") return v ? "True" : "False";
    if (this.kind === "int") return String(v);
    if (Number.isNaN(v)) return "nan";
    if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
    if (this.sciMode) return pyExp(v, PRECISION);
    if (this.intMode) return `${v.toFixed(0)}.`;
    return v.toFixed(PRECISION);
  }
  format(v: number): string {
    return this.fmtRaw(v).padStart(this.width);
  }
}

/** Indices kept when summarising a dimension of size n. */
function keptIndices(n: number, summarize: boolean): Array<number | null> {
  if (!summarize || n <= 2 * EDGEITEMS) return Array.from({ length: n }, (_, i) => i);
  const head = Array.from({ length: EDGEITEMS }, (_, i) => i);
  const tail = Array.from({ length: EDGEITEMS }, (_, i) => n - EDGEITEMS + i);
  return [...head, null, ...tail];
}

function strides(shape: number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = s[i + 1] * shape[i + 1];
  return s;
}

function render(values: number[], shape: number[], fmt: Formatter, summarize: boolean, indent: number): string {
  const st = strides(shape);
  const rec = (dim: number, offset: number, ind: number): string => {
    const idx = keptIndices(shape[dim], summarize);
    if (dim === shape.length - 1) {
      const items = idx.map((i) => (i === null ? " ..." : fmt.format(values[offset + i])));
      // Wrap long rows at the line width, as PyTorch does.
      const perLine = Math.max(1, Math.floor((LINEWIDTH - ind) / (fmt.format(values[offset] ?? 0).length + 2)));
      const lines: string[] = [];
      for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(", "));
      return `[${lines.join(",\n" + " ".repeat(ind + 1))}]`;
    }
    const parts = idx.map((i) => (i === null ? "..." : rec(dim + 1, offset + i * st[dim], ind + 1)));
    const sep = "," + "\n".repeat(shape.length - dim - 1) + " ".repeat(ind + 1);
    return `[${parts.join(sep)}]`;
  };
  return rec(0, 0, indent);
}

export function formatTensor(t: Tensor): string {
  const dt = t.dtype;
  const shape = t.shape;
  const n = shape.reduce((a, b) => a * b, 1);
  const kind = dt.is_floating_point ? "float" : dt === bool ? "bool" : "int";
  const summarize = n > THRESHOLD;
  const values = t.toJSNumbers();
  const suffixes: string[] = [];
  const dev = t.device;
  if (dev.type !== "cpu") suffixes.push(`device='${dev}'`);
  const shownDefault = dt === get_default_dtype() || dt === int64 || dt === bool;
  let body: string;
  if (n === 0) {
    body = "[]";
    if (shape.length !== 1) suffixes.push(`size=(${shape.join(", ")})`);
    if (dt !== get_default_dtype()) suffixes.push(`dtype=${dt}`);
  } else {
    const shown = summarize ? sampleForWidth(values, shape) : values;
    const fmt = new Formatter(kind, shown);
    body = shape.length === 0 ? fmt.format(values[0]).trim() : render(values, shape, fmt, summarize, "tensor(".length);
    if (!shownDefault) suffixes.push(`dtype=${dt}`);
  }
  const grad = t.grad_fn;
  if (grad !== null) suffixes.push(`grad_fn=<${grad.name()}>`);
  else if (t.requires_grad) suffixes.push("requires_grad=True");
  return `tensor(${[body, ...suffixes].join(", ")})`;
}

/** PyTorch sizes the columns from the shown (summarised) elements only. */
function sampleForWidth(values: number[], shape: number[]): number[] {
  const out: number[] = [];
  const st = strides(shape);
  const rec = (dim: number, offset: number): void => {
    for (const i of keptIndices(shape[dim], true)) {
      if (i === null) continue;
      if (dim === shape.length - 1) out.push(values[offset + i]);
      else rec(dim + 1, offset + i * st[dim]);
    }
  };
  rec(0, 0);
  return out;
}
