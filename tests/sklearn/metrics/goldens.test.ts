// Parity with scikit-learn. Every number, string and error below comes from scikit-learn itself:
//   /opt/pyvenv/bin/python scripts/make_sklearn_goldens.py   (pip's scikit-learn; the version is
//   recorded in tests/fixtures/sklearn/goldens.json as sklearn_version, 1.9.1 when written)
// Each case calls `sklearn.metrics.<fn>(*args, **kwargs)` there and `<fn>(...args, kwargs)` here.
// Tolerance: numbers equal to 1e-12 (absolute, or relative for |x| > 1); NaN must be NaN;
// classification_report text, error messages and warning texts must match exactly.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as metrics from "../../../src/sklearn/metrics/index.js";
import { _resetWarnings } from "../../../src/sklearn/metrics/_warnings.js";

interface Case {
  name: string;
  fn: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  expected?: unknown;
  error?: { type: string; message: string };
  warnings: string[];
}
interface Goldens {
  sklearn_version: string;
  cases: Case[];
}

const SPECIAL: Record<string, number> = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity };
const G = JSON.parse(readFileSync(new URL("../../fixtures/sklearn/goldens.json", import.meta.url), "utf8"), (_k, v: unknown) => {
  if (typeof v === "string" && v in SPECIAL) return SPECIAL[v];
  if (typeof v === "object" && v !== null && "__float64__" in v) return Float64Array.from((v as { __float64__: number[] }).__float64__);
  return v;
}) as Goldens;

type Fn = (...a: unknown[]) => unknown;
const FNS = metrics as unknown as Record<string, Fn>;
const TOL = 1e-12;

function close(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === "number") {
    assert.equal(typeof actual, "number", `${path}: expected a number, got ${JSON.stringify(actual)}`);
    const a = actual as number;
    if (Number.isNaN(expected)) return assert.ok(Number.isNaN(a), `${path}: expected NaN, got ${a}`);
    if (!Number.isFinite(expected)) return assert.equal(a, expected, path);
    const tol = TOL * Math.max(1, Math.abs(expected));
    assert.ok(Math.abs(a - expected) <= tol, `${path}: ${a} vs sklearn ${expected} (diff ${a - expected})`);
    return;
  }
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: expected an array, got ${JSON.stringify(actual)}`);
    const arr = actual as unknown[];
    assert.equal(arr.length, expected.length, `${path}: length`);
    expected.forEach((e, i) => close(arr[i], e, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === "object") {
    assert.ok(actual !== null && typeof actual === "object", `${path}: expected an object`);
    const act = actual as Record<string, unknown>;
    assert.deepEqual(Object.keys(act).sort(), Object.keys(expected).sort(), `${path}: keys`);
    for (const [k, v] of Object.entries(expected)) close(act[k], v, `${path}.${k}`);
    return;
  }
  assert.equal(actual, expected, path);
}

function captureWarnings<T>(fn: () => T): { value?: T; error?: unknown; warnings: string[] } {
  const orig = console.warn;
  const lines: string[] = [];
  console.warn = (...a: unknown[]) => void lines.push(a.map(String).join(" "));
  _resetWarnings();
  try {
    return { value: fn(), warnings: lines };
  } catch (error) {
    return { error, warnings: lines };
  } finally {
    console.warn = orig;
  }
}

test(`goldens come from scikit-learn (${G.sklearn_version}) and cover every function`, () => {
  assert.match(G.sklearn_version, /^\d+\.\d+/);
  const fns = new Set(G.cases.map((c) => c.fn));
  for (const name of [
    "accuracy_score", "precision_score", "recall_score", "f1_score", "fbeta_score", "precision_recall_fscore_support",
    "classification_report", "confusion_matrix", "matthews_corrcoef", "cohen_kappa_score", "roc_auc_score", "log_loss",
    "mean_squared_error", "root_mean_squared_error", "mean_absolute_error", "r2_score",
  ]) {
    assert.ok(fns.has(name), `no golden for ${name}`);
  }
  assert.ok(G.cases.length > 500);
});

const byFn = new Map<string, Case[]>();
for (const c of G.cases) byFn.set(c.fn, [...(byFn.get(c.fn) ?? []), c]);

for (const [fn, cases] of byFn) {
  test(`${fn}: ${cases.length} cases equal scikit-learn`, () => {
    const f = FNS[fn];
    assert.ok(f, `metrics does not export ${fn}`);
    for (const c of cases) {
      const r = captureWarnings(() => f(...c.args, c.kwargs));
      if (c.error) {
        assert.ok(r.error instanceof Error, `${c.name}: expected ${c.error.type}: ${c.error.message}, got ${JSON.stringify(r.value)}`);
        const type = c.error.type === "InvalidParameterError" ? "ValueError" : c.error.type;
        assert.equal(r.error.name, type, `${c.name}: error type (${r.error.message})`);
        assert.equal(r.error.message, c.error.message, `${c.name}: error message`);
      } else {
        if (r.error) throw new Error(`${c.name}: threw ${String(r.error)}`, { cause: r.error });
        close(r.value, c.expected, c.name);
      }
      assert.deepEqual([...r.warnings].sort(), [...c.warnings].sort(), `${c.name}: warnings`);
    }
  });
}
