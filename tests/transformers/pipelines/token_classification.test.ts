// token-classification / ner against HF's real pipeline(): goldens from
// scripts/make_pipeline_goldens.py (transformers 5.17, torch 2.13 CPU, float32, tiny BERTs in
// tests/fixtures/pipelines/). Scores within 1e-5 absolute; entity/entity_group, index, word,
// start, end and grouping identical. HF's start/end count code points; ours are UTF-16 indices
// (the JS string positions), so the golden offsets are converted before comparing (they differ
// after the emoji in one input).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { FIXTURES, assertClose, assertSameError, caseName, casesFor, runCase, type GoldenCase } from "./_goldens.js";
import { pipeline } from "../../../src/transformers/pipelines/index.js";

const stats = { max: 0 };
after(() => console.log(`token-classification: max |score - HF| = ${stats.max.toExponential(2)}`));

/** Python string index (code points) → JS string index (UTF-16 units). */
function cpToUtf16(s: string, cp: number): number {
  let units = 0;
  let n = 0;
  for (const ch of s) {
    if (n === cp) break;
    units += ch.length;
    n++;
  }
  return units;
}

type Entity = { start: number | null; end: number | null };
function toUtf16(c: GoldenCase): unknown {
  const split = c.call_kwargs.is_split_into_words === true;
  const convert = (sentence: string, ents: Entity[]): Entity[] =>
    ents.map((e) => ({ ...e, start: e.start === null ? null : cpToUtf16(sentence, e.start), end: e.end === null ? null : cpToUtf16(sentence, e.end) }));
  if (typeof c.inputs === "string") return convert(c.inputs, c.output as Entity[]);
  const inputs = c.inputs as Array<string | string[]>;
  if (split && !inputs.every(Array.isArray)) return [convert((inputs as string[]).join(" "), (c.output as Entity[][])[0])];
  return inputs.map((x, i) => convert(Array.isArray(x) ? x.join(" ") : x, (c.output as Entity[][])[i]));
}

for (const [i, c] of casesFor("token-classification", "ner")) {
  test(caseName(i, c), async () => {
    const got = await runCase(c);
    if (c.error) return assertSameError(got, c);
    if (got.error) throw got.error;
    assertClose(got.output, toUtf16(c), stats);
  });
}

test("start/end slice the original JS string, emoji included", async () => {
  const ner = await pipeline("ner", { model: path.join(FIXTURES, "ner"), model_kwargs: { verbose: false }, ignore_labels: [] });
  const text = "Mrs.  Éloïse 😀 visited Washington";
  const out = (await ner(text)) as Array<{ word: string; start: number; end: number }>;
  const emoji = out.find((e) => e.word === "😀");
  assert.ok(emoji, "the [UNK] emoji is reported with its own text as word");
  assert.equal(text.slice(emoji.start, emoji.end), "😀");
  for (const e of out) if (!e.word.startsWith("##")) assert.equal(text.slice(e.start, e.end).toLowerCase().normalize("NFD").replace(/\p{M}/gu, ""), e.word);
});

test("errors: empty input, bad strategy, stride with 'none', unknown option", async () => {
  const ner = await pipeline("token-classification", { model: path.join(FIXTURES, "ner"), model_kwargs: { verbose: false } });
  await assert.rejects(ner([] as never), /At least one input is required./);
  await assert.rejects(ner("x", { aggregation_strategy: "mean" as never }), /aggregation_strategy must be one of none, simple, first, average, max/);
  await assert.rejects(ner("x", { stride: 4, aggregation_strategy: "none" }), /`stride` was provided to process all the text but `aggregation_strategy="none"`/);
  await assert.rejects(ner("x", { stride: 500 }), /`stride` must be less than `tokenizer.model_max_length`/);
  await assert.rejects(ner("x", { ignore_label: [] } as never), /unknown option "ignore_label" \(did you mean "ignore_labels"\?\)/);
  await assert.rejects(ner(5 as never), /At least one input is required./);
  await assert.rejects(ner([5] as never), /must be an untokenized string/);
});

test("stride: long text in overlapping chunks gives the same entities as one pass", async () => {
  const ner = await pipeline("ner", { model: path.join(FIXTURES, "ner"), model_kwargs: { verbose: false }, aggregation_strategy: "first" });
  const text = "John Smith moved from Atlanta to Fulton County in September. ".repeat(3).trim();
  ner.tokenizer.model_max_length = 16;
  const chunked = (await ner(text, { stride: 4 })) as Array<{ start: number; end: number; word: string }>;
  assert.ok(chunked.length > 0);
  for (const e of chunked) assert.ok(e.start < e.end && e.end <= text.length);
  for (let i = 1; i < chunked.length; i++) assert.ok(chunked[i].start >= chunked[i - 1].end, "no overlapping entities after aggregate_overlapping_entities");
});
