// cross_val_score and scorer behaviour not covered by the goldens in _search.test.ts. Expected
// values here are worked out by hand from the tiny inputs (noted inline); comparisons are exact.
import { test } from "node:test";
import assert from "node:assert/strict";
import { KFold, cross_val_score, get_scorer, get_scorer_names, StratifiedKFold } from "../../../src/sklearn/model_selection/index.js";
import { csr_matrix } from "../../../src/sklearn/_sparse.js";
import { ShrunkCentroid } from "./_estimators.js";

const X = [[0, 0], [0, 1], [5, 5], [5, 6], [0, 2], [6, 5]];
const y = ["a", "a", "b", "b", "a", "b"];

test("cross_val_score on separable data is 1.0 per fold; cv=int stratifies for classifiers", () => {
  assert.deepEqual(cross_val_score(new ShrunkCentroid(), X, y, { cv: 3 }), [1, 1, 1]);
  // Unstratified KFold(2) puts a,a,b | b,a,b: both classes still appear in every training fold.
  assert.deepEqual(cross_val_score(new ShrunkCentroid(), X, y, { cv: new KFold({ n_splits: 2 }), scoring: "f1_macro" }), [1, 1]);
  assert.deepEqual(cross_val_score(new ShrunkCentroid(), X, y, { cv: new StratifiedKFold({ n_splits: 3, shuffle: true, random_state: 0 }), scoring: "accuracy" }), [1, 1, 1]);
});

test("a fit failure becomes error_score (NaN by default) or is re-raised with 'raise'", () => {
  const sparse = csr_matrix.from_dense(X);
  // ShrunkCentroid only reads dense rows, so a csr_matrix fold fails inside fit.
  const scores = cross_val_score(new ShrunkCentroid(), sparse, y, { cv: 2, error_score: 0 });
  assert.deepEqual(scores, [0, 0]);
  assert.throws(() => cross_val_score(new ShrunkCentroid(), sparse, y, { cv: 2, error_score: "raise" }));
});

test("get_scorer knows sklearn's names and rejects others", () => {
  for (const n of ["accuracy", "f1", "f1_macro", "f1_micro", "f1_weighted", "precision_macro", "recall_weighted", "r2", "neg_mean_squared_error"]) assert.ok(get_scorer_names().includes(n), n);
  assert.throws(() => get_scorer("acc"), /'acc' is not a valid scoring value/);
  assert.throws(() => cross_val_score(new ShrunkCentroid(), X, y, { cvv: 2 } as never), /unexpected keyword argument 'cvv'/);
});
