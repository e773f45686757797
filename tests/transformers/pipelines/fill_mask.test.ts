// fill-mask against HF's real pipeline(): goldens from scripts/make_pipeline_goldens.py
// (transformers 5.17, torch 2.13 CPU, float32, tiny BERTs in tests/fixtures/pipelines/). Scores
// within 1e-5 absolute; tokens, token_str, sequences, nesting and HF's errors identical.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { FIXTURES, assertClose, assertSameError, caseName, casesFor, runCase } from "./_goldens.js";
import { pipeline, PipelineException } from "../../../src/transformers/pipelines/index.js";
import { AutoTokenizer } from "../../../src/transformers/models/auto/tokenization_auto.js";
import { AutoModelForMaskedLM } from "../../../src/transformers/models/auto/modeling_auto.js";

const stats = { max: 0 };
after(() => console.log(`fill-mask: max |score - HF| = ${stats.max.toExponential(2)}`));

for (const [i, c] of casesFor("fill-mask")) {
  test(caseName(i, c), async () => {
    const warn = console.warn;
    console.warn = () => {};  // the "target not in the vocabulary" warnings HF prints too
    try {
      const got = await runCase(c);
      if (c.error) return assertSameError(got, c);
      if (got.error) throw got.error;
      assertClose(got.output, c.output, stats);
    } finally {
      console.warn = warn;
    }
  });
}

test("errors: no mask token in the tokenizer, bad top_k, bad input type, unknown option", async () => {
  const dir = path.join(FIXTURES, "masked-lm");
  const model = await AutoModelForMaskedLM.from_pretrained(dir, { verbose: false });
  const tokenizer = await AutoTokenizer.from_pretrained(dir);
  tokenizer.mask_token = null;
  await assert.rejects(pipeline("fill-mask", { model, tokenizer }), (e: Error) => e instanceof PipelineException && e.message === "The tokenizer does not define a `mask_token`.");
  const unmasker = await pipeline("fill-mask", { model: dir, model_kwargs: { verbose: false } });
  await assert.rejects(unmasker("a [MASK]", { top_k: 0 }), /top_k must be a positive integer/);
  await assert.rejects(unmasker(7 as never), /fill-mask expects a string or a list of strings; got a number/);
  await assert.rejects(unmasker("a [MASK]", { topk: 2 } as never), /unknown option "topk" \(did you mean "top_k"\?\)/);
  await assert.rejects(unmasker("a [MASK]", { targets: [] }), /At least one target must be provided when passed./);
});
