"""Goldens for finetune-ts's sklearn model_selection / pipeline / preprocessing / RandomState.

Run: /opt/pyvenv/bin/python scripts/make_sklearn_selection_goldens.py
(written against scikit-learn 1.9.1 and NumPy's legacy RandomState; versions are recorded in the
output). Writes tests/fixtures/sklearn/selection_goldens.json.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.model_selection import (
    GridSearchCV, KFold, ParameterGrid, StratifiedKFold, StratifiedShuffleSplit, ShuffleSplit,
    cross_val_score, train_test_split,
)
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import LabelEncoder, StandardScaler

out = {"sklearn_version": sklearn.__version__, "numpy_version": np.__version__}

# --- RandomState -------------------------------------------------------------------------------
rs = {}
for seed in [0, 1, 42, 12345, 2**32 - 1]:
    r = np.random.RandomState(seed)
    rs[str(seed)] = {
        "random_sample": r.random_sample(5).tolist(),
        "randint_0_10": r.randint(0, 10, 8).tolist(),
        "randint_5_1000": r.randint(5, 1000, 8).tolist(),
        "permutation_17": r.permutation(17).tolist(),
        "random_sample_after": r.random_sample(2).tolist(),
    }
# 700 draws crosses the 624-word state refill.
rs["long0"] = np.random.RandomState(0).random_sample(700)[-5:].tolist()
out["random_state"] = rs

# --- splitters ---------------------------------------------------------------------------------
y_bin = [0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 0, 1]
y_multi = ["b", "a", "c", "a", "b", "c", "c", "a", "b", "a", "c", "b", "a", "b", "a", "c", "a", "a", "b", "c"]
y_uneven = [2, 0, 0, 1, 0, 0, 2, 0, 0, 0, 1, 0, 1, 2, 0, 0, 1, 0]


def tolist(splits):
    return [[tr.tolist(), te.tolist()] for tr, te in splits]


splits = []
for name, y in [("bin", y_bin), ("multi", y_multi), ("uneven", y_uneven)]:
    X = np.zeros((len(y), 1))
    for cls, kw in [
        ("KFold", {"n_splits": 3}), ("KFold", {"n_splits": 4, "shuffle": True, "random_state": 0}),
        ("KFold", {"n_splits": 5, "shuffle": True, "random_state": 42}),
        ("StratifiedKFold", {"n_splits": 3}), ("StratifiedKFold", {"n_splits": 3, "shuffle": True, "random_state": 0}),
        ("StratifiedKFold", {"n_splits": 2, "shuffle": True, "random_state": 7}),
        ("ShuffleSplit", {"n_splits": 3, "test_size": 0.3, "random_state": 1}),
        ("StratifiedShuffleSplit", {"n_splits": 3, "test_size": 0.3, "random_state": 1}),
        ("StratifiedShuffleSplit", {"n_splits": 2, "test_size": 7, "train_size": 9, "random_state": 42}),
    ]:
        cv = {"KFold": KFold, "StratifiedKFold": StratifiedKFold, "ShuffleSplit": ShuffleSplit,
              "StratifiedShuffleSplit": StratifiedShuffleSplit}[cls](**kw)
        splits.append({"y_name": name, "cls": cls, "kwargs": kw, "splits": tolist(cv.split(X, y))})
out["y"] = {"bin": y_bin, "multi": y_multi, "uneven": y_uneven}
out["splits"] = splits

tts = []
for name, y in [("bin", y_bin), ("multi", y_multi), ("uneven", y_uneven)]:
    idx = np.arange(len(y))
    for kw in [
        {"random_state": 0}, {"test_size": 0.3, "random_state": 42}, {"test_size": 5, "random_state": 3},
        {"train_size": 0.5, "random_state": 9}, {"test_size": 0.25, "shuffle": False},
        {"test_size": 0.3, "random_state": 42, "stratify": True}, {"test_size": 0.5, "random_state": 0, "stratify": True},
    ]:
        k = dict(kw)
        if k.pop("stratify", False):
            k["stratify"] = y
        a, b = train_test_split(idx, **k)
        tts.append({"y_name": name, "kwargs": kw, "train": a.tolist(), "test": b.tolist()})
out["train_test_split"] = tts

# --- ParameterGrid -----------------------------------------------------------------------------
grids = [
    [{"C": [1, 10, 100, 1000], "kernel": ["linear"]}, {"C": [1, 10, 100, 1000], "gamma": [0.001, 0.0001], "kernel": ["rbf"]}],
    {"b": [1, 2], "a": ["x", "y", "z"]},
    {"nb__alpha": [0.1, 1.0], "vec__min_df": [1, 2], "vec__lowercase": [True, False]},
]
out["param_grid"] = [{"grid": g, "params": list(ParameterGrid(g))} for g in grids]


# --- GridSearchCV / cross_val_score on a deterministic classifier mirrored in the TS tests ------
class ShrunkCentroid(ClassifierMixin, BaseEstimator):
    """Nearest centroid where centroid_k = (1 - shrink) * mean_k + shrink * overall mean."""

    def __init__(self, shrink=0.0, power=2):
        self.shrink = shrink
        self.power = power

    def fit(self, X, y):
        X = np.asarray(X, dtype=float)
        y = np.asarray(y)
        self.classes_ = np.unique(y)
        overall = X.mean(axis=0)
        self.centroids_ = np.array([(1 - self.shrink) * X[y == c].mean(axis=0) + self.shrink * overall for c in self.classes_])
        return self

    def predict(self, X):
        X = np.asarray(X, dtype=float)
        d = (np.abs(X[:, None, :] - self.centroids_[None, :, :]) ** self.power).sum(axis=2)
        return self.classes_[np.argmin(d, axis=1)]


rng = np.random.RandomState(5)
Xc = np.round(rng.normal(size=(40, 3)) + np.repeat(np.array([[0.0, 0, 0], [1.0, 0.5, 0], [0.0, 1.2, 0.8]]), [14, 13, 13], axis=0), 3)
yc = np.repeat(["neg", "pos", "neu"], [14, 13, 13])
perm = rng.permutation(40)
Xc, yc = Xc[perm], yc[perm]
out["clf_data"] = {"X": Xc.tolist(), "y": yc.tolist()}

cvs = []
for kw in [{"cv": 3}, {"cv": 4, "scoring": "f1_macro"}, {"cv": 5, "scoring": "f1_weighted"}]:
    cvs.append({"kwargs": kw, "params": {"shrink": 0.5}, "scores": cross_val_score(ShrunkCentroid(shrink=0.5), Xc, yc, **kw).tolist()})
out["cross_val_score"] = cvs

gs_cases = []
for grid, kw in [
    ({"shrink": [0.0, 0.3, 0.6, 0.9, 0.95], "power": [1, 2]}, {"cv": 3}),
    ({"clf__shrink": [0.0, 0.5, 0.99], "scale__with_mean": [True, False]}, {"cv": 4, "scoring": "f1_macro"}),
    ({"shrink": [0.0, 0.0, 0.99]}, {"cv": 2}),
]:
    est = Pipeline([("scale", StandardScaler()), ("clf", ShrunkCentroid())]) if "clf__shrink" in grid else ShrunkCentroid()
    gs = GridSearchCV(est, grid, **kw).fit(Xc, yc)
    r = gs.cv_results_
    n = len(r["params"])
    gs_cases.append({
        "grid": grid, "kwargs": kw, "pipeline": "clf__shrink" in grid,
        "params": r["params"], "mean_test_score": r["mean_test_score"].tolist(), "std_test_score": r["std_test_score"].tolist(),
        "rank_test_score": r["rank_test_score"].tolist(),
        "split_scores": [r[f"split{k}_test_score"].tolist() for k in range(gs.n_splits_)],
        "best_index": int(gs.best_index_), "best_score": float(gs.best_score_), "best_params": gs.best_params_,
        "best_predict": gs.predict(Xc).tolist(), "n": n,
    })
out["grid_search"] = gs_cases

# --- ParameterSampler / RandomizedSearchCV -------------------------------------------------------
from scipy.stats import uniform  # noqa: E402
from sklearn.model_selection import ParameterSampler, RandomizedSearchCV  # noqa: E402

big = {"a": list(range(10)), "b": list(range(10)), "c": list(range(10))}
samplers = []
for name, dist, n_iter, seed in [
    ("lists_perm", {"shrink": [0.0, 0.1, 0.2, 0.3, 0.4], "power": [1, 2, 3]}, 6, 0),
    ("lists_all", {"shrink": [0.0, 0.5], "power": [1, 2]}, 4, 3),
    ("lists_capped", [{"x": [1, 2]}, {"y": ["u", "v"]}], 10, 1),
    ("lists_tracking", big, 5, 42),
    ("lists_reservoir", big, 995, 7),
]:
    ps = list(ParameterSampler(dist, n_iter, random_state=seed))
    samplers.append({"name": name, "dist": dist, "n_iter": n_iter, "random_state": seed, "params": ps if len(ps) < 50 else ps[:10] + ps[-10:], "n": len(ps)})
mixed = list(ParameterSampler({"shrink": uniform(0.25, 0.5), "power": [1, 2, 3]}, 6, random_state=11))
out["param_sampler"] = samplers
out["param_sampler_uniform"] = {"loc": 0.25, "scale": 0.5, "params": [{k: float(v) if k == "shrink" else v for k, v in p.items()} for p in mixed]}

rs_cv = RandomizedSearchCV(ShrunkCentroid(), {"shrink": [0.0, 0.2, 0.4, 0.6, 0.8, 0.9], "power": [1, 2]}, n_iter=5, cv=3, random_state=0).fit(Xc, yc)
out["randomized_search"] = {"params": rs_cv.cv_results_["params"], "mean_test_score": rs_cv.cv_results_["mean_test_score"].tolist(),
                            "rank_test_score": rs_cv.cv_results_["rank_test_score"].tolist(), "best_index": int(rs_cv.best_index_)}

# --- preprocessing -----------------------------------------------------------------------------
le = LabelEncoder().fit(["paris", "tokyo", "amsterdam", "paris", "Zurich"])
out["label_encoder"] = {"classes": le.classes_.tolist(), "transform": le.transform(["tokyo", "Zurich", "paris"]).tolist()}
Xs = np.array([[1.0, -2.0, 3.5], [0.5, 0.0, 3.5], [4.25, 7.0, 3.5], [-1.0, 2.5, 3.5], [0.1, 0.2, 3.5]])
sc = []
for kw in [{}, {"with_mean": False}, {"with_std": False}]:
    s = StandardScaler(**kw).fit(Xs)
    sc.append({"kwargs": kw, "mean": None if s.mean_ is None else s.mean_.tolist(), "var": None if s.var_ is None else s.var_.tolist(),
               "scale": None if s.scale_ is None else s.scale_.tolist(), "transform": s.transform(Xs).tolist(),
               "inverse": s.inverse_transform(s.transform(Xs)).tolist()})
out["standard_scaler"] = {"X": Xs.tolist(), "cases": sc}

path = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "sklearn", "selection_goldens.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print("wrote", path)
