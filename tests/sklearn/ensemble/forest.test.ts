// Parity with scikit-learn's RandomForestClassifier. The reference numbers come from
// scikit-learn 1.9.1 itself: `/opt/pyvenv/bin/python scripts/make_sklearn_tree_goldens.py` writes
// tests/fixtures/sklearn/tree_goldens.json (sklearn/numpy/scipy versions recorded in the file).
// Data: the Brown-genre TF-IDF CSR matrices of nb_goldens.json (589 x 2000 train / 306 test, 6
// string genres) and sklearn's bundled digits (train_test_split(test_size=0.3, random_state=0,
// stratify=y)); random_state 0..4 for each.
// Acceptance (issue): the mean test accuracy over the 5 seeds must be within 1 point (0.01) of
// sklearn's mean; per-seed accuracies are printed as diagnostics. Because our trees and the
// forest's random stream (per-tree seeds, bootstrap draws) are an exact port, we ALSO assert
// identical predictions and identical node counts for every tree, per seed; predict_proba is
// compared to 1e-12 (same per-tree fractions, summed in the same order).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { RandomForestClassifier } from "../../../src/sklearn/ensemble/index.js";
import { DecisionTreeClassifier } from "../../../src/sklearn/tree/index.js";
import { NotFittedError, clone } from "../../../src/sklearn/base.js";
import { csr_matrix } from "../../../src/sklearn/_sparse.js";

interface SeedCase {
  random_state: number;
  accuracy: number;
  predict: (number | string)[];
  fit_seconds: number;
  node_counts: number[];
  tree_seeds: number[];
  predict_proba?: number[][];
  feature_importances_top?: number[];
}
interface ForestCase {
  params: Record<string, unknown>;
  sample_weight?: number[];
  seeds: SeedCase[];
}
interface CSR {
  data: number[];
  indices: number[];
  indptr: number[];
  shape: [number, number];
}
const G = JSON.parse(readFileSync(new URL("../../fixtures/sklearn/tree_goldens.json", import.meta.url), "utf8")) as {
  sklearn_version: string;
  digits: { X_train: number[][]; y_train: number[]; X_test: number[][]; y_test: number[] };
  forest: Record<string, ForestCase>;
};
const NB = JSON.parse(readFileSync(new URL("../../fixtures/sklearn/nb_goldens.json", import.meta.url), "utf8")) as {
  X: Record<string, CSR>;
  train_label: string[];
  test_label: string[];
};
const toCsr = (c: CSR): csr_matrix => new csr_matrix({ data: Float64Array.from(c.data), indices: Int32Array.from(c.indices), indptr: Int32Array.from(c.indptr) }, c.shape);
const BROWN = { Xtr: toCsr(NB.X.tfidf_train!), ytr: NB.train_label, Xte: toCsr(NB.X.tfidf_test!), yte: NB.test_label };
const DIGITS = { Xtr: G.digits.X_train, ytr: G.digits.y_train, Xte: G.digits.X_test, yte: G.digits.y_test };

function accuracy(pred: readonly (number | string)[], y: readonly (number | string)[]): number {
  return pred.filter((p, i) => p === y[i]).length / y.length;
}

function runCase(name: string, data: typeof BROWN | typeof DIGITS, meanTolerance: number | null): void {
  const F = G.forest[name]!;
  test(`RandomForest ${name} ${JSON.stringify(F.params)}: seeds ${F.seeds.map((s) => s.random_state).join(",")} vs sklearn ${G.sklearn_version}`, () => {
    const ours: number[] = [];
    for (const s of F.seeds) {
      const rf = new RandomForestClassifier({ ...(F.params as object), random_state: s.random_state });
      const t0 = performance.now();
      rf.fit(data.Xtr as never, data.ytr, { sample_weight: F.sample_weight });
      const ms = performance.now() - t0;
      const pred = rf.predict(data.Xte as never);
      const acc = accuracy(pred, data.yte);
      ours.push(acc);
      console.log(`# ${name} seed ${s.random_state}: accuracy ours ${acc.toFixed(4)} sklearn ${s.accuracy.toFixed(4)}; fit ${ms.toFixed(0)} ms (sklearn ${(s.fit_seconds * 1000).toFixed(0)} ms)`);
      assert.deepEqual(rf.estimators_!.map((e) => e.random_state), s.tree_seeds, "per-tree seeds");
      assert.deepEqual(rf.estimators_!.map((e) => e.tree_!.node_count), s.node_counts, "node count of every tree");
      assert.deepEqual(pred, s.predict, "identical predictions");
      if (s.predict_proba) {
        const p = rf.predict_proba(data.Xte as never).data;
        const e = s.predict_proba.flat();
        for (let i = 0; i < e.length; i++) assert.ok(Math.abs(p[i]! - e[i]!) <= 1e-12, `predict_proba[${i}] ${p[i]} vs ${e[i]}`);
      }
      if (s.feature_importances_top) {
        const imp = rf.feature_importances_;
        const order = Array.from(imp.keys()).sort((a, b) => imp[b]! - imp[a]! || a - b);
        assert.deepEqual(order.slice(0, 10), s.feature_importances_top.slice(0, 10), "top-10 feature importances");
        assert.ok(Math.abs(imp.reduce((a, b) => a + b, 0) - 1) < 1e-12);
      }
    }
    if (meanTolerance !== null) {
      const mean = (a: number[]): number => a.reduce((x, y) => x + y, 0) / a.length;
      const ref = mean(F.seeds.map((s) => s.accuracy));
      console.log(`# ${name}: mean accuracy ours ${mean(ours).toFixed(4)} sklearn ${ref.toFixed(4)} (difference ${(mean(ours) - ref).toFixed(4)})`);
      assert.ok(Math.abs(mean(ours) - ref) <= meanTolerance, `mean accuracy ${mean(ours)} vs sklearn ${ref}`);
    }
  });
}

runCase("brown_tfidf", BROWN, 0.01);
runCase("digits", DIGITS, 0.01);
runCase("brown_tfidf_balanced_subsample", BROWN, null);
runCase("digits_balanced_subsample", DIGITS, null);
runCase("digits_sample_weight", DIGITS, null);
runCase("digits_max_leaf_nodes", DIGITS, null);
runCase("digits_ccp_alpha", DIGITS, null);

test("warm_start adds trees exactly as a single bigger fit would", () => {
  const a = new RandomForestClassifier({ n_estimators: 4, random_state: 3, warm_start: true }).fit(DIGITS.Xtr, DIGITS.ytr);
  a.set_params({ n_estimators: 8 });
  a.fit(DIGITS.Xtr, DIGITS.ytr);
  const b = new RandomForestClassifier({ n_estimators: 8, random_state: 3 }).fit(DIGITS.Xtr, DIGITS.ytr);
  assert.equal(a.estimators_!.length, 8);
  assert.deepEqual(a.estimators_!.map((e) => e.random_state), b.estimators_!.map((e) => e.random_state));
  assert.deepEqual(Array.from(a.predict_proba(DIGITS.Xte).data), Array.from(b.predict_proba(DIGITS.Xte).data));
});

test("bootstrap=false: every tree sees all samples; max_samples limits the bootstrap", () => {
  const rf = new RandomForestClassifier({ n_estimators: 3, bootstrap: false, random_state: 0 }).fit(DIGITS.Xtr, DIGITS.ytr);
  for (const e of rf.estimators_!) assert.equal(e.tree_!.n_node_samples[0], DIGITS.Xtr.length);
  const rs = new RandomForestClassifier({ n_estimators: 3, max_samples: 50, random_state: 0 }).fit(DIGITS.Xtr, DIGITS.ytr);
  for (const e of rs.estimators_!) {
    assert.ok(e.tree_!.n_node_samples[0]! <= 50);
    assert.equal(e.tree_!.weighted_n_node_samples[0], 50);
  }
  assert.ok(rf.estimators_![0] instanceof DecisionTreeClassifier);
  assert.deepEqual(rf.classes_, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.equal(rf.n_classes_, 10);
  assert.equal(rf.n_features_in_, 64);
  const leaves = rf.apply(DIGITS.Xte.slice(0, 4));
  assert.deepEqual(leaves.shape, [4, 3]);
});

test("get_params / clone round trip", () => {
  const rf = new RandomForestClassifier({ n_estimators: 7, max_depth: 5, class_weight: "balanced", random_state: 2 });
  const p = rf.get_params();
  assert.deepEqual(Object.keys(p), [
    "n_estimators", "criterion", "max_depth", "min_samples_split", "min_samples_leaf", "min_weight_fraction_leaf",
    "max_features", "max_leaf_nodes", "min_impurity_decrease", "bootstrap", "oob_score", "n_jobs", "random_state",
    "verbose", "warm_start", "class_weight", "ccp_alpha", "max_samples", "monotonic_cst",
  ]);
  assert.equal(p.max_features, "sqrt");
  assert.equal(p.bootstrap, true);
  const c = clone(rf);
  assert.deepEqual(c.get_params(), p);
  assert.equal(c.estimators_, undefined);
  assert.deepEqual(c.fit(DIGITS.Xtr, DIGITS.ytr).predict(DIGITS.Xte), rf.fit(DIGITS.Xtr, DIGITS.ytr).predict(DIGITS.Xte));
  const acc = rf.score(DIGITS.Xte, DIGITS.yte);
  assert.ok(acc > 0.7 && acc <= 1, `score ${acc}`);
});

test("errors: not fitted, feature mismatch, bad parameters, unsupported options", () => {
  const rf = new RandomForestClassifier({ n_estimators: 2, random_state: 0 });
  assert.throws(() => rf.predict(DIGITS.Xte), NotFittedError);
  rf.fit(DIGITS.Xtr, DIGITS.ytr);
  assert.throws(() => rf.predict(DIGITS.Xte.map((r) => r.slice(1))), /X has 63 features, but RandomForestClassifier is expecting 64 features as input\./);
  assert.throws(() => new RandomForestClassifier({ n_estimators: 0 }).fit(DIGITS.Xtr, DIGITS.ytr), /The 'n_estimators' parameter of RandomForestClassifier must be an int in the range \[1, inf\)\. Got 0 instead\./);
  assert.throws(() => new RandomForestClassifier({ max_features: "all" as never }).fit(DIGITS.Xtr, DIGITS.ytr), /The 'max_features' parameter of RandomForestClassifier/);
  assert.throws(() => new RandomForestClassifier({ class_weight: "x" as never }).fit(DIGITS.Xtr, DIGITS.ytr), /'class_weight' parameter of RandomForestClassifier must be a str among \{'balanced_subsample', 'balanced'\}/);
  assert.throws(() => new RandomForestClassifier({ bootstrap: false, max_samples: 10 }).fit(DIGITS.Xtr, DIGITS.ytr), /`max_sample` cannot be set if `bootstrap=False`/);
  assert.throws(() => new RandomForestClassifier({ oob_score: true }).fit(DIGITS.Xtr, DIGITS.ytr), /oob_score=true is not implemented/);
  assert.throws(() => new RandomForestClassifier({ n_estimators: 1, warm_start: true }).fit(DIGITS.Xtr, DIGITS.ytr).set_params({ n_estimators: 0 }).fit(DIGITS.Xtr, DIGITS.ytr), /'n_estimators' parameter/);
});

test("save/load round trip keeps the forest's predictions", async () => {
  const { save, load } = await import("../../../src/sklearn/persistence.js");
  const { mkdtempSync, rmSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { tmpdir } = await import("node:os");
  const dir = mkdtempSync(join(tmpdir(), "ftskl-forest-"));
  try {
    const rf = new RandomForestClassifier({ n_estimators: 5, random_state: 0 }).fit(BROWN.Xtr, BROWN.ytr);
    const file = join(dir, "rf.ftskl");
    await save(rf, file);
    const back = await load(file, RandomForestClassifier);
    assert.deepEqual(back.get_params(), rf.get_params());
    assert.deepEqual(Array.from(back.predict_proba(BROWN.Xte).data), Array.from(rf.predict_proba(BROWN.Xte).data));
    assert.deepEqual(Array.from(back.estimators_![2]!.tree_!.threshold), Array.from(rf.estimators_![2]!.tree_!.threshold));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
