// What the metrics accept and how they talk back, beyond the scikit-learn goldens (goldens.test.ts):
// every input kind (TypedArrays, tolist() objects such as a Tensor, int64 bigints, booleans,
// (n, 1) columns), warnings shown once, unknown option keys, result types, and the architecture
// rule that sklearn/ and evaluate/ never import torch. Expected numbers were checked against
// scikit-learn 1.9.1 (same values as in the goldens).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  accuracy_score,
  classification_report,
  confusion_matrix,
  f1_score,
  fbeta_score,
  log_loss,
  mean_squared_error,
  precision_recall_fscore_support,
  precision_score,
  r2_score,
  roc_auc_score,
  type PRFArrays,
} from "../../../src/sklearn/metrics/index.js";
import { _resetWarnings } from "../../../src/sklearn/metrics/_warnings.js";
import { ValueError } from "../../../src/utils/errors.js";

/** An ndarray-like (what a Tensor or the Trainer's prediction arrays look like to us). */
class FakeArray {
  constructor(private readonly data: unknown) {}
  tolist(): unknown {
    return this.data;
  }
}

function captureWarn(fn: () => void): string[] {
  const orig = console.warn;
  const lines: string[] = [];
  console.warn = (...a: unknown[]) => void lines.push(a.map(String).join(" "));
  try {
    fn();
  } finally {
    console.warn = orig;
  }
  return lines;
}

const T = [0, 1, 2, 2, 1, 0, 2, 1, 0, 2, 2, 1];
const P = [0, 2, 2, 1, 1, 0, 2, 0, 0, 2, 1, 1];

test("TypedArrays, tolist() objects, bigint and (n, 1) columns give the same scores as plain arrays", () => {
  const ref = f1_score(T, P, { average: "macro" });
  assert.equal(f1_score(Int32Array.from(T), Int32Array.from(P), { average: "macro" }), ref);
  assert.equal(f1_score(new FakeArray(T), new FakeArray(P), { average: "macro" }), ref);
  assert.equal(f1_score(new FakeArray(T.map(BigInt)), P, { average: "macro" }), ref);
  assert.equal(f1_score(BigInt64Array.from(T.map(BigInt)), P, { average: "macro" }), ref);
  assert.equal(f1_score(new FakeArray(T.map((v) => [v])), P, { average: "macro" }), ref);
  assert.equal(accuracy_score(T, new FakeArray(P)), 8 / 12);
  assert.deepEqual(confusion_matrix(Uint8Array.from(T), Float32Array.from(P)), [
    [3, 0, 0],
    [1, 2, 1],
    [0, 2, 3],
  ]);
});

test("Float arrays are float labels: the report prints them as Python does (1.0, 2.0)", () => {
  const text = classification_report(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 2, 1, 1]));
  assert.match(text, /^ {9}1\.0 {7}0\.67/m);
  assert.match(text, /^ {9}2\.0 {7}1\.00/m);
});

test("boolean labels compare as 0/1 and print as False/True", () => {
  const t = [true, false, true, true];
  const p = [true, true, false, true];
  assert.equal(f1_score(t, p), f1_score([1, 0, 1, 1], [1, 1, 0, 1]));
  assert.equal(f1_score(t, p, { pos_label: true }), 2 / 3);
  const report = classification_report(t, p, { output_dict: true });
  assert.deepEqual(Object.keys(report).slice(0, 2).sort(), ["False", "True"]);
});

test("a 2-D score tensor with tolist() works for roc_auc_score and log_loss", () => {
  const probs = new FakeArray([
    [0.8, 0.1, 0.1],
    [0.2, 0.6, 0.2],
    [0.1, 0.3, 0.6],
    [0.3, 0.3, 0.4],
  ]);
  assert.equal(roc_auc_score([0, 1, 2, 2], probs, { multi_class: "ovr" }), 1);
  assert.ok(Math.abs(log_loss([0, 1, 2, 2], probs) - 0.5402713826800866) < 1e-12);
});

test("UndefinedMetricWarning is printed once per distinct message, in sklearn's words", () => {
  _resetWarnings();
  const lines = captureWarn(() => {
    for (let i = 0; i < 3; i++) precision_score([0, 1, 2, 0], [0, 0, 2, 0], { average: "macro" });
  });
  assert.deepEqual(lines, [
    "UndefinedMetricWarning: Precision is ill-defined and being set to 0.0 in labels with no predicted samples. Use `zero_division` parameter to control this behavior.",
  ]);
  const none = captureWarn(() => precision_score([0, 1, 2, 0], [0, 0, 2, 0], { average: "macro", zero_division: 0 }));
  assert.deepEqual(none, []);
});

test("zero_division: NaN scores are left out of the average (sklearn's _nanaverage)", () => {
  const [p] = precision_recall_fscore_support([0, 1, 2, 0], [0, 0, 2, 0], { zero_division: NaN }) as PRFArrays;
  assert.ok(Number.isNaN(p[1]!));
  assert.equal(precision_score([0, 1, 2, 0], [0, 0, 2, 0], { average: "macro", zero_division: NaN }), (2 / 3 + 1) / 2);
  assert.throws(() => precision_score([0, 1], [0, 1], { zero_division: 2 }), /zero_division/);
});

test("sklearn's errors: mixed targets, length mismatch, bad pos_label", () => {
  assert.throws(
    () => f1_score([0, 1, 2], [0, 1, 1]),
    (e: unknown) =>
      e instanceof ValueError &&
      e.message === "Target is multiclass but average='binary'. Please choose another average setting, one of [None, 'micro', 'macro', 'weighted'].",
  );
  assert.throws(() => accuracy_score([0, 1, 1], [0, 1, 1, 0]), { name: "ValueError", message: "Found input variables with inconsistent numbers of samples: [3, 4]" });
  assert.throws(() => f1_score(["neg", "pos"], ["neg", "pos"]), { message: "pos_label=1 is not a valid label. It should be one of ['neg' 'pos']" });
  assert.equal(f1_score(["neg", "pos", "pos"], ["neg", "pos", "neg"], { pos_label: "pos" }), 2 / 3);
});

test("an unknown option key is a TypeError naming the nearest valid key", () => {
  assert.throws(() => f1_score(T, P, { averge: "macro" } as never), {
    name: "TypeError",
    message: /f1_score\(\) got an unexpected keyword argument 'averge'\. Did you mean 'average'\?/,
  });
  assert.throws(() => mean_squared_error([1, 2], [1, 3], { squared: false } as never), /root_mean_squared_error/);
  assert.throws(() => fbeta_score(T, P, {} as never), /missing 1 required keyword-only argument: 'beta'/);
});

test("regression: a bad multioutput names the allowed values", () => {
  assert.throws(
    () => mean_squared_error([1, 2], [1, 3], { multioutput: "mean" as never }),
    { message: "The 'multioutput' parameter of mean_squared_error must be a str among {'raw_values', 'uniform_average'} or an array-like. Got 'mean' instead." },
  );
  assert.deepEqual(r2_score([[1, 2], [2, 4], [3, 9]], [[1, 2], [2, 5], [3, 8]], { multioutput: "raw_values" }), [1, 1 - 2 / 26]);
});

test("result types follow `average` (compile-time) and match at run time", () => {
  const one: number = f1_score(T, P, { average: "macro" });
  const many: number[] = f1_score(T, P, { average: null });
  const bin: number = f1_score([0, 1], [0, 1]);
  const [p, r, f, s] = precision_recall_fscore_support(T, P);
  const avg = precision_recall_fscore_support(T, P, { average: "weighted" });
  const cm: number[][] = confusion_matrix(T, P, { normalize: "true" });
  const text: string = classification_report(T, P);
  const dict = classification_report(T, P, { output_dict: true });
  const macroF1: number = dict["macro avg"]["f1-score"];
  assert.equal(typeof one, "number");
  assert.equal(many.length, 3);
  assert.equal(bin, 1);
  assert.deepEqual([p.length, r.length, f.length, s], [3, 3, 3, [3, 4, 5]]);
  assert.equal(avg[3], null);
  assert.equal(cm.length, 3);
  assert.equal(typeof text, "string");
  assert.equal(macroF1, one);
  assert.equal(dict.accuracy, 8 / 12);
});

test("architecture: sklearn/ and evaluate/ never import torch", () => {
  const root = new URL("../../../src/", import.meta.url).pathname;
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(".ts")) files.push(p);
    }
  };
  walk(join(root, "sklearn"));
  walk(join(root, "evaluate"));
  assert.ok(files.length > 10);
  for (const f of files) {
    const src = readFileSync(f, "utf8");
    const imports = [...src.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]!);
    for (const spec of imports) assert.ok(!/torch/.test(spec), `${f} imports ${spec}`);
  }
});
