"""Generates tests/fixtures/datasets/*: inputs and goldens for tests/datasets/, written by HF's real
`datasets` (5.0.1, with pyarrow 25, pandas 3, numpy 2.4).

Install into the project venv, then run from the repository root:
  /opt/pyvenv/bin/pip install --index-url file:///opt/pypi/simple --extra-index-url file:///opt/pypi-more/simple pyarrow pandas datasets
  /opt/pyvenv/bin/python scripts/make_datasets_fixtures.py
Deterministic (fixed data and seeds). Outputs:
  hf_features.parquet   Dataset.to_parquet: ClassLabel, int8, float32, List(int32), struct, nulls, int64 > 2^53
  zstd.parquet          the same table through pyarrow.parquet.write_table(compression="zstd")
  pandas.parquet        pandas.DataFrame.to_parquet (no HF metadata: features from the Parquet schema)
  reviews.csv           CSV with quotes, commas, newlines, NA strings, empty fields, mixed columns
  records.jsonl         JSON Lines with ints/floats mixing, nulls, lists and nested objects
  goldens.json          what HF computes for the same inputs (features, rows, shuffle orders,
                        train_test_split indices incl. stratified, class_encode_column, to_csv/to_json text)
"""
import json
import os
import tempfile

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
from datasets import ClassLabel, Dataset, Features, List, Value, disable_progress_bars, load_dataset

disable_progress_bars()
OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "datasets")
os.makedirs(OUT, exist_ok=True)
goldens = {}


def out(name):
    return os.path.join(OUT, name)


# ---- Parquet --------------------------------------------------------------------------------
features = Features({
    "text": Value("string"),
    "label": ClassLabel(names=["neg", "pos"]),
    "i8": Value("int8"),
    "f": Value("float32"),
    "ids": List(Value("int32")),
    "b": Value("bool"),
    "s": {"x": Value("int64"), "y": Value("string")},
    "big": Value("int64"),
})
pq_ds = Dataset.from_dict({
    "text": ["a good film", "bad, \"really\"", None, "ünïcödé ✓"],
    "label": [1, 0, 1, 0],
    "i8": [1, -2, 127, -128],
    "f": [1.5, None, 2.25, -0.5],
    "ids": [[101, 2, 102], [101, 102], [], None],
    "b": [True, False, None, True],
    "s": [{"x": 1, "y": "a"}, {"x": 2, "y": None}, None, {"x": -3, "y": "c"}],
    "big": [2**60 + 1, 1, -5, 0],
}, features=features)
pq_ds.to_parquet(out("hf_features.parquet"))
pq.write_table(pq_ds.data.table, out("zstd.parquet"), compression="zstd")
pd.DataFrame({"a": [1, 2, 3], "b": [0.5, 1.5, None], "c": ["x", "y", None], "d": [True, False, True]}).to_parquet(out("pandas.parquet"))
goldens["parquet"] = {
    "hf_features": {"features": pq_ds.features.to_dict(), "rows": pq_ds.to_list()},
    "pandas": {
        "features": load_dataset("parquet", data_files=out("pandas.parquet"), split="train").features.to_dict(),
        "rows": load_dataset("parquet", data_files=out("pandas.parquet"), split="train").to_list(),
    },
}
# big does not fit a double: keep it as a string in the golden
for r in goldens["parquet"]["hf_features"]["rows"]:
    r["big"] = str(r["big"])

# ---- CSV ------------------------------------------------------------------------------------
with open(out("reviews.csv"), "w", newline="") as f:
    f.write('text,label,score,flag,maybe,empty\n')
    f.write('"Great, really great",pos,4.5,True,1,\n')
    f.write('plain text,neg,3,False,NA,\n')
    f.write('"multi\nline ""quoted""",pos,,true,2,\n')
    f.write('N/A,neg,1e3,FALSE,,\n')
csv_ds = load_dataset("csv", data_files=out("reviews.csv"), split="train")
goldens["csv"] = {"features": csv_ds.features.to_dict(), "rows": csv_ds.to_list()}

# ---- JSON Lines -----------------------------------------------------------------------------
records = [
    {"id": 1, "score": 1, "tags": ["a", "b"], "meta": {"src": "x", "n": 1}, "text": "one"},
    {"id": 2, "score": 2.5, "tags": [], "meta": {"src": "y", "n": 2}, "text": None},
    {"id": 3, "score": None, "tags": ["c"], "meta": None, "text": "three"},
]
with open(out("records.jsonl"), "w") as f:
    for r in records:
        f.write(json.dumps(r) + "\n")
js = load_dataset("json", data_files=out("records.jsonl"), split="train")
goldens["jsonl"] = {"features": js.features.to_dict(), "rows": js.to_list()}

# ---- shuffle / train_test_split -------------------------------------------------------------
rng_ds = Dataset.from_dict({"i": list(range(100))})
goldens["shuffle"] = {str(seed): list(rng_ds.shuffle(seed=seed)["i"]) for seed in (0, 42, 1234)}
goldens["random"] = {
    "raw42": [str(x) for x in np.random.PCG64(42).random_raw(3)],
    "perm_123_1000_head": np.random.default_rng(123).permutation(1000)[:20].tolist(),
}
splits = {}
for name, kw in {
    "float": dict(test_size=0.2, seed=42),
    "int": dict(test_size=7, seed=1),
    "train_size": dict(train_size=0.5, test_size=0.3, seed=3),
    "default": dict(seed=5),
}.items():
    dd = rng_ds.select(range(50)).train_test_split(**kw)
    splits[name] = {"kwargs": kw, "train": list(dd["train"]["i"]), "test": list(dd["test"]["i"])}
labels = ([0] * 30 + [1] * 20 + [2] * 10)
order = np.random.default_rng(7).permutation(60).tolist()
strat_ds = Dataset.from_dict({"i": list(range(60)), "label": [labels[j] for j in order]},
                             features=Features({"i": Value("int64"), "label": ClassLabel(names=["a", "b", "c"])}))
goldens["stratify_labels"] = list(strat_ds["label"])
for name, kw in {"strat_02": dict(test_size=0.2, seed=42), "strat_7": dict(test_size=7, seed=3), "strat_train": dict(train_size=0.5, test_size=0.25, seed=11)}.items():
    dd = strat_ds.train_test_split(stratify_by_column="label", **kw)
    splits[name] = {"kwargs": kw, "train": list(dd["train"]["i"]), "test": list(dd["test"]["i"])}
goldens["train_test_split"] = splits
errors = {}
for name, kw in {"too_big": dict(test_size=60), "zero": dict(test_size=0.0), "sum": dict(test_size=0.6, train_size=0.6)}.items():
    try:
        strat_ds.train_test_split(**kw)
    except ValueError as e:
        errors[name] = {"kwargs": kw, "message": str(e)}
goldens["train_test_split_errors"] = errors

# ---- class_encode_column -------------------------------------------------------------------
enc = {}
for name, values in {"strings": ["b", "a", "c", "a", None], "ints": [10, 2, 1, 2], "bools": [True, False, True], "floats": [1.5, 1.0, 2.0]}.items():
    e = Dataset.from_dict({"x": values}).class_encode_column("x")
    enc[name] = {"values": values, "names": e.features["x"].names, "encoded": list(e["x"])}
goldens["class_encode_column"] = enc

# ---- to_csv / to_json text ------------------------------------------------------------------
w = Dataset.from_dict({
    "text": ["plain", "a,b", 'say "hi"', "two\nlines", None],
    "n": [1, 2, 3, 4, 5],
    "x": [1.0, 2.5, 1e-7, 1e22, None],
    "ok": [True, False, True, False, True],
    "label": [0, 1, 0, 1, 0],
}, features=Features({"text": Value("string"), "n": Value("int64"), "x": Value("float64"), "ok": Value("bool"), "label": ClassLabel(names=["neg", "pos"])}))
with tempfile.TemporaryDirectory() as d:
    w.to_csv(os.path.join(d, "o.csv"))
    goldens["to_csv"] = open(os.path.join(d, "o.csv")).read()
    w.select_columns(["text", "n", "ok", "label"]).to_json(os.path.join(d, "o.jsonl"))
    goldens["to_json"] = open(os.path.join(d, "o.jsonl")).read()

# ---- map keeps features / sort / unique ------------------------------------------------------
s = Dataset.from_dict({"k": [3, 1, 2, 1, None], "s": ["c", "a", "b", "a", "d"]})
goldens["sort"] = {"k": list(s.sort("k")["s"]), "k_rev": list(s.sort("k", reverse=True)["s"]), "k_nulls_first": list(s.sort("k", null_placement="at_start")["s"]), "s_k": list(s.sort(["s", "k"], reverse=[True, False])["k"])}
goldens["unique"] = s.unique("s")

with open(out("goldens.json"), "w") as f:
    json.dump(goldens, f, indent=1, ensure_ascii=False)
print("wrote", sorted(os.listdir(OUT)))
