"""The scikit-learn side of bench/sklearn.ts: one task on the bench's data, timed, printed as JSON.

    python sklearn_ref.py DATA.json TASK      (TASK: nb = seed 003's pipeline, lr = TF-IDF + LR)
Run once per task and round in a fresh process, so ru_maxrss is that task's peak.
"""
import json
import resource
import sys
import time

import sklearn
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import Pipeline


def preprocess_text(text):
    text = text.lower()
    return " ".join([word for word in text.split() if word not in ENGLISH_STOP_WORDS])


def main():
    data, task, lr_max_iter = json.load(open(sys.argv[1])), sys.argv[2], int(sys.argv[3])
    X_train, y_train = data["train"]["text"], data["train"]["label"]
    X_test, y_test = data["test"]["text"], data["test"]["label"]
    base_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    if task == "nb":
        X_train = [preprocess_text(t) for t in X_train]
        X_test = [preprocess_text(t) for t in X_test]
        pipe = Pipeline([("tfidf", TfidfVectorizer()), ("nb", MultinomialNB())])
    else:
        pipe = Pipeline([("tfidf", TfidfVectorizer()), ("lr", LogisticRegression(max_iter=lr_max_iter))])
    pipe.fit(X_train, y_train)
    t1 = time.perf_counter()
    y_pred = pipe.predict(X_test)
    t2 = time.perf_counter()
    out = {"version": sklearn.__version__, "fit_s": t1 - t0, "predict_s": t2 - t1, "accuracy": accuracy_score(y_test, y_pred),
           "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "base_mb": base_kb / 1024}
    if task == "lr":
        out["n_iter"] = int(pipe.named_steps["lr"].n_iter_[0])
    print(json.dumps(out))


if __name__ == "__main__":
    main()
