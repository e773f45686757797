"""Goldens for the seed-003 baseline and GridSearchCV on a text pipeline, from scikit-learn itself.

    /opt/pyvenv/bin/python scripts/make_sklearn_pipeline_goldens.py     (scikit-learn 1.9.1 from pip)
Reads tests/fixtures/sklearn/brown_genres.json (real Brown-corpus text, 6 genres; see
scripts/make_brown_genres.py) and writes tests/fixtures/sklearn/pipeline_goldens.json, replayed by
tests/e2e/seed_baseline.test.ts:
  - seed 003 as written: lower-case, drop ENGLISH_STOP_WORDS, Pipeline(TfidfVectorizer, MultinomialNB),
    predictions and accuracy_score on the test split;
  - GridSearchCV over that pipeline with a list-of-dicts param_grid (3*2 + 2 = 8 candidates), cv=5
    (StratifiedKFold, no shuffle), scoring accuracy: cv_results_ means/ranks and the best candidate.
"""
import json
from pathlib import Path

import sklearn
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.metrics import accuracy_score
from sklearn.model_selection import GridSearchCV
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
data = json.loads((ROOT / "tests/fixtures/sklearn/brown_genres.json").read_text())
OUT = ROOT / "tests/fixtures/sklearn/pipeline_goldens.json"


def preprocess_text(text):
    text = text.lower()
    return " ".join([word for word in text.split() if word not in ENGLISH_STOP_WORDS])


X_train = [preprocess_text(t) for t in data["train"]["text"]]
X_test = [preprocess_text(t) for t in data["test"]["text"]]
y_train, y_test = data["train"]["label"], data["test"]["label"]
pipe = Pipeline([("tfidf", TfidfVectorizer()), ("nb", MultinomialNB())])
pipe.fit(X_train, y_train)
y_pred = pipe.predict(X_test)
seed003 = {"predictions": list(y_pred), "accuracy": accuracy_score(y_test, y_pred), "proba_first5": pipe.predict_proba(X_test[:5]).tolist()}

param_grid = [
    {"nb__alpha": [0.01, 0.1, 1.0], "tfidf__ngram_range": [(1, 1), (1, 2)]},
    {"nb__alpha": [0.1], "tfidf__sublinear_tf": [True], "tfidf__use_idf": [False, True]},
]
search = GridSearchCV(Pipeline([("tfidf", TfidfVectorizer(min_df=2)), ("nb", MultinomialNB())]), param_grid, cv=5, scoring="accuracy")
search.fit(data["train"]["text"], y_train)
r = search.cv_results_
grid = {
    "param_grid": [{k: [list(v) if isinstance(v, tuple) else v for v in vs] for k, vs in g.items()} for g in param_grid],
    "params": [{k: list(v) if isinstance(v, tuple) else v for k, v in p.items()} for p in r["params"]],
    "mean_test_score": r["mean_test_score"].tolist(),
    "std_test_score": r["std_test_score"].tolist(),
    "rank_test_score": r["rank_test_score"].tolist(),
    "split0_test_score": r["split0_test_score"].tolist(),
    "best_index": int(search.best_index_),
    "best_score": float(search.best_score_),
    "test_accuracy": float(search.score(data["test"]["text"], y_test)),
}
OUT.write_text(json.dumps({"sklearn_version": sklearn.__version__, "seed003": seed003, "grid": grid}) + "\n")
print(OUT, seed003["accuracy"], grid["best_index"], grid["best_score"])
