// text-classification / sentiment-analysis against HF's real pipeline(): goldens from
// scripts/make_pipeline_goldens.py (transformers 5.17, torch 2.13 CPU, float32, tiny BERTs in
// tests/fixtures/pipelines/). Scores within 1e-5 absolute; labels and nesting identical.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { FIXTURES, assertClose, assertSameError, caseName, casesFor, runCase } from "./_goldens.js";
import { pipeline } from "../../../src/transformers/pipelines/index.js";

const stats = { max: 0 };
after(() => console.log(`text-classification: max |score - HF| = ${stats.max.toExponential(2)}`));

for (const [i, c] of casesFor("text-classification", "sentiment-analysis")) {
  test(caseName(i, c), async () => {
    const got = await runCase(c);
    if (c.error) return assertSameError(got, c);
    if (got.error) throw got.error;
    assertClose(got.output, c.output, stats);
  });
}

test("options and inputs are checked", async () => {
  const classifier = await pipeline("text-classification", { model: path.join(FIXTURES, "text-cls") });
  await assert.rejects(classifier("x", { function_to_apply: "relu" as never }), /Unrecognized `function_to_apply` argument: relu/);
  await assert.rejects(classifier("x", { top_k: 0 }), /top_k must be a positive integer or null/);
  await assert.rejects(classifier("x", { truncaton: true } as never), /unknown option "truncaton" \(did you mean "truncation"\?\)/);
  await assert.rejects(classifier(42 as never), /text-classification expects a string, \{ text, text_pair \}, or a list of those; got a number/);
  await assert.rejects(classifier([["a", "b"]] as never), /if you are trying to send text pairs/);
  await assert.rejects(classifier({ text: "a", pair: "b" } as never), /unknown key\(s\) pair/);
  assert.equal(classifier.task, "text-classification");
  assert.equal(typeof classifier, "function");
});

test("function_to_apply 'default' and config.problem_type", async () => {
  const classifier = await pipeline("sentiment-analysis", { model: path.join(FIXTURES, "multi-label") });
  const a = await classifier("The jury said the election was conducted well.", { top_k: null, function_to_apply: "default" });
  const b = await classifier("The jury said the election was conducted well.", { top_k: null, function_to_apply: "sigmoid" });
  assert.deepEqual(a, b);
  assert.ok((a as Array<{ score: number }>).reduce((s, r) => s + r.score, 0) > 1.5, "multi-label scores are independent sigmoids");
});
