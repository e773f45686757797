"""Golden outputs for src/sklearn/tree and src/sklearn/ensemble, produced by real scikit-learn.

Run with: /opt/pyvenv/bin/python scripts/make_sklearn_tree_goldens.py
Writes tests/fixtures/sklearn/tree_goldens.json.

Data:
  - iris and digits: sklearn's bundled copies (load_iris / load_digits, no network), split with
    train_test_split(test_size=0.3, random_state=0, stratify=y). The raw feature rows are stored.
  - Brown-genre TF-IDF: the CSR train/test matrices ALREADY stored in
    tests/fixtures/sklearn/nb_goldens.json (made by scripts/make_sklearn_nb_goldens.py with
    sklearn's TfidfVectorizer, 589 x 2000 train / 306 x 2000 test, 6 string genres). They are read
    from there, not re-vectorised, so both fixtures describe the same matrices and this one stays small.
Floats are written with Python's repr, so the TypeScript side reads the exact float64 values.
"""
import json
import os
import platform
import time

import numpy as np
import scipy
import scipy.sparse as sp
import sklearn
from sklearn.datasets import load_digits, load_iris
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier

ROOT = os.path.join(os.path.dirname(__file__), "..")
FIX = os.path.join(ROOT, "tests", "fixtures", "sklearn")
SEEDS = [0, 1, 2, 3, 4]


def structure(est):
    t = est.tree_
    return {
        "children_left": t.children_left.tolist(),
        "children_right": t.children_right.tolist(),
        "feature": t.feature.tolist(),
        "threshold": t.threshold.tolist(),
        "impurity": t.impurity.tolist(),
        "n_node_samples": t.n_node_samples.tolist(),
        "weighted_n_node_samples": t.weighted_n_node_samples.tolist(),
        "value": t.value[:, 0, :].tolist(),
    }


def tree_case(X_tr, y_tr, X_te, params, full=False, sample_weight=None):
    est = DecisionTreeClassifier(**params).fit(X_tr, y_tr, sample_weight=sample_weight)
    out = {
        "params": params,
        "node_count": int(est.tree_.node_count),
        "depth": int(est.get_depth()),
        "n_leaves": int(est.get_n_leaves()),
        "max_features_": int(est.max_features_),
        "predict": est.predict(X_te).tolist(),
        "predict_proba": est.predict_proba(X_te).tolist(),
        "apply": est.apply(X_te).tolist(),
        "feature_importances_": est.feature_importances_.tolist(),
        # compact fingerprint of the whole tree even when the structure is not stored
        "feature": est.tree_.feature.tolist(),
        "threshold_sum": float(np.sum(est.tree_.threshold)),
    }
    if sample_weight is not None:
        out["sample_weight"] = sample_weight.tolist()
    if full:
        out["structure"] = structure(est)
    return out


def csr_json(m):
    return {"data": m.data.tolist(), "indices": m.indices.tolist(), "indptr": m.indptr.tolist(), "shape": list(m.shape)}


def from_json(c):
    return sp.csr_matrix((np.array(c["data"]), np.array(c["indices"]), np.array(c["indptr"])), shape=tuple(c["shape"]))


def forest_cases(X_tr, y_tr, X_te, y_te, params, proba_seed0=False, sample_weight=None):
    out = []
    for seed in SEEDS:
        rf = RandomForestClassifier(random_state=seed, **params)
        t0 = time.perf_counter()
        rf.fit(X_tr, y_tr, sample_weight=sample_weight)
        fit_s = time.perf_counter() - t0
        pred = rf.predict(X_te)
        case = {
            "random_state": seed,
            "accuracy": float(np.mean(pred == np.asarray(y_te))),
            "predict": pred.tolist(),
            "fit_seconds": fit_s,
            "node_counts": [int(e.tree_.node_count) for e in rf.estimators_],
            "tree_seeds": [int(e.random_state) for e in rf.estimators_],
        }
        if proba_seed0 and seed == 0:
            case["predict_proba"] = rf.predict_proba(X_te).tolist()
            case["feature_importances_top"] = np.argsort(-rf.feature_importances_, kind="stable")[:20].tolist()
        out.append(case)
    return out


def main():
    iris = load_iris()
    Xi_tr, Xi_te, yi_tr, yi_te = train_test_split(iris.data, iris.target, test_size=0.3, random_state=0, stratify=iris.target)
    digits = load_digits()
    Xd_tr, Xd_te, yd_tr, yd_te = train_test_split(digits.data, digits.target, test_size=0.3, random_state=0, stratify=digits.target)

    rng = np.random.RandomState(7)
    sw_iris = rng.randint(0, 4, size=len(yi_tr)).astype(np.float64)  # includes zero-weight rows

    iris_cases = {
        "default": tree_case(Xi_tr, yi_tr, Xi_te, {"random_state": 0}, full=True),
        "max_depth2": tree_case(Xi_tr, yi_tr, Xi_te, {"max_depth": 2, "random_state": 0}, full=True),
        "entropy": tree_case(Xi_tr, yi_tr, Xi_te, {"criterion": "entropy", "random_state": 1}, full=True),
        "max_features1": tree_case(Xi_tr, yi_tr, Xi_te, {"max_features": 1, "random_state": 3}, full=True),
        "balanced": tree_case(Xi_tr[:80], yi_tr[:80], Xi_te, {"class_weight": "balanced", "random_state": 0}, full=True),
        "sample_weight": tree_case(Xi_tr, yi_tr, Xi_te, {"random_state": 0}, full=True, sample_weight=sw_iris),
        "random_splitter": tree_case(Xi_tr, yi_tr, Xi_te, {"splitter": "random", "random_state": 0}, full=True),
        "ccp_alpha": tree_case(Xi_tr, yi_tr, Xi_te, {"ccp_alpha": 0.02, "random_state": 0}, full=True),
        "max_leaf_nodes4": tree_case(Xi_tr, yi_tr, Xi_te, {"max_leaf_nodes": 4, "random_state": 0}, full=True),
    }
    digits_cases = {
        "default": tree_case(Xd_tr, yd_tr, Xd_te, {"random_state": 0}),
        "max_depth5": tree_case(Xd_tr, yd_tr, Xd_te, {"max_depth": 5, "random_state": 0}, full=True),
        "min_samples_leaf5": tree_case(Xd_tr, yd_tr, Xd_te, {"min_samples_leaf": 5, "random_state": 0}),
        "sqrt": tree_case(Xd_tr, yd_tr, Xd_te, {"max_features": "sqrt", "random_state": 1}),
        "log2_entropy": tree_case(Xd_tr, yd_tr, Xd_te, {"max_features": "log2", "criterion": "entropy", "random_state": 2}),
        "max_leaf_nodes20": tree_case(Xd_tr, yd_tr, Xd_te, {"max_leaf_nodes": 20, "random_state": 0}, full=True),
        "max_leaf_nodes60_sqrt": tree_case(Xd_tr, yd_tr, Xd_te, {"max_leaf_nodes": 60, "max_features": "sqrt", "min_samples_leaf": 3, "random_state": 6}),
        "ccp_alpha": tree_case(Xd_tr, yd_tr, Xd_te, {"ccp_alpha": 0.005, "criterion": "entropy", "random_state": 0}),
        "min_weight_fraction": tree_case(Xd_tr, yd_tr, Xd_te, {"min_weight_fraction_leaf": 0.02, "class_weight": "balanced", "max_features": 20, "random_state": 5}),
        "log_loss_random": tree_case(Xd_tr, yd_tr, Xd_te, {"criterion": "log_loss", "splitter": "random", "max_depth": 8, "random_state": 9}),
        "frac_split": tree_case(Xd_tr, yd_tr, Xd_te, {"max_features": 0.5, "min_samples_split": 0.02, "min_impurity_decrease": 0.001, "random_state": 4}),
    }

    with open(os.path.join(FIX, "nb_goldens.json")) as f:
        nb = json.load(f)
    Xb_tr = from_json(nb["X"]["tfidf_train"])
    Xb_te = from_json(nb["X"]["tfidf_test"])
    yb_tr, yb_te = np.array(nb["train_label"]), np.array(nb["test_label"])

    brown_tree = tree_case(Xb_tr, yb_tr, Xb_te, {"random_state": 0})
    brown_tree_random = tree_case(Xb_tr, yb_tr, Xb_te, {"splitter": "random", "random_state": 0})
    brown_tree_leaves = tree_case(Xb_tr, yb_tr, Xb_te, {"max_leaf_nodes": 30, "random_state": 2})
    brown_tree_balanced = tree_case(Xb_tr, yb_tr, Xb_te, {"class_weight": "balanced", "max_features": "sqrt", "random_state": 3})
    brown_forest = forest_cases(Xb_tr, yb_tr, Xb_te, yb_te, {}, proba_seed0=True)
    digits_forest = forest_cases(Xd_tr, yd_tr, Xd_te, yd_te, {"n_estimators": 50})
    brown_forest_bal = forest_cases(Xb_tr, yb_tr, Xb_te, yb_te, {"n_estimators": 20, "class_weight": "balanced_subsample"})[:2]
    sw_digits = np.random.RandomState(11).randint(0, 3, size=len(yd_tr)).astype(np.float64)
    digits_forest_sw = forest_cases(Xd_tr, yd_tr, Xd_te, yd_te, {"n_estimators": 10}, sample_weight=sw_digits)[:2]
    digits_forest_leaves = forest_cases(Xd_tr, yd_tr, Xd_te, yd_te, {"n_estimators": 20, "max_leaf_nodes": 32, "criterion": "entropy"})[:2]
    digits_forest_ccp = forest_cases(Xd_tr, yd_tr, Xd_te, yd_te, {"n_estimators": 20, "ccp_alpha": 0.002})[:2]
    path = DecisionTreeClassifier(random_state=0).cost_complexity_pruning_path(Xi_tr, yi_tr)
    digits_forest_bal = forest_cases(Xd_tr, yd_tr, Xd_te, yd_te, {"n_estimators": 20, "class_weight": "balanced_subsample", "max_samples": 0.7, "min_samples_leaf": 2})[:2]

    out = {
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "scipy_version": scipy.__version__,
        "python_version": platform.python_version(),
        "iris": {"X_train": Xi_tr.tolist(), "y_train": yi_tr.tolist(), "X_test": Xi_te.tolist(), "y_test": yi_te.tolist(), "cases": iris_cases, "pruning_path": {"ccp_alphas": path.ccp_alphas.tolist(), "impurities": path.impurities.tolist()}},
        "digits": {"X_train": Xd_tr.astype(int).tolist(), "y_train": yd_tr.tolist(), "X_test": Xd_te.astype(int).tolist(), "y_test": yd_te.tolist(), "cases": digits_cases},
        "brown": {"note": "X matrices: nb_goldens.json X.tfidf_train / X.tfidf_test; labels: train_label / test_label", "tree_default": brown_tree, "tree_random": brown_tree_random, "tree_balanced": brown_tree_balanced, "tree_max_leaf_nodes": brown_tree_leaves},
        "forest": {
            "brown_tfidf": {"params": {}, "seeds": brown_forest},
            "digits": {"params": {"n_estimators": 50}, "seeds": digits_forest},
            "digits_sample_weight": {"params": {"n_estimators": 10}, "sample_weight": sw_digits.tolist(), "seeds": digits_forest_sw},
            "digits_max_leaf_nodes": {"params": {"n_estimators": 20, "max_leaf_nodes": 32, "criterion": "entropy"}, "seeds": digits_forest_leaves},
            "digits_ccp_alpha": {"params": {"n_estimators": 20, "ccp_alpha": 0.002}, "seeds": digits_forest_ccp},
            "brown_tfidf_balanced_subsample": {"params": {"n_estimators": 20, "class_weight": "balanced_subsample"}, "seeds": brown_forest_bal},
            "digits_balanced_subsample": {"params": {"n_estimators": 20, "class_weight": "balanced_subsample", "max_samples": 0.7, "min_samples_leaf": 2}, "seeds": digits_forest_bal},
        },
    }
    path = os.path.join(FIX, "tree_goldens.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
    print("wrote", path, os.path.getsize(path), "bytes")
    for name in ("brown_tfidf", "digits"):
        accs = [c["accuracy"] for c in out["forest"][name]["seeds"]]
        print(name, accs, "mean", np.mean(accs), "fit s", [round(c["fit_seconds"], 3) for c in out["forest"][name]["seeds"]])


if __name__ == "__main__":
    main()
