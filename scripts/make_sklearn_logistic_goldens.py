"""Golden outputs for src/sklearn/linear_model/_logistic.ts, produced by real scikit-learn.

Run with: /opt/pyvenv/bin/python scripts/make_sklearn_logistic_goldens.py
Writes tests/fixtures/sklearn/logistic_goldens.json.

Text inputs: the Brown-genre TF-IDF train/test CSR matrices that scripts/make_sklearn_nb_goldens.py
already stored in tests/fixtures/sklearn/nb_goldens.json (sklearn's own TfidfVectorizer, 2000
features, 6 genres, 589 train / 306 test rows). They are read back from that file rather than
rebuilt, so both sides use the very same float64 values and this fixture stays small.
Dense inputs: sklearn's bundled iris (standardised here, stored in full) and digits (pixel counts
0..16 stored as integers and divided by 16, a power of two, so both sides get identical floats).

Per case: the fit parameters, classes_, n_iter_, whether sklearn warned ConvergenceWarning,
intercept_, a coef_ summary (first COEF_COLS columns, per-row L2 norms and sums; the full coef_
for the small dense cases), the final objective value, predictions and predict_proba on the test
rows (rounded to 1e-12 to save space) and decision_function on the first 5 test rows.
"""
import json
import os
import warnings

import numpy as np
import scipy
import scipy.sparse as sp
import sklearn
from sklearn.datasets import load_digits, load_iris
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.preprocessing import StandardScaler

ROOT = os.path.join(os.path.dirname(__file__), "..")
FIX = os.path.join(ROOT, "tests", "fixtures", "sklearn")
COEF_COLS = 12


def from_csr(c):
    return sp.csr_matrix((np.array(c["data"]), np.array(c["indices"]), np.array(c["indptr"])), shape=tuple(c["shape"]))


def r(a, nd=12):
    return np.round(np.asarray(a, dtype=np.float64), nd).tolist()


def objective(est, X, y, sample_weight, C):
    """sklearn's lbfgs objective at the fitted coef: weighted mean log-loss + ||W||^2 / (2 C sw_sum)."""
    sw = np.ones(X.shape[0]) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    cw = est.class_weight
    if isinstance(cw, str):  # "balanced": weighted class counts, as compute_class_weight
        classes, idx = np.unique(y, return_inverse=True)
        counts = np.bincount(idx, weights=sw)
        rec = counts.sum() / (len(classes) * counts)
        sw = sw * rec[idx]
    elif cw is not None:
        sw = sw * np.array([cw.get(v, 1.0) for v in y])
    p = est.predict_proba(X)
    ll = log_loss(y, p, sample_weight=sw, labels=est.classes_)
    return float(ll + 0.5 / (C * sw.sum()) * np.sum(est.coef_ ** 2))


def run_case(params, Xtr, ytr, Xte, sample_weight=None, full_coef=False):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always", ConvergenceWarning)
        est = LogisticRegression(**params).fit(Xtr, ytr, sample_weight=sample_weight)
    converged = not any(issubclass(x.category, ConvergenceWarning) for x in w)
    C = np.inf if "penalty" in params and params["penalty"] is None else params.get("C", 1.0)
    res = {
        "params": params,
        "classes_": est.classes_.tolist(),
        "n_iter_": est.n_iter_.tolist(),
        "converged": converged,
        "intercept_": est.intercept_.tolist(),
        "coef_shape": list(est.coef_.shape),
        "coef_head": est.coef_[:, :COEF_COLS].tolist(),
        "coef_row_norms": np.linalg.norm(est.coef_, axis=1).tolist(),
        "coef_row_sums": est.coef_.sum(axis=1).tolist(),
        "objective": objective(est, Xtr, np.asarray(ytr), sample_weight, C),
        "predict": est.predict(Xte).tolist(),
        "predict_proba": r(est.predict_proba(Xte)),
        "decision_head": est.decision_function(Xte[:5]).tolist(),
    }
    if full_coef:
        res["coef_"] = est.coef_.tolist()
    return res


def main():
    with open(os.path.join(FIX, "nb_goldens.json")) as f:
        nb = json.load(f)
    Xtr = from_csr(nb["X"]["tfidf_train"])
    Xte = from_csr(nb["X"]["tfidf_test"])
    ytr = np.array(nb["train_label"])
    yte = np.array(nb["test_label"])
    genres = nb["genres"]
    dense = {}

    cases = {}
    cases["tfidf_default"] = {"data": "tfidf", **run_case({}, Xtr, ytr, Xte)}
    cases["tfidf_C10_iter1000"] = {"data": "tfidf", **run_case({"C": 10.0, "max_iter": 1000}, Xtr, ytr, Xte)}
    cases["tfidf_balanced"] = {"data": "tfidf", **run_case({"class_weight": "balanced", "max_iter": 1000}, Xtr, ytr, Xte)}
    rng = np.random.RandomState(0)
    sw = rng.uniform(0.2, 3.0, size=Xtr.shape[0])
    dense["tfidf_sample_weight"] = sw.tolist()
    cases["tfidf_sample_weight"] = {"data": "tfidf", "sample_weight": "tfidf_sample_weight", **run_case({"max_iter": 1000}, Xtr, ytr, Xte, sample_weight=sw)}
    # Non-converged: max_iter is hit, sklearn warns, and the iterate itself must match.
    cases["tfidf_C100_iter15"] = {"data": "tfidf", **run_case({"C": 100.0, "max_iter": 15}, Xtr, ytr, Xte)}
    # Tight tolerance: many more iterations, a stronger test of following scipy's path.
    cases["tfidf_tol1e-8"] = {"data": "tfidf", **run_case({"tol": 1e-8, "max_iter": 1000}, Xtr, ytr, Xte)}

    # Binary: two genres, one coef row, sigmoid probabilities.
    pair = sorted(genres)[:2]
    tr_rows = np.flatnonzero(np.isin(ytr, pair))
    te_rows = np.flatnonzero(np.isin(yte, pair))
    dense["binary_train_rows"] = tr_rows.tolist()
    dense["binary_test_rows"] = te_rows.tolist()
    cases["tfidf_binary"] = {"data": "tfidf_binary", **run_case({}, Xtr[tr_rows], ytr[tr_rows], Xte[te_rows])}
    cases["tfidf_binary_C100_balanced"] = {
        "data": "tfidf_binary",
        **run_case({"C": 100.0, "class_weight": "balanced", "max_iter": 1000}, Xtr[tr_rows], ytr[tr_rows], Xte[te_rows]),
    }

    # Dense: iris (standardised, all 150 rows; test = every 3rd row).
    iris = load_iris()
    Xi = StandardScaler().fit_transform(iris.data)
    yi = iris.target
    Xi_te = Xi[::3]
    dense["iris_X"] = Xi.tolist()
    dense["iris_y"] = yi.tolist()
    cases["iris"] = {"data": "iris", **run_case({}, Xi, yi, Xi_te, full_coef=True)}
    cases["iris_no_intercept"] = {"data": "iris", **run_case({"fit_intercept": False}, Xi, yi, Xi_te, full_coef=True)}
    cases["iris_C0.05_dict_weight"] = {"data": "iris", **run_case({"C": 0.05, "class_weight": {0: 1.0, 1: 3.0, 2: 0.5}}, Xi, yi, Xi_te, full_coef=True)}
    yb = np.where(yi == 2, "virginica", "other")
    dense["iris_y_binary"] = yb.tolist()
    cases["iris_binary_str"] = {"data": "iris_binary", **run_case({}, Xi, yb, Xi_te, full_coef=True)}
    cases["iris_binary_no_intercept"] = {"data": "iris_binary", **run_case({"fit_intercept": False, "C": 3.0}, Xi, yb, Xi_te, full_coef=True)}

    # Edge cases: max_iter=0 (scipy still takes one step; n_iter_ reports 0) and penalty=None.
    cases["iris_max_iter0"] = {"data": "iris", **run_case({"max_iter": 0}, Xi, yi, Xi_te, full_coef=True)}
    cases["iris_binary_penalty_none"] = {"data": "iris_binary", **run_case({"penalty": None}, Xi, yb, Xi_te, full_coef=True)}

    # digits / 16 (exact). The default fit hits max_iter=100 (ConvergenceWarning) or nearly so.
    digits = load_digits()
    Xd_int = digits.data[:1000].astype(int)
    Xd_te_int = digits.data[1000:1300].astype(int)
    yd = digits.target[:1000]
    dense["digits_X_int"] = Xd_int.tolist()
    dense["digits_y"] = yd.tolist()
    dense["digits_X_test_int"] = Xd_te_int.tolist()
    Xd = Xd_int / 16.0
    Xd_te = Xd_te_int / 16.0
    cases["digits_default"] = {"data": "digits", **run_case({}, Xd, yd, Xd_te)}
    cases["digits_C0.1_iter30"] = {"data": "digits", **run_case({"C": 0.1, "max_iter": 30}, Xd, yd, Xd_te)}
    swd = rng.uniform(0.5, 2.0, size=1000)
    dense["digits_sample_weight"] = swd.tolist()
    cases["digits_no_intercept_sw"] = {
        "data": "digits", "sample_weight": "digits_sample_weight",
        **run_case({"fit_intercept": False, "max_iter": 300}, Xd, yd, Xd_te, sample_weight=swd),
    }

    result = {
        "sklearn_version": sklearn.__version__,
        "scipy_version": scipy.__version__,
        "numpy_version": np.__version__,
        "inputs": "tfidf: nb_goldens.json X.tfidf_train/tfidf_test with train_label/test_label",
        "coef_cols": COEF_COLS,
        "genres": genres,
        "dense": dense,
        "cases": cases,
    }
    with open(os.path.join(FIX, "logistic_goldens.json"), "w") as f:
        json.dump(result, f, separators=(",", ":"))
    for k, v in cases.items():
        print(k, "n_iter", v["n_iter_"], "converged", v["converged"], "obj", v["objective"])


if __name__ == "__main__":
    main()
