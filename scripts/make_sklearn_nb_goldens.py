"""Golden outputs for src/sklearn/naive_bayes.ts, produced by real scikit-learn 1.9.1.

Run with: /opt/pyvenv/bin/python scripts/make_sklearn_nb_goldens.py
Writes tests/fixtures/sklearn/nb_goldens.json.

Inputs are the real Brown-corpus genre split in tests/fixtures/sklearn/brown_genres.json. The
feature matrices are built HERE with sklearn's own vectorizers and stored as CSR arrays, so the
TypeScript naive Bayes tests do not depend on our TypeScript vectorizer. Floats are written with
Python's repr (shortest round-trip), so the TypeScript side reads the exact float64 values.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.naive_bayes import BernoulliNB, ComplementNB, MultinomialNB

ROOT = os.path.join(os.path.dirname(__file__), "..")
FIX = os.path.join(ROOT, "tests", "fixtures", "sklearn")
MAX_FEATURES = 2000
# feature_log_prob_ is n_classes x MAX_FEATURES; a column slice keeps the fixture small while
# still checking the smoothing arithmetic feature by feature.
FLP_COLS = 60


def csr(m):
    m = m.tocsr()
    m.sort_indices()
    return {
        "data": m.data.tolist(),
        "indices": m.indices.tolist(),
        "indptr": m.indptr.tolist(),
        "shape": list(m.shape),
    }


def fitted(est, X_test):
    return {
        "classes_": est.classes_.tolist(),
        "class_count_": est.class_count_.tolist(),
        "class_log_prior_": est.class_log_prior_.tolist(),
        "feature_log_prob_slice": est.feature_log_prob_[:, :FLP_COLS].tolist(),
        "feature_count_sum": est.feature_count_.sum(axis=1).tolist(),
        "predict": est.predict(X_test).tolist(),
        "predict_proba": est.predict_proba(X_test).tolist(),
        "predict_log_proba": est.predict_log_proba(X_test).tolist(),
    }


def main():
    with open(os.path.join(FIX, "brown_genres.json")) as f:
        brown = json.load(f)
    tr_text, tr_y = brown["train"]["text"], brown["train"]["label"]
    te_text, te_y = brown["test"]["text"], brown["test"]["label"]

    tfidf = TfidfVectorizer(stop_words="english", min_df=2, max_features=MAX_FEATURES)
    Xtf_tr = tfidf.fit_transform(tr_text)
    Xtf_te = tfidf.transform(te_text)
    cv = CountVectorizer(min_df=2, max_features=MAX_FEATURES)
    Xc_tr = cv.fit_transform(tr_text).astype(np.float64)
    Xc_te = cv.transform(te_text).astype(np.float64)

    cases = {}
    specs = [
        ("multinomial_tfidf", "MultinomialNB", {}, "tfidf"),
        ("multinomial_tfidf_a0.1_noprior", "MultinomialNB", {"alpha": 0.1, "fit_prior": False}, "tfidf"),
        ("multinomial_counts", "MultinomialNB", {}, "counts"),
        ("complement_tfidf", "ComplementNB", {}, "tfidf"),
        ("complement_tfidf_norm", "ComplementNB", {"norm": True}, "tfidf"),
        ("complement_counts", "ComplementNB", {"alpha": 0.5}, "counts"),
        ("bernoulli_counts", "BernoulliNB", {"binarize": 0.0}, "counts"),
        ("bernoulli_tfidf_a0.5", "BernoulliNB", {"alpha": 0.5}, "tfidf"),
    ]
    classes = {"MultinomialNB": MultinomialNB, "ComplementNB": ComplementNB, "BernoulliNB": BernoulliNB}
    mats = {"tfidf": (Xtf_tr, Xtf_te), "counts": (Xc_tr, Xc_te)}
    for name, cls, params, feats in specs:
        Xtr, Xte = mats[feats]
        est = classes[cls](**params).fit(Xtr, tr_y)
        cases[name] = {"estimator": cls, "params": params, "features": feats, **fitted(est, Xte)}
        cases[name]["score"] = est.score(Xte, te_y)

    # partial_fit over three row chunks must equal the accumulated counts of one fit.
    for cls in ("MultinomialNB", "ComplementNB", "BernoulliNB"):
        est = classes[cls]()
        n = Xc_tr.shape[0]
        bounds = [0, n // 3, 2 * n // 3, n]
        for a, b in zip(bounds[:-1], bounds[1:]):
            est.partial_fit(Xc_tr[a:b], tr_y[a:b], classes=brown["genres"] if a == 0 else None)
        cases[f"partial_fit_{cls}"] = {
            "estimator": cls, "params": {}, "features": "counts", "chunks": bounds, "partial": True,
            **fitted(est, Xc_te),
        }

    # A small dense case: sample weights, an explicit class_prior, a per-feature alpha.
    rng = np.random.RandomState(0)
    Xd = rng.randint(0, 5, size=(14, 4)).astype(np.float64)
    yd = np.array(["b", "a", "c", "b", "a", "c", "c", "b", "a", "b", "c", "a", "b", "c"])
    wd = rng.uniform(0.1, 3.0, size=14)
    Xd_te = rng.randint(0, 6, size=(5, 4)).astype(np.float64)
    dense = {"X": Xd.tolist(), "y": yd.tolist(), "sample_weight": wd.tolist(), "X_test": Xd_te.tolist(), "cases": {}}
    dspecs = [
        ("multinomial_sw_prior", MultinomialNB, {"class_prior": [0.2, 0.5, 0.3]}, True),
        ("multinomial_alpha_array", MultinomialNB, {"alpha": [0.5, 1.0, 2.0, 0.01]}, False),
        ("complement_sw_norm", ComplementNB, {"norm": True}, True),
        ("bernoulli_sw_bin1", BernoulliNB, {"binarize": 1.0, "alpha": 0.3}, True),
    ]
    for name, cls, params, use_sw in dspecs:
        est = cls(**params).fit(Xd, yd, sample_weight=wd if use_sw else None)
        dense["cases"][name] = {
            "estimator": cls.__name__, "params": params, "sample_weight": use_sw,
            "feature_count_": est.feature_count_.tolist(),
            "feature_log_prob_": est.feature_log_prob_.tolist(),
            **{k: v for k, v in fitted(est, Xd_te).items() if k != "feature_log_prob_slice"},
        }
    # Binary labels with numeric classes: LabelBinarizer's single column is expanded to two.
    yb = np.array([1, 0, 0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1])
    est = MultinomialNB().fit(Xd, yb)
    dense["binary"] = {"y": yb.tolist(), **fitted(est, Xd_te)}

    out = {
        "sklearn_version": sklearn.__version__,
        "max_features": MAX_FEATURES,
        "flp_cols": FLP_COLS,
        "train_label": tr_y,
        "test_label": te_y,
        "genres": brown["genres"],
        "X": {"tfidf_train": csr(Xtf_tr), "tfidf_test": csr(Xtf_te), "counts_train": csr(Xc_tr), "counts_test": csr(Xc_te)},
        "cases": cases,
        "dense": dense,
    }
    with open(os.path.join(FIX, "nb_goldens.json"), "w") as f:
        json.dump(out, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
