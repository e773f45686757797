// Leak test (architecture §4, §8) for pipelines: 10,000 calls over the four tasks (the figure) (single texts and
// padded batches) must leave torch.memory() flat — every call runs in one tidy scope and returns
// plain JS — and the GC backstop must free nothing (a finalizer-freed tensor is a leak).
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import * as torch from "../../src/torch/index.js";
import { pipeline } from "../../src/transformers/pipelines/index.js";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const F = path.resolve(import.meta.dirname, "../fixtures/pipelines");

test("10,000 pipeline calls: live tensors flat, nothing finalized", async () => {
  const quiet = { model_kwargs: { verbose: false } };
  const classifier = await pipeline("text-classification", { model: path.join(F, "text-cls"), ...quiet });
  const extractor = await pipeline("feature-extraction", { model: path.join(F, "text-cls"), ...quiet });
  const unmasker = await pipeline("fill-mask", { model: path.join(F, "masked-lm"), ...quiet });
  const ner = await pipeline("ner", { model: path.join(F, "ner"), aggregation_strategy: "simple", ...quiet });
  const texts = ["The jury said the election was conducted well.", "Café   naïve résumé über — déjà vu!", "John Smith moved to Atlanta."];
  const calls: Array<() => Promise<unknown>> = [
    () => classifier(texts[0]),
    () => classifier(texts, { top_k: null, batch_size: 2 }),
    () => extractor(texts[1]),
    () => extractor(texts, { pooling: "mean", normalize: true, batch_size: 3 }),
    () => unmasker("The jury said the [MASK] was [MASK]."),
    () => unmasker(["It [MASK] the end.", "A [MASK] sentence that is a little longer."], { batch_size: 2, targets: ["the", "a"] }),
    () => ner(texts[2]),
    () => ner(texts, { batch_size: 2, aggregation_strategy: "average" }),
  ];
  const failing = (): Promise<unknown> => unmasker("no mask here").catch((e: Error) => e.message);
  for (const call of calls) await call();
  await failing();
  gc();
  const before = torch.memory();
  const counts: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    await (i % 100 === 99 ? failing() : calls[i % calls.length]());
    if (i % 1000 === 0) counts.push(torch.memory().live_tensors);
  }
  gc();
  await new Promise((r) => setImmediate(r));
  const after = torch.memory();
  assert.ok(counts.every((c) => c === before.live_tensors), `live_tensors moved: ${counts.join(", ")} (start ${before.live_tensors})`);
  assert.equal(after.live_tensors, before.live_tensors);
  assert.equal(after.live_bytes, before.live_bytes);
  assert.equal(after.finalized, before.finalized, "tensors were freed by the GC backstop (missing dispose/tidy)");
});
