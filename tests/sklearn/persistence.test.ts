// save/load round trips: a fitted estimator or pipeline, reloaded, predicts exactly what it did
// before (bit-identical probabilities: the payload stores the float64 bytes), on real Brown text
// (tests/fixtures/sklearn/brown_genres.json). Corrupt and mismatched files get errors naming the file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { save, load } from "../../src/sklearn/persistence.js";
import { TfidfVectorizer, CountVectorizer } from "../../src/sklearn/feature_extraction/text.js";
import { MultinomialNB, BernoulliNB } from "../../src/sklearn/naive_bayes.js";
import { Pipeline } from "../../src/sklearn/pipeline.js";
import { LabelEncoder } from "../../src/sklearn/preprocessing.js";
import type { NDArray } from "../../src/utils/ndarray.js";

const brown = JSON.parse(readFileSync(path.join(import.meta.dirname, "../fixtures/sklearn/brown_genres.json"), "utf8")) as {
  train: { text: string[]; label: string[] };
  test: { text: string[]; label: string[] };
};
const tmp = (): string => mkdtempSync(path.join(os.tmpdir(), "fts-skl-"));

test("a fitted TF-IDF + MultinomialNB pipeline reloads and predicts identically", async () => {
  const pipe = new Pipeline([["tfidf", new TfidfVectorizer({ stop_words: "english", ngram_range: [1, 2], min_df: 2 })], ["nb", new MultinomialNB({ alpha: 0.1 })]]);
  pipe.fit(brown.train.text, brown.train.label);
  const file = path.join(tmp(), "sub", "model.ftskl");
  await save(pipe, file);
  assert.deepEqual(readdirSync(path.dirname(file)), ["model.ftskl"], "no temp file left behind");
  const back = await load(file, Pipeline);
  assert.deepEqual(back.predict(brown.test.text), pipe.predict(brown.test.text));
  assert.deepEqual((back.predict_proba(brown.test.text) as NDArray).data, (pipe.predict_proba(brown.test.text) as NDArray).data);
  assert.equal(back.score(brown.test.text, brown.test.label), pipe.score(brown.test.text, brown.test.label));
  // The reloaded pipeline can be refitted and re-saved like the original.
  back.set_params({ nb__alpha: 1.0 });
  back.fit(brown.train.text.slice(0, 200), brown.train.label.slice(0, 200));
  await save(back, file);
});

test("single estimators round-trip: BernoulliNB on counts, LabelEncoder, an unfitted vectorizer", async () => {
  const dir = tmp();
  const vec = new CountVectorizer({ min_df: 2 });
  const X = vec.fit_transform(brown.train.text);
  const nb = new BernoulliNB().fit(X, brown.train.label);
  await save(nb, path.join(dir, "nb"));
  const nb2 = await load(path.join(dir, "nb"), BernoulliNB);
  const Xt = vec.transform(brown.test.text);
  assert.deepEqual((nb2.predict_proba(Xt) as NDArray).data, (nb.predict_proba(Xt) as NDArray).data);
  const le = new LabelEncoder().fit(brown.train.label);
  await save(le, path.join(dir, "le"));
  assert.deepEqual((await load(path.join(dir, "le"), LabelEncoder)).transform(["news", "fiction"]), le.transform(["news", "fiction"]));
  await save(new CountVectorizer({ ngram_range: [1, 3] }), path.join(dir, "v"));
  assert.deepEqual((await load(path.join(dir, "v"), CountVectorizer)).get_params(), new CountVectorizer({ ngram_range: [1, 3] }).get_params());
});

test("corrupt, truncated, foreign and mismatched files get errors naming the file", async () => {
  const dir = tmp();
  const file = path.join(dir, "nb.ftskl");
  await save(new MultinomialNB().fit([[1, 0], [0, 2]], ["a", "b"]), file);
  const good = readFileSync(file);
  await assert.rejects(load(file, BernoulliNB), (e: Error) => e.message.includes(file) && /holds a MultinomialNB, expected a BernoulliNB/.test(e.message));
  writeFileSync(path.join(dir, "trunc"), good.subarray(0, good.length - 5));
  await assert.rejects(load(path.join(dir, "trunc")), /trunc: payload is \d+ bytes, the header says \d+/);
  writeFileSync(path.join(dir, "short"), good.subarray(0, 30));
  await assert.rejects(load(path.join(dir, "short")), /short: truncated/);
  writeFileSync(path.join(dir, "foreign"), "{\"not\": \"ours\"}");
  await assert.rejects(load(path.join(dir, "foreign")), /foreign: not a finetune-ts sklearn file/);
  const text = good.toString("latin1").replace('"$est":"MultinomialNB"', '"$est":"MultinomialNX"');
  writeFileSync(path.join(dir, "unknown"), Buffer.from(text, "latin1"));
  await assert.rejects(load(path.join(dir, "unknown")), /unknown: unknown estimator class "MultinomialNX"/);
});

test("a callable parameter is refused with the field named, and nothing is written", async () => {
  const dir = tmp();
  const vec = new CountVectorizer({ tokenizer: (s: string) => s.split(" ") });
  await assert.rejects(save(vec, path.join(dir, "v")), /CountVectorizer\.tokenizer is a function/);
  assert.equal(existsSync(path.join(dir, "v")), false);
  assert.deepEqual(readdirSync(dir), []);
});
