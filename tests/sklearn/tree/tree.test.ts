// Parity with scikit-learn's DecisionTreeClassifier. Every expected number in the golden cases
// comes from scikit-learn 1.9.1 itself: `/opt/pyvenv/bin/python scripts/make_sklearn_tree_goldens.py`
// writes tests/fixtures/sklearn/tree_goldens.json (versions recorded in the file). Data: sklearn's
// bundled iris and digits (train_test_split(test_size=0.3, random_state=0, stratify=y)) and the
// Brown-genre TF-IDF CSR matrices stored in nb_goldens.json (589 x 2000 train, 306 test).
// Our trees are an exact port (same random_state -> same seed, same feature draws, same float32
// thresholds), so the tests assert IDENTICAL trees: node count, depth, split features, thresholds,
// node sample counts, leaf indices (apply) and predictions. Float quantities computed by the same
// operations (impurity, class fractions) are compared to 1e-12; sums that NumPy adds pairwise
// (feature importances' normaliser, the threshold checksum) to 1e-9.
// The small hand-made cases below have expected values worked out by hand (see comments).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { DecisionTreeClassifier, TREE_LEAF, TREE_UNDEFINED } from "../../../src/sklearn/tree/index.js";
import { NotFittedError, clone } from "../../../src/sklearn/base.js";
import { csr_matrix } from "../../../src/sklearn/_sparse.js";
import { NDArray } from "../../../src/utils/ndarray.js";

interface Structure {
  children_left: number[];
  children_right: number[];
  feature: number[];
  threshold: number[];
  impurity: number[];
  n_node_samples: number[];
  weighted_n_node_samples: number[];
  value: number[][];
}
interface TreeCase {
  params: Record<string, unknown>;
  node_count: number;
  depth: number;
  n_leaves: number;
  max_features_: number;
  predict: (number | string)[];
  predict_proba: number[][];
  apply: number[];
  feature_importances_: number[];
  feature: number[];
  threshold_sum: number;
  sample_weight?: number[];
  structure?: Structure;
}
interface DataSet {
  X_train: number[][];
  y_train: number[];
  X_test: number[][];
  y_test: number[];
  cases: Record<string, TreeCase>;
}
interface CSR {
  data: number[];
  indices: number[];
  indptr: number[];
  shape: [number, number];
}

const G = JSON.parse(readFileSync(new URL("../../fixtures/sklearn/tree_goldens.json", import.meta.url), "utf8")) as {
  sklearn_version: string;
  iris: DataSet & { pruning_path: { ccp_alphas: number[]; impurities: number[] } };
  digits: DataSet;
  brown: Record<string, TreeCase>;
};
const NB = JSON.parse(readFileSync(new URL("../../fixtures/sklearn/nb_goldens.json", import.meta.url), "utf8")) as {
  X: Record<string, CSR>;
  train_label: string[];
  test_label: string[];
};
const toCsr = (c: CSR): csr_matrix => new csr_matrix({ data: Float64Array.from(c.data), indices: Int32Array.from(c.indices), indptr: Int32Array.from(c.indptr) }, c.shape);

function close(actual: ArrayLike<number>, expected: readonly number[], tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    assert.ok(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)), `${what}[${i}]: ${a} vs ${e}`);
  }
}

function checkCase(est: DecisionTreeClassifier, c: TreeCase, Xte: unknown, what: string): void {
  const t = est.tree_!;
  assert.equal(t.node_count, c.node_count, `${what}: node_count`);
  assert.equal(est.get_depth(), c.depth, `${what}: depth`);
  assert.equal(est.get_n_leaves(), c.n_leaves, `${what}: n_leaves`);
  assert.equal(est.max_features_, c.max_features_, `${what}: max_features_`);
  assert.deepEqual(Array.from(t.feature), c.feature, `${what}: split features`);
  const thrSum = Array.from(t.threshold).reduce((s, v) => s + v, 0);
  assert.ok(Math.abs(thrSum - c.threshold_sum) <= 1e-9 * Math.max(1, Math.abs(c.threshold_sum)), `${what}: threshold checksum ${thrSum} vs ${c.threshold_sum}`);
  assert.deepEqual(Array.from(est.apply(Xte as never)), c.apply, `${what}: apply`);
  assert.deepEqual(est.predict(Xte as never), c.predict, `${what}: predict`);
  close(est.predict_proba(Xte as never).data, c.predict_proba.flat(), 1e-12, `${what}: predict_proba`);
  close(est.feature_importances_, c.feature_importances_, 1e-9, `${what}: feature_importances_`);
  if (c.structure) {
    const s = c.structure;
    assert.deepEqual(Array.from(t.children_left), s.children_left, `${what}: children_left`);
    assert.deepEqual(Array.from(t.children_right), s.children_right, `${what}: children_right`);
    assert.deepEqual(Array.from(t.threshold), s.threshold, `${what}: thresholds (exact)`);
    assert.deepEqual(Array.from(t.n_node_samples), s.n_node_samples, `${what}: n_node_samples`);
    close(t.weighted_n_node_samples, s.weighted_n_node_samples, 1e-12, `${what}: weighted_n_node_samples`);
    close(t.impurity, s.impurity, 1e-12, `${what}: impurity`);
    close(t.value.data, s.value.flat(), 1e-12, `${what}: value`);
  }
}

for (const ds of ["iris", "digits"] as const) {
  const D = G[ds];
  for (const [name, c] of Object.entries(D.cases)) {
    test(`${ds} ${name}: identical tree to sklearn ${G.sklearn_version} (${JSON.stringify(c.params)})`, () => {
      const n = name === "balanced" ? 80 : D.X_train.length; // the generator fits "balanced" on the first 80 rows
      const est = new DecisionTreeClassifier(c.params as never).fit(D.X_train.slice(0, n), D.y_train.slice(0, n), { sample_weight: c.sample_weight });
      checkCase(est, c, D.X_test, `${ds}/${name}`);
    });
  }
}

test("Brown TF-IDF (csr_matrix, string labels): identical trees for best, random, balanced/sqrt and max_leaf_nodes", () => {
  const Xtr = toCsr(NB.X.tfidf_train!);
  const Xte = toCsr(NB.X.tfidf_test!);
  for (const name of ["tree_default", "tree_random", "tree_balanced", "tree_max_leaf_nodes"]) {
    const c = G.brown[name]!;
    const est = new DecisionTreeClassifier(c.params as never).fit(Xtr, NB.train_label);
    assert.deepEqual(est.classes_, [...new Set(NB.train_label)].sort());
    checkCase(est, c, Xte, `brown/${name}`);
  }
});

test("cost_complexity_pruning_path matches sklearn (iris)", () => {
  const D = G.iris;
  const path = new DecisionTreeClassifier({ random_state: 0 }).cost_complexity_pruning_path(D.X_train, D.y_train);
  close(path.ccp_alphas, G.iris.pruning_path.ccp_alphas, 1e-12, "ccp_alphas");
  close(path.impurities, G.iris.pruning_path.impurities, 1e-12, "impurities");
});

test("dense NDArray, nested rows and csr_matrix inputs grow the same tree", () => {
  const D = G.digits;
  const a = new DecisionTreeClassifier({ random_state: 5, max_depth: 6 }).fit(D.X_train, D.y_train);
  const nd = new NDArray(Float64Array.from(D.X_train.flat()), [D.X_train.length, 64]);
  const b = new DecisionTreeClassifier({ random_state: 5, max_depth: 6 }).fit(nd, D.y_train);
  const c = new DecisionTreeClassifier({ random_state: 5, max_depth: 6 }).fit(csr_matrix.from_dense(D.X_train), D.y_train);
  for (const o of [b, c]) {
    assert.deepEqual(Array.from(o.tree_!.feature), Array.from(a.tree_!.feature));
    assert.deepEqual(Array.from(o.tree_!.threshold), Array.from(a.tree_!.threshold));
    assert.deepEqual(o.predict(csr_matrix.from_dense(D.X_test)), a.predict(D.X_test));
  }
});

test("hand-checked: 1 feature, 4 points -> one split at the midpoint 1.5, Gini 0.5 at the root", () => {
  // y = [0, 0, 1, 1] on x = 0..3: the only pure split is x <= 1.5 (midpoint of 1 and 2).
  // Root Gini = 1 - (0.5^2 + 0.5^2) = 0.5; both children are pure (Gini 0) and become leaves.
  const est = new DecisionTreeClassifier({ random_state: 0 }).fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
  const t = est.tree_!;
  assert.equal(t.node_count, 3);
  assert.deepEqual(Array.from(t.children_left), [1, TREE_LEAF, TREE_LEAF]);
  assert.deepEqual(Array.from(t.children_right), [2, TREE_LEAF, TREE_LEAF]);
  assert.deepEqual(Array.from(t.feature), [0, TREE_UNDEFINED, TREE_UNDEFINED]);
  assert.deepEqual(Array.from(t.threshold), [1.5, TREE_UNDEFINED, TREE_UNDEFINED]);
  assert.deepEqual(Array.from(t.impurity), [0.5, 0, 0]);
  assert.deepEqual(Array.from(t.n_node_samples), [4, 2, 2]);
  assert.deepEqual(Array.from(t.value.data), [0.5, 0.5, 1, 0, 0, 1]);
  assert.deepEqual(t.value.shape, [3, 1, 2]);
  assert.deepEqual(est.predict([[1.5], [1.6], [-10]]), [0, 1, 0]); // x <= threshold goes left
  assert.deepEqual(Array.from(est.feature_importances_), [1]);
  // entropy: root = -2 * 0.5 * log2(0.5) = 1 bit
  const ent = new DecisionTreeClassifier({ criterion: "entropy", random_state: 0 }).fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
  assert.deepEqual(Array.from(ent.tree_!.impurity), [1, 0, 0]);
});

test("hand-checked: 3 classes on a line -> first of two tied splits wins, then the other", () => {
  // x = 0, 1, 2 with y = a, b, c. Root Gini = 1 - 3 * (1/3)^2 = 2/3. Splits x <= 0.5 and x <= 1.5
  // tie (weighted child impurity 2 * 0.5 = 1 for both); sklearn keeps the first one found (0.5).
  // The right child {1, 2} (Gini 0.5) then splits at 1.5. Depth-first numbering: 0, 1 (left
  // leaf), 2 (right), 3, 4.
  const est = new DecisionTreeClassifier({ random_state: 0 }).fit([[0], [1], [2]], ["a", "b", "c"]);
  const t = est.tree_!;
  assert.deepEqual(Array.from(t.threshold), [0.5, -2, 1.5, -2, -2]);
  assert.deepEqual(Array.from(t.children_left), [1, -1, 3, -1, -1]);
  assert.deepEqual(Array.from(t.children_right), [2, -1, 4, -1, -1]);
  close(t.impurity, [2 / 3, 0, 0.5, 0, 0], 1e-15, "impurity");
  assert.equal(est.get_depth(), 2);
  assert.equal(est.get_n_leaves(), 3);
  assert.deepEqual(est.predict([[0], [1], [2]]), ["a", "b", "c"]);
});

test("hand-checked: the informative feature is chosen over the noise feature", () => {
  // Feature 0 separates the classes perfectly at 0.5; feature 1 splits each class in half (no gain).
  const X = [[0, 0], [0, 1], [1, 0], [1, 1]];
  for (let seed = 0; seed < 5; seed++) {
    const t = new DecisionTreeClassifier({ random_state: seed }).fit(X, [0, 0, 1, 1]).tree_!;
    assert.equal(t.node_count, 3);
    assert.equal(t.feature[0], 0);
    assert.equal(t.threshold[0], 0.5);
  }
});

test("a pure node is a leaf: one class gives a single-node tree", () => {
  const est = new DecisionTreeClassifier().fit([[1, 2], [3, 4], [5, 6]], [7, 7, 7]);
  assert.equal(est.tree_!.node_count, 1);
  assert.equal(est.get_depth(), 0);
  assert.equal(est.get_n_leaves(), 1);
  assert.deepEqual(est.predict([[0, 0]]), [7]);
  assert.deepEqual(Array.from(est.predict_proba([[0, 0]]).data), [1]);
  assert.deepEqual(Array.from(est.feature_importances_), [0, 0]);
  // and in a bigger tree every leaf is pure or unsplittable, every internal node impure
  const D = G.iris;
  const t = new DecisionTreeClassifier({ random_state: 0 }).fit(D.X_train, D.y_train).tree_!;
  for (let i = 0; i < t.node_count; i++) if (t.children_left[i] !== TREE_LEAF) assert.ok(t.impurity[i]! > 0);
});

test("min_samples_leaf and max_depth are respected", () => {
  const D = G.digits;
  for (const msl of [3, 7]) {
    const t = new DecisionTreeClassifier({ min_samples_leaf: msl, random_state: 0 }).fit(D.X_train, D.y_train).tree_!;
    for (let i = 0; i < t.node_count; i++) if (t.children_left[i] === TREE_LEAF) assert.ok(t.n_node_samples[i]! >= msl, `leaf ${i} has ${t.n_node_samples[i]} < ${msl}`);
  }
  // a float is a fraction of n_samples: ceil(0.05 * 1257) = 63
  const t = new DecisionTreeClassifier({ min_samples_leaf: 0.05, random_state: 0 }).fit(D.X_train, D.y_train).tree_!;
  for (let i = 0; i < t.node_count; i++) if (t.children_left[i] === TREE_LEAF) assert.ok(t.n_node_samples[i]! >= 63);
  assert.equal(new DecisionTreeClassifier({ max_depth: 3, random_state: 0 }).fit(D.X_train, D.y_train).get_depth(), 3);
});

test("class_weight reweights the classes (hand-checked leaf fractions)", () => {
  // One constant feature -> a single leaf. Counts: 3 x class 0, 1 x class 1.
  const X = [[0], [0], [0], [0]];
  const y = [0, 0, 0, 1];
  const plain = new DecisionTreeClassifier().fit(X, y);
  assert.deepEqual(Array.from(plain.predict_proba([[0]]).data), [0.75, 0.25]);
  assert.deepEqual(plain.predict([[0]]), [0]);
  // {0: 1, 1: 5}: weights 3 vs 5 -> [3/8, 5/8], class 1 wins
  const dict = new DecisionTreeClassifier({ class_weight: { "0": 1, "1": 5 } }).fit(X, y);
  assert.deepEqual(Array.from(dict.predict_proba([[0]]).data), [3 / 8, 5 / 8]);
  assert.deepEqual(dict.predict([[0]]), [1]);
  // "balanced": n / (k * count) = 4/6 and 4/2 -> class totals 2 and 2 -> [0.5, 0.5]
  const bal = new DecisionTreeClassifier({ class_weight: "balanced" }).fit(X, y);
  assert.deepEqual(Array.from(bal.predict_proba([[0]]).data), [0.5, 0.5]);
  assert.deepEqual(Array.from(bal.tree_!.weighted_n_node_samples), [4]);
  // a Map keyed by the labels works too
  const map = new DecisionTreeClassifier({ class_weight: new Map([[0, 1], [1, 5]]) }).fit(X, y);
  assert.deepEqual(map.predict([[0]]), [1]);
});

test("rows with sample_weight 0 are ignored", () => {
  const D = G.iris;
  const ref = new DecisionTreeClassifier({ random_state: 3 }).fit(D.X_train, D.y_train);
  // append rows that would change every split if they counted
  const Xz = [...D.X_train, [100, 100, 100, 100], [-5, -5, -5, -5], [5, 3, 1.5, 0.2]];
  const yz = [...D.y_train, 0, 2, 2];
  const sw = [...D.X_train.map(() => 1), 0, 0, 0];
  const est = new DecisionTreeClassifier({ random_state: 3 }).fit(Xz, yz, { sample_weight: sw });
  assert.deepEqual(Array.from(est.tree_!.feature), Array.from(ref.tree_!.feature));
  assert.deepEqual(Array.from(est.tree_!.threshold), Array.from(ref.tree_!.threshold));
  assert.deepEqual(Array.from(est.tree_!.n_node_samples), Array.from(ref.tree_!.n_node_samples));
  assert.deepEqual(Array.from(est.tree_!.value.data), Array.from(ref.tree_!.value.data));
});

test("get_params / set_params / clone round trip", () => {
  const est = new DecisionTreeClassifier({ max_depth: 4, max_features: "sqrt", random_state: 1, criterion: "entropy" });
  const p = est.get_params();
  assert.deepEqual(Object.keys(p), [
    "criterion", "splitter", "max_depth", "min_samples_split", "min_samples_leaf", "min_weight_fraction_leaf",
    "max_features", "random_state", "max_leaf_nodes", "min_impurity_decrease", "class_weight", "ccp_alpha", "monotonic_cst",
  ]);
  assert.equal(p.max_depth, 4);
  assert.equal(p.criterion, "entropy");
  assert.equal(p.min_samples_split, 2);
  const c = clone(est);
  assert.ok(c !== est && c instanceof DecisionTreeClassifier);
  assert.deepEqual(c.get_params(), p);
  assert.equal(c.tree_, undefined);
  const D = G.digits;
  assert.deepEqual(c.fit(D.X_train, D.y_train).predict(D.X_test), est.fit(D.X_train, D.y_train).predict(D.X_test));
  c.set_params({ max_depth: 2 });
  assert.equal(c.max_depth, 2);
  assert.throws(() => c.set_params({ max_dept: 2 }), /Invalid parameter 'max_dept' for estimator DecisionTreeClassifier/);
  assert.equal(String(est), 'DecisionTreeClassifier(criterion="entropy", max_depth=4, max_features="sqrt", random_state=1)');
});

test("errors: not fitted, feature mismatch, bad parameters, unsupported options", () => {
  const D = G.iris;
  const est = new DecisionTreeClassifier();
  assert.throws(() => est.predict(D.X_test), NotFittedError);
  est.fit(D.X_train, D.y_train);
  assert.throws(() => est.predict(D.X_test.map((r) => r.slice(0, 3))), /X has 3 features, but DecisionTreeClassifier is expecting 4 features as input\./);
  assert.throws(() => new DecisionTreeClassifier({ max_features: "foo" as never }).fit(D.X_train, D.y_train), /The 'max_features' parameter of DecisionTreeClassifier must be an int in the range \[1, inf\), a float in the range \(0\.0, 1\.0\], a str among \{'log2', 'sqrt'\} or None\. Got 'foo' instead\./);
  assert.throws(() => new DecisionTreeClassifier({ max_features: 0 }).fit(D.X_train, D.y_train), /'max_features' parameter/);
  assert.throws(() => new DecisionTreeClassifier({ max_depth: 0 }).fit(D.X_train, D.y_train), /The 'max_depth' parameter of DecisionTreeClassifier must be an int in the range \[1, inf\) or None\. Got 0 instead\./);
  assert.throws(() => new DecisionTreeClassifier({ min_samples_split: 1 }).fit(D.X_train, D.y_train), /'min_samples_split' parameter/);
  assert.throws(() => new DecisionTreeClassifier({ min_samples_leaf: 0 }).fit(D.X_train, D.y_train), /'min_samples_leaf' parameter/);
  assert.throws(() => new DecisionTreeClassifier({ criterion: "mse" as never }).fit(D.X_train, D.y_train), /'criterion' parameter of DecisionTreeClassifier must be a str among \{'log_loss', 'entropy', 'gini'\}\. Got 'mse'/);
  assert.throws(() => new DecisionTreeClassifier({ class_weight: "auto" as never }).fit(D.X_train, D.y_train), /'class_weight' parameter/);
  assert.throws(() => new DecisionTreeClassifier({ ccp_alpha: -0.1 }).fit(D.X_train, D.y_train), /The 'ccp_alpha' parameter of DecisionTreeClassifier must be a float in the range \[0\.0, inf\)\. Got -0\.1 instead\./);
  assert.throws(() => new DecisionTreeClassifier({ monotonic_cst: [1, 0, 0, 0] }).fit(D.X_train, D.y_train), /monotonic_cst is not implemented/);
  assert.throws(() => new DecisionTreeClassifier({ max_leaf_nodes: 1 }).fit(D.X_train, D.y_train), /The 'max_leaf_nodes' parameter of DecisionTreeClassifier must be an int in the range \[2, inf\) or None\. Got 1 instead\./);
  assert.throws(() => new DecisionTreeClassifier().fit([[0], [Number.NaN]], [0, 1]), /Input X contains NaN/);
  assert.throws(() => new DecisionTreeClassifier().fit([[0], [1]], [0, 1, 1]), /inconsistent numbers of samples: \[2, 3\]/);
  assert.throws(() => new DecisionTreeClassifier().fit([[0], [1]], [0.5, 1.5]), /Unknown label type: continuous/);
  assert.throws(() => new DecisionTreeClassifier().fit([[0], [1]], [0, 1], { sample_weight: [1] }), /sample_weight\.shape == \(1,\), expected \(2,\)/);
});

test("score is mean accuracy; predict_log_proba is log(predict_proba)", () => {
  const D = G.digits;
  const est = new DecisionTreeClassifier({ random_state: 0 }).fit(D.X_train, D.y_train);
  const pred = est.predict(D.X_test);
  const acc = pred.filter((p, i) => p === D.y_test[i]).length / D.y_test.length;
  assert.equal(est.score(D.X_test, D.y_test), acc);
  const lp = est.predict_log_proba(D.X_test.slice(0, 5)).data;
  const pp = est.predict_proba(D.X_test.slice(0, 5)).data;
  for (let i = 0; i < lp.length; i++) assert.equal(lp[i], Math.log(pp[i]!));
});
