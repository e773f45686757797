// Shared loader for the PyTorch parity goldens in tests/fixtures/torch_goldens/, written by
//   /usr/bin/python3 scripts/make_torch_goldens.py   (Debian's PyTorch 1.13, float32 inputs)
// goldens.safetensors holds every tensor (parsed here by hand: 8-byte LE header length, JSON
// header, raw LE data); cases.json says what each case is and its tolerance.
// An op case is checked as: outputs (shape, dtype, values within atol + rtol·|expected|), then
// `Σ_j (out_j · w_j).sum().backward()` and every floating input's `.grad` against PyTorch's.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as torch from "../../src/torch/index.js";
import type { Tensor } from "../../src/torch/index.js";

// Kwargs come from JSON and go straight into the TS call, as Python's **kwargs did.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Kw = { [k: string]: any };
export type OpFn = (x: Tensor[], kw: Kw) => Tensor | Tensor[];
export interface Tol { atol: number; rtol: number }
export interface TensorRef { key: string; dtype: string; shape: number[] }
export interface OpCase {
  family: string; name: string; op: string; kwargs: Kw;
  inputs: TensorRef[]; outputs: TensorRef[]; tol: Tol;
  weights?: { [j: string]: string }; grads?: { [i: string]: string }; note?: string;
}
export interface OptimCase {
  name: string; optimizer: "SGD" | "Adam" | "AdamW"; kwargs: Kw;
  groups: Array<{ params: string[]; [k: string]: unknown }> | null;
  clip: { clip_grad_norm?: number; clip_grad_value?: number } | null;
  steps: number; losses: number[]; grad_norms?: number[];
  state_keys: { [param: string]: string[] };
  tol: { atol: number; rtol: number; loss_atol: number };
}
export interface PrintCase { name: string; key: string; requires_grad: boolean; then: string | null; repr: string }
interface CasesFile {
  torch_version: string; default_tol: Tol; cases: OpCase[];
  optimizers: { param_names: string[]; steps: number; cases: OptimCase[] };
  printing: PrintCase[];
}

const DIR = new URL("../fixtures/torch_goldens/", import.meta.url);
export const CASES: CasesFile = JSON.parse(readFileSync(new URL("cases.json", DIR), "utf8")) as CasesFile;

// ---- safetensors -----------------------------------------------------------------------------
const ST_DTYPES: { [k: string]: torch.dtype } = {
  F32: torch.float32, F64: torch.float64, F16: torch.float16, I64: torch.int64, I32: torch.int32,
  I16: torch.int16, I8: torch.int8, U8: torch.uint8, BOOL: torch.bool,
};
interface Entry { dtype: torch.dtype; shape: number[]; bytes: Uint8Array }
const entries = new Map<string, Entry>();
{
  const buf = readFileSync(new URL("goldens.safetensors", DIR));
  const n = Number(buf.readBigUInt64LE(0));
  const header = JSON.parse(buf.subarray(8, 8 + n).toString("utf8")) as {
    [k: string]: { dtype: string; shape: number[]; data_offsets: [number, number] };
  };
  const base = 8 + n;
  for (const [k, v] of Object.entries(header)) {
    if (k === "__metadata__") continue;
    const dt = ST_DTYPES[v.dtype];
    if (!dt) throw new Error(`goldens: unsupported dtype ${v.dtype} for ${k}`);
    // Copy into a fresh, aligned buffer (the file's offsets need not be aligned for the dtype).
    const bytes = new Uint8Array(buf.subarray(base + v.data_offsets[0], base + v.data_offsets[1]));
    entries.set(k, { dtype: dt, shape: v.shape, bytes });
  }
}

export function hasGolden(key: string): boolean {
  return entries.has(key);
}

/** A new tensor holding the golden `key` (the caller owns it). */
export function golden(key: string): Tensor {
  const e = entries.get(key);
  if (!e) throw new Error(`goldens: no tensor '${key}' (regenerate with scripts/make_torch_goldens.py?)`);
  return torch.frombuffer(e.bytes, e.shape, e.dtype);
}

/** The golden's values as JS numbers (bool → 0/1), its shape and dtype name. */
export function goldenValues(key: string): { values: number[]; shape: number[]; dtype: string } {
  const e = entries.get(key);
  if (!e) throw new Error(`goldens: no tensor '${key}'`);
  let values: number[];
  if (e.dtype === torch.float16) {
    const t = golden(key);
    const f = t.float();
    values = f.toJSNumbers();
    t.dispose();
    f.dispose();
  } else {
    const Ctor = e.dtype === torch.bool ? Uint8Array : e.dtype.arrayType;
    const arr = new Ctor(e.bytes.buffer, e.bytes.byteOffset, e.bytes.byteLength / e.dtype.itemsize);
    values = Array.from(arr as ArrayLike<number | bigint>, (v) => Number(v));
  }
  return { values, shape: e.shape, dtype: e.dtype.name };
}

export function cases(family: string): OpCase[] {
  return CASES.cases.filter((c) => c.family === family);
}

// ---- comparison ----------------------------------------------------------------------------
/** Values close elementwise: |a − e| ≤ atol + rtol·|e| (NaN matches NaN, ±inf must match). */
export function assertValuesClose(actual: number[], expected: number[], tol: Tol, label: string): void {
  assert.equal(actual.length, expected.length, `${label}: ${actual.length} elements, expected ${expected.length}`);
  let worst = -1;
  let worstErr = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(e) && Number.isNaN(a)) continue;
    if (!Number.isFinite(e) || !Number.isFinite(a)) {
      if (a !== e) { worst = i; worstErr = Infinity; break; }
      continue;
    }
    const err = Math.abs(a - e) - (tol.atol + tol.rtol * Math.abs(e));
    if (err > 0 && (worst < 0 || err > worstErr)) { worst = i; worstErr = err; }
  }
  if (worst >= 0) {
    assert.fail(`${label}: element ${worst} is ${actual[worst]}, PyTorch ${expected[worst]} ` +
      `(|diff| ${Math.abs(actual[worst] - expected[worst]).toExponential(3)} > atol ${tol.atol} + rtol ${tol.rtol}·|e|)`);
  }
}

/** Shape, dtype and values of `actual` against the golden `key`. */
export function assertMatchesGolden(actual: Tensor, key: string, tol: Tol, label = key): void {
  const g = goldenValues(key);
  assert.deepEqual(actual.shape, g.shape, `${label}: shape ${JSON.stringify(actual.shape)}, PyTorch ${JSON.stringify(g.shape)}`);
  assert.equal(actual.dtype.name, g.dtype, `${label}: dtype ${actual.dtype.name}, PyTorch ${g.dtype}`);
  const exact = !actual.dtype.is_floating_point;
  assertValuesClose(actual.toJSNumbers(), g.values, exact ? { atol: 0, rtol: 0 } : tol, label);
}

/**
 * Runs one op case: inputs from the goldens (floating inputs listed in `grads` get
 * requires_grad), `fn` for the outputs, then the weighted-sum backward and each input's grad.
 * Everything is freed afterwards (the test would otherwise leak into later memory checks).
 */
export function runOpCase(c: OpCase, fn: OpFn | undefined): void {
  if (!fn) assert.fail(`no TS implementation registered for op '${c.op}' (case ${c.name})`);
  const gradIdx = new Set(Object.keys(c.grads ?? {}).map(Number));
  const inputs = c.inputs.map((r, i) => {
    const t = golden(r.key);
    if (gradIdx.has(i)) t.requires_grad_(true);
    return t;
  });
  try {
    torch.tidy(() => {
      const out = fn(inputs, c.kwargs);
      const outs = Array.isArray(out) ? out : [out];
      assert.equal(outs.length, c.outputs.length, `${c.name}: ${outs.length} outputs, PyTorch ${c.outputs.length}`);
      outs.forEach((o, j) => assertMatchesGolden(o, c.outputs[j].key, c.tol, `${c.name} out${j}`));
      if (!c.weights || !c.grads) return;
      let loss: Tensor | null = null;
      for (const [j, wk] of Object.entries(c.weights)) {
        const term = outs[Number(j)].mul(golden(wk)).sum();
        loss = loss === null ? term : loss.add(term);
      }
      loss!.backward();
      for (const [i, gk] of Object.entries(c.grads)) {
        const g = inputs[Number(i)].grad;
        if (g === null) {
          // PyTorch gave no grad (unused input): the generator stored zeros.
          assert.ok(goldenValues(gk).values.every((v) => v === 0), `${c.name}: input ${i} got no grad, PyTorch has a nonzero one`);
          continue;
        }
        assertMatchesGolden(g, gk, c.tol, `${c.name} grad of input ${i}`);
      }
    });
  } finally {
    for (const t of inputs) t.dispose();
  }
}

/** Registers one node:test per case of `family`; cases named in `skip` are skipped with the reason. */
export function opCaseTests(
  test: (name: string, opts: { skip?: string | boolean }, fn: () => void) => unknown,
  family: string,
  ops: { [op: string]: OpFn },
  skip: { [caseName: string]: string } = {},
): void {
  const list = cases(family);
  assert.ok(list.length > 0, `no golden cases for family ${family}`);
  for (const c of list) {
    test(`golden ${family}: ${c.name}`, { skip: skip[c.name] ?? false }, () => runOpCase(c, ops[c.op]));
  }
}
