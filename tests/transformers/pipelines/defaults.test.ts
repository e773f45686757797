// The embedded default models (models/, built by scripts/make_default_model.ts): pipeline(task) with
// no model loads them, as HF's pipeline(task) loads its default checkpoint, and says so. What must
// hold: the Brown-genre classifier answers with genre labels and a probability distribution, the
// MLM fills a mask from its own vocabulary, feature extraction gives 256-wide vectors, the POS
// tagger labels words with universal tags (its test accuracy is ~0.9+, so the plain words of the
// sentence below must come out right), and a task without a default still asks for { model }.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { DEFAULT_MODELS, EMBEDDED_MODELS_DIR, pipeline, set_default_model } from "../../../src/transformers/pipelines/index.js";
import { BROWN_GENRES, UNIVERSAL_TAGS } from "../../../src/datasets/brown.js";

const have = existsSync(path.join(EMBEDDED_MODELS_DIR, "brown-bert-genres", "config.json")) && existsSync(path.join(EMBEDDED_MODELS_DIR, "brown-bert-mlm", "config.json"));
const skip = have ? false : `no embedded models in ${EMBEDDED_MODELS_DIR} (build them with scripts/make_default_model.ts)`;

test("text-classification with no model: the Brown-genre classifier, HF's default-model warning", { skip }, async () => {
  const warnings: string[] = [];
  const orig = console.warn;
  console.warn = (m: string) => warnings.push(String(m));
  let clf;
  try {
    clf = await pipeline("sentiment-analysis");
  } finally {
    console.warn = orig;
  }
  assert.match(warnings.join("\n"), /No model was supplied, defaulted to .*brown-bert-genres/);
  const one = await clf("The senator said the committee will vote on the tax bill next week .");
  assert.equal(one.length, 1);
  assert.ok(Object.values(BROWN_GENRES).includes(one[0].label), one[0].label);
  const all = (await clf("She whispered that she had loved him all along .", { top_k: null })) as Array<{ label: string; score: number }>;
  assert.equal(all.length, 15);
  assert.ok(Math.abs(all.reduce((s, r) => s + r.score, 0) - 1) < 1e-5);
  for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].score >= all[i].score, "sorted by score");
});

test("fill-mask and feature-extraction with no model: the Brown MLM", { skip }, async () => {
  const fill = await pipeline("fill-mask");
  const res = (await fill("the jury said the [MASK] was fair .")) as Array<{ token_str: string; score: number; sequence: string }>;
  assert.equal(res.length, 5);
  assert.ok(res.every((r) => r.sequence.includes(r.token_str.replace(/^##/, ""))));
  const fe = await pipeline("feature-extraction");
  const v = (await fe("a short sentence .", { pooling: "mean" })) as number[][];
  assert.equal(v[0].length, 256);
});

const havePos = existsSync(path.join(EMBEDDED_MODELS_DIR, "brown-bert-pos", "config.json"));

test("token-classification / ner with no model: the Brown part-of-speech tagger, offsets into the text", { skip: havePos ? false : `no brown-bert-pos in ${EMBEDDED_MODELS_DIR}` }, async () => {
  const tagger = await pipeline("token-classification", { model_kwargs: { verbose: false } });
  const text = "The jury said the election was conducted well.";
  const tokens = (await tagger(text)) as Array<{ entity: string; word: string; start: number; end: number; score: number }>;
  for (const t of tokens) {
    assert.ok((UNIVERSAL_TAGS as readonly string[]).includes(t.entity), t.entity);
    assert.equal(text.slice(t.start, t.end).toLowerCase(), t.word.replace(/^##/, ""));
  }
  const tagOf = (w: string): string | undefined => tokens.find((t) => t.word === w)?.entity;
  assert.deepEqual(["the", "said", "was"].map(tagOf), ["DET", "VERB", "VERB"]);
  const words = (await tagger(text, { aggregation_strategy: "first" })) as Array<{ entity_group: string; word: string }>;
  assert.ok(words.some((g) => g.entity_group === "NOUN" && g.word.includes("election")), JSON.stringify(words));
});

test("a task with no default model asks for { model }", async () => {
  const saved = DEFAULT_MODELS.get("token-classification");
  set_default_model("ner", null);
  try {
    await assert.rejects(pipeline("ner"), /no model given and no default model registered for "token-classification"/);
  } finally {
    if (saved) set_default_model("token-classification", saved);
  }
});
