// Splitters vs scikit-learn. Expected indices come from
//   /opt/pyvenv/bin/python scripts/make_sklearn_selection_goldens.py  (scikit-learn 1.9.1; version in
//   tests/fixtures/sklearn/selection_goldens.json). Tolerance: none — indices must be identical, in order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { KFold, ShuffleSplit, StratifiedKFold, StratifiedShuffleSplit, train_test_split } from "../../../src/sklearn/model_selection/index.js";
import { csr_matrix } from "../../../src/sklearn/_sparse.js";
import { NDArray } from "../../../src/utils/ndarray.js";
import type { Label } from "../../../src/sklearn/_array.js";

interface G {
  y: Record<string, Label[]>;
  splits: Array<{ y_name: string; cls: string; kwargs: Record<string, number | boolean>; splits: Array<[number[], number[]]> }>;
  train_test_split: Array<{ y_name: string; kwargs: Record<string, number | boolean>; train: number[]; test: number[] }>;
}
const g = JSON.parse(readFileSync(new URL("../../fixtures/sklearn/selection_goldens.json", import.meta.url), "utf8")) as G;
const CLS = { KFold, StratifiedKFold, ShuffleSplit, StratifiedShuffleSplit };

for (const c of g.splits) {
  test(`${c.cls}(${JSON.stringify(c.kwargs)}) on y=${c.y_name} matches sklearn`, () => {
    const y = g.y[c.y_name];
    const X = y.map(() => [0]);
    const cv = new CLS[c.cls as keyof typeof CLS](c.kwargs);
    assert.deepEqual([...cv.split(X, y)], c.splits);
    assert.equal(cv.get_n_splits(), c.splits.length);
  });
}

for (const c of g.train_test_split) {
  test(`train_test_split(${JSON.stringify(c.kwargs)}) on y=${c.y_name} matches sklearn`, () => {
    const y = g.y[c.y_name];
    const idx = y.map((_, i) => i);
    const { stratify, ...rest } = c.kwargs;
    const [tr, te] = train_test_split(idx, { ...rest, ...(stratify ? { stratify: y } : {}) });
    assert.deepEqual(tr, c.train);
    assert.deepEqual(te, c.test);
  });
}

test("train_test_split indexes every array the same way (lists, NDArray, csr_matrix)", () => {
  const X = [[1, 0], [0, 2], [3, 0], [0, 4], [5, 5], [6, 0], [0, 7], [8, 8]];
  const y = ["a", "b", "a", "b", "a", "b", "a", "b"];
  const [Xtr, Xte, ytr, yte, Str, Ste, Ntr] = train_test_split(X, y, csr_matrix.from_dense(X), NDArray.from(X.flat(), [8, 2]), { test_size: 0.25, random_state: 0 }) as [
    number[][], number[][], string[], string[], csr_matrix, csr_matrix, NDArray,
  ];
  assert.equal(Xtr.length, 6);
  assert.equal(Xte.length, 2);
  assert.deepEqual(ytr, Xtr.map((r) => y[X.indexOf(r)]));
  assert.deepEqual(yte, Xte.map((r) => y[X.indexOf(r)]));
  assert.deepEqual(Str.toarray().tolist(), Xtr);
  assert.deepEqual(Ste.toarray().tolist(), Xte);
  assert.deepEqual(Ntr.tolist(), Xtr);
});

test("splitter argument errors follow sklearn", () => {
  assert.throws(() => new KFold({ n_splits: 1 }), /n_splits=2 or more/);
  assert.throws(() => new KFold({ random_state: 1 }), /Setting a random_state has no effect since shuffle is False/);
  assert.throws(() => new KFold({ n_split: 3 } as never), /unexpected keyword argument 'n_split'/);
  assert.throws(() => [...new KFold({ n_splits: 5 }).split([1, 2, 3])], /greater than the number of samples/);
  assert.throws(() => [...new StratifiedKFold({ n_splits: 3 }).split([1, 2, 3, 4], [0, 0, 1, 1])], /cannot be greater than the number of members in each class/);
  assert.throws(() => train_test_split([1, 2, 3], [1, 2], { random_state: 0 }), /inconsistent numbers of samples/);
  assert.throws(() => train_test_split([1, 2, 3, 4], { test_size: 0.5, stratify: [0, 0, 0, 1], random_state: 0 }), /least populated classes in y have only 1 member/);
  assert.throws(() => train_test_split([1, 2, 3, 4], { test_size: 0.5, stratify: [0, 0, 1, 1], shuffle: false }), /not implemented for shuffle=False/);
});
