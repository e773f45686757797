// LabelEncoder and StandardScaler vs scikit-learn 1.9.1. Expected values come from
//   /opt/pyvenv/bin/python scripts/make_sklearn_selection_goldens.py (selection_goldens.json).
// Tolerance: labels exact; floats to 1e-12 (absolute).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { LabelEncoder, StandardScaler } from "../../src/sklearn/preprocessing.js";
import { NDArray } from "../../src/utils/ndarray.js";

const g = JSON.parse(readFileSync(new URL("../fixtures/sklearn/selection_goldens.json", import.meta.url), "utf8")) as {
  label_encoder: { classes: string[]; transform: number[] };
  standard_scaler: { X: number[][]; cases: Array<{ kwargs: Record<string, boolean>; mean: number[] | null; var: number[] | null; scale: number[] | null; transform: number[][]; inverse: number[][] }> };
};
const close = (a: unknown, b: unknown, what: string): void => {
  if (Array.isArray(b)) {
    assert.ok(Array.isArray(a) && a.length === b.length, what);
    b.forEach((v, i) => close((a as unknown[])[i], v, `${what}[${i}]`));
  } else if (typeof b === "number") assert.ok(Math.abs((a as number) - b) <= 1e-12, `${what}: ${String(a)} vs ${b}`);
  else assert.equal(a ?? null, b, what);
};

test("LabelEncoder sorts classes like np.unique and round-trips", () => {
  const le = new LabelEncoder().fit(["paris", "tokyo", "amsterdam", "paris", "Zurich"]);
  assert.deepEqual(le.classes_, g.label_encoder.classes);
  assert.deepEqual(le.transform(["tokyo", "Zurich", "paris"]), g.label_encoder.transform);
  assert.deepEqual(le.inverse_transform([2, 0]), ["paris", "Zurich"]);
  assert.deepEqual(new LabelEncoder().fit_transform([3, 1, 3, 2]), [2, 0, 2, 1]);
  assert.throws(() => le.transform(["rome"]), /y contains previously unseen labels: 'rome'/);
  assert.throws(() => new LabelEncoder().transform(["a"]), /not fitted yet/);
});

for (const c of g.standard_scaler.cases) {
  test(`StandardScaler(${JSON.stringify(c.kwargs)}) matches sklearn`, () => {
    for (const X of [g.standard_scaler.X, NDArray.from(g.standard_scaler.X.flat(), [5, 3])]) {
      const s = new StandardScaler(c.kwargs).fit(X);
      close(s.mean_, c.mean, "mean_");
      close(s.var_, c.var, "var_");
      close(s.scale_, c.scale, "scale_");
      close(s.transform(X), c.transform, "transform");
      close(s.inverse_transform(s.transform(X)), c.inverse, "inverse_transform");
    }
  });
}

test("StandardScaler rejects unknown options and wrong widths", () => {
  assert.throws(() => new StandardScaler({ with_means: false } as never), /Invalid parameter 'with_means'/);
  const s = new StandardScaler().fit([[1, 2], [3, 4]]);
  assert.throws(() => s.transform([[1, 2, 3]]), /X has 3 features, but StandardScaler is expecting 2/);
});
