// feature-extraction against HF's real pipeline(): goldens from scripts/make_pipeline_goldens.py
// (transformers 5.17, torch 2.13 CPU, float32, tiny BERTs in tests/fixtures/pipelines/). Shapes
// (HF's [1][tokens][hidden] per text, padded rows with batch_size > 1) identical. Raw hidden
// states within 3e-5 absolute (architecture.md allows ~1e-4 for model outputs; measured max
// 1.04e-5, on a 0.07 element of a LayerNorm output whose largest element is ~2.5: float32
// round-off follows the vector's scale, not the element's); pooled and normalized vectors within
// 1e-5 · max(1, |HF|). The pooling/normalize goldens (our transformers.js-style extension) are
// computed by the same script from HF's model output and the attention mask.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { FIXTURES, TOL, assertClose, assertSameError, caseName, casesFor, runCase } from "./_goldens.js";
import { pipeline } from "../../../src/transformers/pipelines/index.js";

const stats = { max: 0 };
after(() => console.log(`feature-extraction: max |value - HF| = ${stats.max.toExponential(2)}`));

for (const [i, c] of casesFor("feature-extraction")) {
  test(caseName(i, c), async () => {
    const got = await runCase(c);
    if (c.error) return assertSameError(got, c);
    if (got.error) throw got.error;
    const pooled = "pooling" in c.call_kwargs || "normalize" in c.call_kwargs;
    assertClose(got.output, c.output, stats, "$", pooled ? TOL : 3e-5, pooled);
  });
}

test("shapes: string, list, pooled, normalized", async () => {
  const extractor = await pipeline("feature-extraction", { model: path.join(FIXTURES, "text-cls"), pooling: "mean" });
  // pooling set at construction: the call's options do not say so, hence the casts
  const one = (await extractor("Hello world")) as unknown as number[][];
  assert.equal(one.length, 1);
  assert.equal(one[0].length, 32);
  const many = (await extractor(["Hello world", "a much longer sentence than the first"], { normalize: true, batch_size: 2 })) as unknown as number[][];
  assert.equal(many.length, 2);
  for (const v of many) assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-6);
  const raw = (await extractor("Hello world", { pooling: "none" })) as number[][][];
  assert.equal(raw.length, 1);
  assert.equal(raw[0][0].length, 32);
});

test("options are checked", async () => {
  const extractor = await pipeline("feature-extraction", { model: path.join(FIXTURES, "text-cls") });
  await assert.rejects(extractor("x", { pooling: "max" as never }), /pooling must be "none", "mean" or "cls"/);
  await assert.rejects(extractor("x", { truncation: true, tokenize_kwargs: { truncation: true } }), /truncation parameter defined twice/);
  await assert.rejects(extractor("x", { polling: "mean" } as never), /unknown option "polling" \(did you mean "pooling"\?\)/);
  await assert.rejects(extractor(3 as never), /feature-extraction expects a string or a list of strings; got a number/);
});
