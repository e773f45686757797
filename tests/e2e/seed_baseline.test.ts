// Seed 003's baseline and seed 002's grid search, as a user writes them, on real text: Brown-corpus
// genre classification (tests/fixtures/sklearn/brown_genres.json, 6 genres, split by document).
// Expected numbers from scikit-learn 1.9.1 (scripts/make_sklearn_pipeline_goldens.py): identical
// predictions and accuracy; probabilities ±1e-10; GridSearchCV's mean cv scores ±1e-12 (they are
// means of fold accuracies: exact unless a prediction flips), identical ranks and best candidate.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { TfidfVectorizer, ENGLISH_STOP_WORDS } from "../../src/sklearn/feature_extraction/text.js";
import { MultinomialNB } from "../../src/sklearn/naive_bayes.js";
import { Pipeline } from "../../src/sklearn/pipeline.js";
import { GridSearchCV, ParameterGrid } from "../../src/sklearn/model_selection/index.js";
import { accuracy_score } from "../../src/sklearn/metrics/index.js";
import type { NDArray } from "../../src/utils/ndarray.js";

const FIX = path.join(import.meta.dirname, "../fixtures/sklearn");
const brown = JSON.parse(readFileSync(path.join(FIX, "brown_genres.json"), "utf8")) as { train: { text: string[]; label: string[] }; test: { text: string[]; label: string[] } };
const G = JSON.parse(readFileSync(path.join(FIX, "pipeline_goldens.json"), "utf8"));

test("seed 003: stop-word preprocessing + Pipeline([tfidf, nb]) gives sklearn's predictions and accuracy", () => {
  const preprocess_text = (text: string): string => text.toLowerCase().split(/\s+/).filter((w) => w && !ENGLISH_STOP_WORDS.has(w)).join(" ");
  const X_train = brown.train.text.map(preprocess_text);
  const X_test = brown.test.text.map(preprocess_text);
  const pipeline = new Pipeline([["tfidf", new TfidfVectorizer()], ["nb", new MultinomialNB()]]);
  pipeline.fit(X_train, brown.train.label);
  const y_pred = pipeline.predict(X_test);
  assert.deepEqual(y_pred, G.seed003.predictions);
  assert.equal(accuracy_score(brown.test.label, y_pred), G.seed003.accuracy);
  const proba = pipeline.predict_proba(X_test.slice(0, 5)) as NDArray;
  (G.seed003.proba_first5 as number[][]).flat().forEach((p, i) => assert.ok(Math.abs(proba.data[i] - p) <= 1e-10, `proba[${i}]: ${proba.data[i]} vs ${p}`));
});

test("seed 002: a list-of-dicts param_grid counts its candidates; GridSearchCV picks sklearn's best", () => {
  assert.equal(new ParameterGrid([{ C: [1, 10, 100, 1000], kernel: ["linear"] }, { C: [1, 10, 100, 1000], gamma: [0.001, 0.0001], kernel: ["rbf"] }]).length, 12);
  const search = new GridSearchCV(new Pipeline([["tfidf", new TfidfVectorizer({ min_df: 2 })], ["nb", new MultinomialNB()]]), G.grid.param_grid, { cv: 5, scoring: "accuracy" });
  search.fit(brown.train.text, brown.train.label);
  const r = search.cv_results_!;
  assert.deepEqual(r.params, G.grid.params);
  (G.grid.mean_test_score as number[]).forEach((m, i) => assert.ok(Math.abs(r.mean_test_score[i] - m) <= 1e-12, `candidate ${i}: ${r.mean_test_score[i]} vs ${m}`));
  assert.deepEqual(r.rank_test_score, G.grid.rank_test_score);
  assert.equal(search.best_index_, G.grid.best_index);
  assert.ok(Math.abs(search.best_score_! - G.grid.best_score) <= 1e-12);
  assert.ok(Math.abs(search.score(brown.test.text, brown.test.label) - G.grid.test_accuracy) <= 1e-12);
});
