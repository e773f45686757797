// ParameterGrid, GridSearchCV and cross_val_score vs scikit-learn 1.9.1. Expected values come from
//   /opt/pyvenv/bin/python scripts/make_sklearn_selection_goldens.py
// which runs sklearn's GridSearchCV / cross_val_score on ShrunkCentroid (mirrored in _estimators.ts).
// Tolerance: candidate order, params, ranks, best_index_ and predictions exact; scores to 1e-12.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { GridSearchCV, KFold, ParameterGrid, cross_val_score, type ParamValues } from "../../../src/sklearn/model_selection/index.js";
import { rankTestScores } from "../../../src/sklearn/model_selection/_search.js";
import { Pipeline } from "../../../src/sklearn/pipeline.js";
import { StandardScaler } from "../../../src/sklearn/preprocessing.js";
import { clone } from "../../../src/sklearn/base.js";
import { ShrunkCentroid } from "./_estimators.js";

interface GS {
  grid: ParamValues; kwargs: { cv: number; scoring?: string }; pipeline: boolean; params: Record<string, unknown>[];
  mean_test_score: number[]; std_test_score: number[]; rank_test_score: number[]; split_scores: number[][];
  best_index: number; best_score: number; best_params: Record<string, unknown>; best_predict: string[];
}
const g = JSON.parse(readFileSync(new URL("../../fixtures/sklearn/selection_goldens.json", import.meta.url), "utf8")) as {
  param_grid: Array<{ grid: ParamValues | ParamValues[]; params: Record<string, unknown>[] }>;
  clf_data: { X: number[][]; y: string[] };
  cross_val_score: Array<{ kwargs: { cv: number; scoring?: string }; params: { shrink: number }; scores: number[] }>;
  grid_search: GS[];
};
const close = (a: number[], b: number[], what: string): void => {
  assert.equal(a.length, b.length, what);
  a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) <= 1e-12, `${what}[${i}]: ${v} vs ${b[i]}`));
};

for (const c of g.param_grid) {
  test(`ParameterGrid(${JSON.stringify(c.grid)}) enumerates in sklearn's order`, () => {
    const pg = new ParameterGrid(c.grid);
    assert.deepEqual(pg.toArray(), c.params);
    assert.equal(pg.length, c.params.length);
  });
}

test("ParameterGrid rejects non-list values and empty lists", () => {
  assert.throws(() => new ParameterGrid({ a: 1 } as never), /needs to be a list/);
  assert.throws(() => new ParameterGrid({ a: [] }), /need to be a non-empty sequence/);
});

for (const c of g.cross_val_score) {
  test(`cross_val_score(${JSON.stringify(c.kwargs)}) matches sklearn`, () => {
    close(cross_val_score(new ShrunkCentroid(c.params), g.clf_data.X, g.clf_data.y, c.kwargs), c.scores, "scores");
  });
}

for (const c of g.grid_search) {
  test(`GridSearchCV(${JSON.stringify(c.grid)}, ${JSON.stringify(c.kwargs)}) matches sklearn`, () => {
    const est = c.pipeline ? new Pipeline([["scale", new StandardScaler()], ["clf", new ShrunkCentroid()]]) : new ShrunkCentroid();
    const gs = new GridSearchCV(est, c.grid, c.kwargs).fit(g.clf_data.X, g.clf_data.y);
    const r = gs.cv_results_!;
    assert.deepEqual(r.params, c.params);
    close(r.mean_test_score, c.mean_test_score, "mean_test_score");
    close(r.std_test_score, c.std_test_score, "std_test_score");
    assert.deepEqual(r.rank_test_score, c.rank_test_score);
    c.split_scores.forEach((s, k) => close(r[`split${k}_test_score`], s, `split${k}_test_score`));
    assert.equal(gs.best_index_, c.best_index);
    assert.ok(Math.abs(gs.best_score_! - c.best_score) <= 1e-12);
    assert.deepEqual(gs.best_params_, c.best_params);
    assert.deepEqual(gs.predict(g.clf_data.X), c.best_predict);
    // The searched estimator itself stays unfitted; the refit one is a clone.
    assert.notEqual(gs.best_estimator_, est);
  });
}

test("rank_test_score is rankdata(-means, 'min') with NaN below the worst", () => {
  assert.deepEqual(rankTestScores([0.5, 0.7, 0.7, NaN, 0.1]), [3, 1, 1, 5, 4]);
  assert.deepEqual(rankTestScores([NaN, NaN]), [1, 1]);
});

test("GridSearchCV accepts a splitter, refit=false, callable scoring, and clones", () => {
  const { X, y } = g.clf_data;
  const gs = new GridSearchCV(new ShrunkCentroid(), { shrink: [0, 0.5] }, { cv: new KFold({ n_splits: 3 }), refit: false, scoring: (e, Xt, yt) => e.constructor.name.length + (Xt as unknown[]).length * 0 + Array.from(yt).length * 0 });
  gs.fit(X, y);
  assert.deepEqual(gs.cv_results_!.mean_test_score, [14, 14]);
  assert.equal(gs.best_estimator_, undefined);
  assert.throws(() => gs.predict(X), /refit=False/);
  const c = clone(new GridSearchCV(new ShrunkCentroid({ shrink: 0.2 }), { shrink: [0, 1] }, { cv: 2 }));
  assert.equal((c.estimator as ShrunkCentroid).shrink, 0.2);
  assert.throws(() => new GridSearchCV(new ShrunkCentroid(), { shrink: [0] }, { cvv: 3 } as never), /unexpected keyword argument 'cvv'/);
  assert.throws(() => new GridSearchCV(new ShrunkCentroid(), { shrnk: [0] }, { cv: 2 }).fit(X, y), /Invalid parameter 'shrnk'/);
});

// ParameterSampler / RandomizedSearchCV goldens (same script): exact params and ranks.
import { ParameterSampler, RandomizedSearchCV, type ParamDistributions } from "../../../src/sklearn/model_selection/index.js";
const gs2 = JSON.parse(readFileSync(new URL("../../fixtures/sklearn/selection_goldens.json", import.meta.url), "utf8")) as {
  param_sampler: Array<{ name: string; dist: ParamDistributions | ParamDistributions[]; n_iter: number; random_state: number; params: Record<string, unknown>[]; n: number }>;
  param_sampler_uniform: { loc: number; scale: number; params: Record<string, unknown>[] };
  randomized_search: { params: Record<string, unknown>[]; mean_test_score: number[]; rank_test_score: number[]; best_index: number };
};

for (const c of gs2.param_sampler) {
  test(`ParameterSampler ${c.name} matches sklearn`, () => {
    const ps = [...new ParameterSampler(c.dist, c.n_iter, { random_state: c.random_state })];
    assert.equal(ps.length, c.n);
    assert.deepEqual(ps.length < 50 ? ps : [...ps.slice(0, 10), ...ps.slice(-10)], c.params);
  });
}

test("ParameterSampler with a distribution draws like scipy.stats.uniform(loc, scale).rvs(random_state=rng)", () => {
  const { loc, scale, params } = gs2.param_sampler_uniform;
  const dist = { rvs: (rng: { random_sample(): number }) => loc + scale * rng.random_sample() };
  const ps = [...new ParameterSampler({ shrink: dist, power: [1, 2, 3] }, 6, { random_state: 11 })];
  assert.equal(ps.length, params.length);
  ps.forEach((p, i) => {
    assert.equal(p.power, params[i].power);
    assert.ok(Math.abs((p.shrink as number) - (params[i].shrink as number)) <= 1e-15);
  });
});

test("RandomizedSearchCV matches sklearn's candidates, ranks and best_index_", () => {
  const r = gs2.randomized_search;
  const rs = new RandomizedSearchCV(new ShrunkCentroid(), { shrink: [0.0, 0.2, 0.4, 0.6, 0.8, 0.9], power: [1, 2] }, { n_iter: 5, cv: 3, random_state: 0 }).fit(g.clf_data.X, g.clf_data.y);
  assert.deepEqual(rs.cv_results_!.params, r.params);
  close(rs.cv_results_!.mean_test_score, r.mean_test_score, "mean_test_score");
  assert.deepEqual(rs.cv_results_!.rank_test_score, r.rank_test_score);
  assert.equal(rs.best_index_, r.best_index);
  assert.equal(clone(rs).n_iter, 5);
});
