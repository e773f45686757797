// GroupKFold against scikit-learn 1.9.1 (scripts/make_sklearn_groupkfold_goldens.py, on the Brown
// fixture with each chunk's source document as its group): identical test folds with and without
// shuffle, and cross_val_score of the TF-IDF + MultinomialNB pipeline equal to ±1e-12 (fold
// accuracies: exact unless a prediction flips), for GroupKFold via `groups` and for shuffled KFold.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { GroupKFold, GridSearchCV, KFold, cross_val_score } from "../../../src/sklearn/model_selection/index.js";
import { Pipeline } from "../../../src/sklearn/pipeline.js";
import { TfidfVectorizer } from "../../../src/sklearn/feature_extraction/text.js";
import { MultinomialNB } from "../../../src/sklearn/naive_bayes.js";

const FIX = path.join(import.meta.dirname, "../../fixtures/sklearn");
const brown = JSON.parse(readFileSync(path.join(FIX, "brown_genres.json"), "utf8")) as { train: { text: string[]; label: string[]; doc: string[] } };
const G = JSON.parse(readFileSync(path.join(FIX, "groupkfold_goldens.json"), "utf8")) as { splits: Record<string, number[][]>; cross_val_score_group4: number[]; cross_val_score_kfold4_shuffled: number[] };
const { text: X, label: y, doc: groups } = brown.train;

test("GroupKFold folds equal sklearn's; no group straddles train and test", () => {
  for (const [name, cv] of [["n5", new GroupKFold({ n_splits: 5 })], ["n3_shuffle_rs0", new GroupKFold({ n_splits: 3, shuffle: true, random_state: 0 })]] as const) {
    const folds = [...cv.split(X, y, groups)];
    assert.deepEqual(folds.map(([, te]) => te), G.splits[name], name);
    for (const [tr, te] of folds) {
      const testDocs = new Set(te.map((i) => groups[i]));
      assert.ok(tr.every((i) => !testDocs.has(groups[i])), `${name}: a document straddles the split`);
      assert.equal(tr.length + te.length, X.length);
    }
  }
});

test("cross_val_score and GridSearchCV take groups; grouped CV is sklearn's (and far less optimistic)", () => {
  const pipe = new Pipeline([["tfidf", new TfidfVectorizer()], ["nb", new MultinomialNB()]]);
  const grouped = cross_val_score(pipe, X, y, { cv: new GroupKFold({ n_splits: 4 }), groups });
  G.cross_val_score_group4.forEach((s, i) => assert.ok(Math.abs(grouped[i] - s) <= 1e-12, `fold ${i}: ${grouped[i]} vs ${s}`));
  const plain = cross_val_score(pipe, X, y, { cv: new KFold({ n_splits: 4, shuffle: true, random_state: 0 }) });
  G.cross_val_score_kfold4_shuffled.forEach((s, i) => assert.ok(Math.abs(plain[i] - s) <= 1e-12, `fold ${i}: ${plain[i]} vs ${s}`));
  const search = new GridSearchCV(pipe, { nb__alpha: [0.1, 1.0] }, { cv: new GroupKFold({ n_splits: 4 }) }).fit(X, y, { groups });
  assert.equal(search.cv_results_!.split0_test_score.length, 2);
});

test("GroupKFold errors: no groups, more splits than groups", () => {
  assert.throws(() => [...new GroupKFold().split(X, y)], /The 'groups' parameter should not be None\./);
  assert.throws(() => [...new GroupKFold({ n_splits: 5 }).split([1, 2, 3, 4], null, ["a", "a", "b", "b"])], /Cannot have number of splits n_splits=5 greater than the number of groups: 2\./);
});
