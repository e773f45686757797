// Pipeline / make_pipeline behaviour, checked against what scikit-learn 1.9.1's Pipeline does with
// the same steps (parameter key names, step naming, passthrough, clone semantics). Numbers are
// compared with running the steps by hand, exactly. GridSearchCV over a Pipeline is covered by the
// goldens in tests/sklearn/model_selection/_search.test.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Pipeline, make_pipeline } from "../../src/sklearn/pipeline.js";
import { StandardScaler } from "../../src/sklearn/preprocessing.js";
import { clone } from "../../src/sklearn/base.js";
import { ShrunkCentroid } from "./model_selection/_estimators.js";

const X = [[0, 0], [0, 1], [5, 5], [5, 6], [0, 2], [6, 5], [2, 3]];
const y = ["a", "a", "b", "b", "a", "b", "a"];

test("fit/predict/score/transform equal running the steps by hand", () => {
  const pipe = new Pipeline([["scale", new StandardScaler()], ["clf", new ShrunkCentroid({ shrink: 0.3 })]]).fit(X, y);
  const sc = new StandardScaler().fit(X);
  const clf = new ShrunkCentroid({ shrink: 0.3 }).fit(sc.transform(X), y);
  const probe = [[1, 1], [4, 4], [2.5, 2.5]];
  assert.deepEqual(pipe.predict(probe), clf.predict(sc.transform(probe)));
  assert.equal(pipe.score(X, y), clf.score(sc.transform(X), y));
  assert.deepEqual(pipe.classes_, ["a", "b"]);
  assert.equal(pipe._estimator_type, "classifier");
  assert.equal(pipe.named_steps.clf, pipe.steps[1][1]);
  const tp = new Pipeline([["scale", new StandardScaler()]]);
  assert.deepEqual(tp.fit_transform(X), sc.transform(X));
  assert.deepEqual(tp.transform(probe), sc.transform(probe));
  assert.deepEqual(tp.inverse_transform(tp.transform(probe)), new StandardScaler().fit(X).inverse_transform(sc.transform(probe)));
});

test("get_params/set_params use step__param keys, and step names replace steps", () => {
  const pipe = new Pipeline([["scale", new StandardScaler()], ["clf", new ShrunkCentroid()]]);
  assert.deepEqual(Object.keys(pipe.get_params()).sort(), [
    "clf", "clf__power", "clf__shrink", "memory", "scale", "scale__copy", "scale__with_mean", "scale__with_std", "steps", "transform_input", "verbose",
  ]);
  assert.deepEqual(Object.keys(pipe.get_params(false)), ["steps", "transform_input", "memory", "verbose"]);
  pipe.set_params({ clf__shrink: 0.5, scale__with_mean: false });
  assert.equal((pipe.named_steps.clf as ShrunkCentroid).shrink, 0.5);
  assert.equal((pipe.named_steps.scale as StandardScaler).with_mean, false);
  pipe.set_params({ scale: "passthrough" });
  assert.equal(pipe.named_steps.scale, "passthrough");
  pipe.fit(X, y);
  assert.deepEqual(pipe.predict(X), new ShrunkCentroid({ shrink: 0.5 }).fit(X, y).predict(X));
  assert.throws(() => pipe.set_params({ nb__alpha: 1 }), /Invalid parameter 'nb' for estimator Pipeline/);
  assert.throws(() => pipe.set_params({ clf__alpha: 1 }), /Invalid parameter 'alpha' for estimator ShrunkCentroid/);
});

test("clone copies the steps unfitted; the original keeps its fitted steps", () => {
  const pipe = new Pipeline([["scale", new StandardScaler({ with_std: false })], ["clf", new ShrunkCentroid({ power: 1 })]]).fit(X, y);
  const c = clone(pipe);
  assert.notEqual(c.steps[0][1], pipe.steps[0][1]);
  assert.equal((c.named_steps.scale as StandardScaler).with_std, false);
  assert.equal((c.named_steps.clf as ShrunkCentroid).power, 1);
  assert.equal((c.named_steps.clf as ShrunkCentroid).centroids_, undefined);
  assert.ok((pipe.named_steps.clf as ShrunkCentroid).centroids_);
});

test("make_pipeline names steps after lower-cased classes, numbering duplicates", () => {
  const p = make_pipeline(new StandardScaler(), new StandardScaler(), new ShrunkCentroid());
  assert.deepEqual(p.steps.map(([n]) => n), ["standardscaler-1", "standardscaler-2", "shrunkcentroid"]);
});

test("step validation follows sklearn's messages", () => {
  assert.throws(() => new Pipeline([["a", new StandardScaler()], ["a", new ShrunkCentroid()]]), /Names provided are not unique/);
  assert.throws(() => new Pipeline([["a__b", new ShrunkCentroid()]]), /must not contain __/);
  assert.throws(() => new Pipeline([["clf", new ShrunkCentroid()], ["x", new ShrunkCentroid()]]), /All intermediate steps should be transformers/);
  assert.throws(() => new Pipeline([["clf", new ShrunkCentroid()]], { verbos: true } as never), /unexpected keyword argument 'verbos'/);
  const t = new Pipeline([["scale", new StandardScaler()]]).fit(X, y);
  assert.throws(() => t.predict(X), /has no attribute 'predict'/);
  const pass = new Pipeline([["clf", "passthrough"]]).fit(X);
  assert.deepEqual(pass.transform(X), X);
});
