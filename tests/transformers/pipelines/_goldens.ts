// Shared golden checks for tests/fixtures/pipelines/goldens.json. The numbers come from HF's real
// `transformers.pipeline()` (transformers 5.17, torch 2.13 CPU, float32) run by
// scripts/make_pipeline_goldens.py on the tiny BERTs it saved beside them. Labels, tokens, words,
// offsets, nesting and key order must be identical. Tolerance for numbers: |ours − HF| ≤ 1e-5 · max(1, |HF|): 1e-5 absolute for every probability; for values that
// are not probabilities (hidden states up to ~3, raw logits with function_to_apply "none") 1e-5
// relative, since two libtorch builds' float32 forwards differ by a few ulps of the value
// (measured max: 9.5e-6 on a hidden state of 2.8).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pipeline } from "../../../src/transformers/pipelines/index.js";

export const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/pipelines");
export const TOL = 1e-5;

export interface GoldenCase {
  task: string;
  model: string;
  pipeline_kwargs: Record<string, unknown>;
  inputs: unknown;
  call_kwargs: Record<string, unknown>;
  output?: unknown;
  error?: string;
  message?: string;
}

const golden = JSON.parse(readFileSync(path.join(FIXTURES, "goldens.json"), "utf8")) as { versions: Record<string, string>; cases: GoldenCase[] };
export const versions = golden.versions;

/** The cases of one task (aliases included), with their index in goldens.json for test names. */
export function casesFor(...tasks: string[]): Array<[number, GoldenCase]> {
  return golden.cases.map((c, i) => [i, c] as [number, GoldenCase]).filter(([, c]) => tasks.includes(c.task));
}

export function caseName(i: number, c: GoldenCase): string {
  const inp = JSON.stringify(c.inputs);
  return `#${i} ${c.task} ${c.model} ${JSON.stringify(c.pipeline_kwargs)} ${JSON.stringify(c.call_kwargs)} ${inp.length > 50 ? `${inp.slice(0, 50)}…` : inp}`;
}

/** Builds the case's pipeline as the generator did, runs it; returns the output or the error. */
export async function runCase(c: GoldenCase): Promise<{ output?: unknown; error?: Error }> {
  const { _regression, _model_max_length, ...init } = c.pipeline_kwargs;
  const pipe = (await pipeline(c.task, { model: path.join(FIXTURES, c.model), device: -1, model_kwargs: { verbose: false }, ...init })) as unknown as
    ((x: unknown, o?: unknown) => Promise<unknown>) & { model: { config: { problem_type: string | null } }; tokenizer: { model_max_length: number } };
  if (_regression) pipe.model.config.problem_type = "regression";
  if (typeof _model_max_length === "number") pipe.tokenizer.model_max_length = _model_max_length;
  try {
    return { output: await pipe(c.inputs, c.call_kwargs) };
  } catch (e) {
    return { error: e as Error };
  }
}

/**
 * Deep comparison: numbers within `tol` · max(1, |HF|) (or `tol` absolute when `relative` is
 * false; the largest difference goes to `stats`), integers and everything else exact.
 */
export function assertClose(actual: unknown, expected: unknown, stats: { max: number }, where = "$", tol = TOL, relative = true): void {
  if (typeof expected === "number") {
    assert.equal(typeof actual, "number", `${where}: expected a number, got ${JSON.stringify(actual)}`);
    const d = Math.abs((actual as number) - expected);
    if (Number.isInteger(expected) && !where.endsWith(".score")) {
      assert.equal(actual, expected, `${where}`);
      return;
    }
    stats.max = Math.max(stats.max, d);
    const limit = relative ? tol * Math.max(1, Math.abs(expected)) : tol;
    assert.ok(d <= limit, `${where}: ${String(actual)} vs HF ${expected} (|diff| ${d.toExponential(2)} > ${limit.toExponential(2)})`);
    return;
  }
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: expected an array of ${expected.length}, got ${JSON.stringify(actual)?.slice(0, 200)}`);
    assert.equal(actual.length, expected.length, `${where}: length`);
    expected.forEach((e, i) => assertClose(actual[i], e, stats, `${where}[${i}]`, tol, relative));
    return;
  }
  if (expected !== null && typeof expected === "object") {
    assert.ok(actual !== null && typeof actual === "object" && !Array.isArray(actual), `${where}: expected an object, got ${JSON.stringify(actual)}`);
    assert.deepEqual(Object.keys(actual as object), Object.keys(expected), `${where}: keys`);
    for (const [k, v] of Object.entries(expected)) assertClose((actual as Record<string, unknown>)[k], v, stats, `${where}.${k}`, tol, relative);
    return;
  }
  assert.equal(actual, expected, where);
}

/** HF's error for the case: same class name and message. */
export function assertSameError(got: { output?: unknown; error?: Error }, c: GoldenCase): void {
  assert.ok(got.error, `expected HF's ${c.error}: ${c.message}, got output ${JSON.stringify(got.output)?.slice(0, 200)}`);
  assert.equal(got.error.name, c.error);
  assert.equal(got.error.message, c.message);
}
