"""GroupKFold goldens from scikit-learn itself (sklearn 1.9.1 from pip):

    /opt/pyvenv/bin/python scripts/make_sklearn_groupkfold_goldens.py

On the Brown-genre fixture (tests/fixtures/sklearn/brown_genres.json; groups = the source document
of each 5-sentence chunk) writes tests/fixtures/sklearn/groupkfold_goldens.json: the test indices of
every fold for GroupKFold(5) and GroupKFold(3, shuffle=True, random_state=0), and cross_val_score of
Pipeline(TfidfVectorizer, MultinomialNB) with GroupKFold(4) vs plain 4-fold (the optimism that
grouping removes). Replayed by tests/sklearn/model_selection/group_kfold.test.ts.
"""
import json
from pathlib import Path

import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import GroupKFold, KFold, cross_val_score
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
data = json.loads((ROOT / "tests/fixtures/sklearn/brown_genres.json").read_text())
X, y, groups = data["train"]["text"], data["train"]["label"], data["train"]["doc"]
out = {"sklearn_version": sklearn.__version__, "splits": {}}
for name, cv in {"n5": GroupKFold(5), "n3_shuffle_rs0": GroupKFold(3, shuffle=True, random_state=0)}.items():
    out["splits"][name] = [test.tolist() for _, test in cv.split(X, y, groups)]
pipe = Pipeline([("tfidf", TfidfVectorizer()), ("nb", MultinomialNB())])
out["cross_val_score_group4"] = cross_val_score(pipe, X, y, cv=GroupKFold(4), groups=groups).tolist()
out["cross_val_score_kfold4_shuffled"] = cross_val_score(pipe, X, y, cv=KFold(4, shuffle=True, random_state=0)).tolist()
path = ROOT / "tests/fixtures/sklearn/groupkfold_goldens.json"
path.write_text(json.dumps(out) + "\n")
print(path, out["cross_val_score_group4"], out["cross_val_score_kfold4_shuffled"])
