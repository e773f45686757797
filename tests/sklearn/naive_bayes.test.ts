// Parity with scikit-learn's naive Bayes. Every expected number below comes from scikit-learn
// 1.9.1 itself: `/opt/pyvenv/bin/python scripts/make_sklearn_nb_goldens.py` writes
// tests/fixtures/sklearn/nb_goldens.json. Inputs are real Brown-corpus text (6 genres, string
// labels) vectorised IN PYTHON by sklearn's TfidfVectorizer / CountVectorizer and stored as CSR,
// so these tests do not depend on our TypeScript vectorizers; plus a small dense case with
// sample_weight, class_prior and a per-feature alpha.
// Tolerance: predictions identical; probabilities, log-probabilities and fitted log
// parameters within 1e-10 (absolute, or relative when |x| > 1).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { BernoulliNB, ComplementNB, MultinomialNB, type _BaseDiscreteNB } from "../../src/sklearn/naive_bayes.js";
import { csr_matrix } from "../../src/sklearn/_sparse.js";
import { NotFittedError, clone } from "../../src/sklearn/base.js";
import { NDArray } from "../../src/utils/ndarray.js";

interface CSR {
  data: number[];
  indices: number[];
  indptr: number[];
  shape: [number, number];
}
interface Fitted {
  estimator: "MultinomialNB" | "ComplementNB" | "BernoulliNB";
  params: Record<string, unknown>;
  classes_: string[];
  class_count_: number[];
  class_log_prior_: number[];
  feature_log_prob_slice?: number[][];
  feature_log_prob_?: number[][];
  feature_count_?: number[][];
  feature_count_sum: number[];
  predict: (string | number)[];
  predict_proba: number[][];
  predict_log_proba: number[][];
  score?: number;
  features?: "tfidf" | "counts";
  chunks?: number[];
  sample_weight?: boolean;
}
interface Goldens {
  sklearn_version: string;
  flp_cols: number;
  train_label: string[];
  test_label: string[];
  genres: string[];
  X: Record<string, CSR>;
  cases: Record<string, Fitted>;
  dense: { X: number[][]; y: string[]; sample_weight: number[]; X_test: number[][]; cases: Record<string, Fitted>; binary: Fitted & { y: number[] } };
}

const G = JSON.parse(readFileSync(new URL("../fixtures/sklearn/nb_goldens.json", import.meta.url), "utf8")) as Goldens;
const TOL = 1e-10;

function toCsr(c: CSR): csr_matrix {
  return new csr_matrix({ data: Float64Array.from(c.data), indices: Int32Array.from(c.indices), indptr: Int32Array.from(c.indptr) }, c.shape);
}
const X = Object.fromEntries(Object.entries(G.X).map(([k, v]) => [k, toCsr(v)]));

function close(actual: ArrayLike<number>, expected: readonly number[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const err = Math.abs(a - e) / Math.max(1, Math.abs(e));
    if (!(err <= TOL)) assert.fail(`${what}[${i}]: got ${a}, sklearn ${e} (err ${err})`);
  }
}

function make(name: Fitted["estimator"], params: Record<string, unknown>): _BaseDiscreteNB {
  if (name === "MultinomialNB") return new MultinomialNB(params);
  if (name === "ComplementNB") return new ComplementNB(params);
  return new BernoulliNB(params);
}

function checkFitted(est: _BaseDiscreteNB, g: Fitted, Xte: unknown, label: string): void {
  assert.deepEqual(est.classes_, g.classes_, `${label}: classes_`);
  close(est.class_count_!, g.class_count_, `${label}: class_count_`);
  close(est.class_log_prior_!, g.class_log_prior_, `${label}: class_log_prior_`);
  const flp = est.feature_log_prob_!;
  const [k, f] = flp.shape as [number, number];
  if (g.feature_log_prob_slice) {
    const cols = g.feature_log_prob_slice[0]!.length;
    for (let c = 0; c < k; c++) close(flp.data.subarray(c * f, c * f + cols), g.feature_log_prob_slice[c]!, `${label}: feature_log_prob_[${c}]`);
  }
  if (g.feature_log_prob_) close(flp.data, g.feature_log_prob_.flat(), `${label}: feature_log_prob_`);
  if (g.feature_count_) close(est.feature_count_!.data, g.feature_count_.flat(), `${label}: feature_count_`);
  const fc = est.feature_count_!.data;
  close(Array.from({ length: k }, (_, c) => fc.subarray(c * f, (c + 1) * f).reduce((a, b) => a + b, 0)), g.feature_count_sum, `${label}: feature_count_ row sums`);
  const X2 = Xte as csr_matrix;
  assert.deepEqual(est.predict(X2), g.predict, `${label}: predict`);
  const proba = est.predict_proba(X2);
  assert.deepEqual(proba.shape, [g.predict.length, g.classes_.length]);
  close(proba.data, g.predict_proba.flat(), `${label}: predict_proba`);
  close(est.predict_log_proba(X2).data, g.predict_log_proba.flat(), `${label}: predict_log_proba`);
}

test(`goldens come from scikit-learn ${G.sklearn_version}`, () => {
  assert.equal(G.sklearn_version, "1.9.1");
  assert.equal(X.tfidf_train!.shape[0], G.train_label.length);
});

for (const [name, g] of Object.entries(G.cases)) {
  test(`Brown corpus: ${name}`, () => {
    const Xtr = X[`${g.features}_train`]!;
    const Xte = X[`${g.features}_test`]!;
    const est = make(g.estimator, g.params);
    if (g.chunks) {
      for (let i = 0; i + 1 < g.chunks.length; i++) {
        const rows = Array.from({ length: g.chunks[i + 1]! - g.chunks[i]! }, (_, r) => g.chunks![i]! + r);
        est.partial_fit(Xtr.select_rows(rows), rows.map((r) => G.train_label[r]!), i === 0 ? { classes: G.genres } : {});
      }
    } else est.fit(Xtr, G.train_label);
    checkFitted(est, g, Xte, name);
    if (g.score !== undefined) assert.ok(Math.abs(est.score(Xte, G.test_label) - g.score) < 1e-15, `${name}: score`);
  });
}

test("dense input: NDArray and nested rows give the sparse results", () => {
  const g = G.cases["multinomial_counts"]!;
  const Xtr = X.counts_train!.toarray();
  const Xte = X.counts_test!.toarray();
  const est = new MultinomialNB().fit(Xtr, G.train_label);
  checkFitted(est, g, Xte, "dense NDArray");
  const nested = Xte.tolist() as number[][];
  assert.deepEqual(est.predict(nested), g.predict);
});

for (const [name, g] of Object.entries(G.dense.cases)) {
  test(`small dense: ${name}`, () => {
    const est = make(g.estimator, g.params);
    est.fit(G.dense.X, G.dense.y, g.sample_weight ? { sample_weight: G.dense.sample_weight } : {});
    checkFitted(est, g, G.dense.X_test, name);
  });
}

test("binary numeric labels: single LabelBinarizer column expanded to two classes", () => {
  const g = G.dense.binary;
  const est = new MultinomialNB().fit(G.dense.X, g.y);
  checkFitted(est, g, G.dense.X_test, "binary");
});

test("errors match sklearn", () => {
  const est = new MultinomialNB();
  assert.throws(() => est.predict([[1, 2, 3, 4]]), NotFittedError);
  assert.throws(() => new MultinomialNB().fit([[1, -2], [3, 4]], ["a", "b"]), { message: "Negative values in data passed to MultinomialNB (input X)." });
  assert.throws(() => new ComplementNB().fit([[1, -2], [3, 4]], ["a", "b"]), { message: "Negative values in data passed to ComplementNB (input X)." });
  est.fit(G.dense.X, G.dense.y);
  assert.throws(() => est.predict([[1, 2, 3, 4, 5]]), { name: "ValueError", message: "X has 5 features, but MultinomialNB is expecting 4 features as input." });
  assert.throws(() => new MultinomialNB().fit([[1, 2], [3, 4]], ["a", "b"], { sample_weight: [1, 2, 3] }), { message: "sample_weight.shape == (3,), expected (2,)!" });
  assert.throws(() => new MultinomialNB({ class_prior: [0.5] }).fit([[1, 2], [3, 4]], ["a", "b"]), { message: "Number of priors must match number of classes." });
  assert.throws(() => new MultinomialNB({ alpha: -1 }).fit([[1, 2], [3, 4]], ["a", "b"]), {
    message: "The 'alpha' parameter of MultinomialNB must be a float in the range [0.0, inf) or an array-like. Got -1 instead.",
  });
  assert.throws(() => new MultinomialNB().partial_fit([[1, 2]], ["a"]), { message: "classes must be passed on the first call to partial_fit." });
  assert.throws(() => new MultinomialNB({ alfa: 1 } as never), { name: "ValueError" });
  const pf = new MultinomialNB().partial_fit([[1, 2]], ["a"], { classes: ["a", "b", "c"] });
  assert.throws(() => pf.partial_fit([[1, 2]], ["a"], { classes: ["a", "b"] }), {
    message: "`classes=['a', 'b']` is not the same as on last call to partial_fit, was: array(['a', 'b', 'c'], dtype='<U1')",
  });
});

test("estimator contract: params, clone, unfitted predict_proba", () => {
  const est = new ComplementNB({ alpha: 0.5, norm: true });
  assert.deepEqual(est.get_params(), { alpha: 0.5, force_alpha: true, fit_prior: true, class_prior: null, norm: true });
  const c = clone(est);
  assert.ok(c instanceof ComplementNB && c.norm === true && c.classes_ === undefined);
  assert.equal(new BernoulliNB({ binarize: null }).toString(), "BernoulliNB(binarize=null)");
  assert.throws(() => new BernoulliNB().predict_proba(new NDArray(new Float64Array(4), [1, 4])), NotFittedError);
});
