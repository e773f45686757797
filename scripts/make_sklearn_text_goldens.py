"""Golden values for src/sklearn/feature_extraction/text.ts, from real scikit-learn 1.9.1.

Run with /opt/pyvenv/bin/python (scikit-learn 1.9.1, Python 3.11):
    /opt/pyvenv/bin/python scripts/make_sklearn_text_goldens.py

Reads tests/fixtures/sklearn/brown_genres.json (real Brown corpus text), fits each vectorizer variant
on train.text and transforms the first N_TEST test texts, writing
tests/fixtures/sklearn/text_goldens.json. Floats are written as Python repr (json), unrounded.
It also regenerates src/sklearn/feature_extraction/_combining.ts, the table of code points with a
non-zero canonical combining class (what `unicodedata.combining` tests, which JS cannot ask).
"""
import json
import sys
import unicodedata

import numpy as np
import sklearn
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

N_TEST = 40

TRICKY = [
    "naïve café 3rd x² ½ ﬁ über_cool Ω-test 日本語 e\u0301",
    "Don't stop-believing: it's the 1990s' best-of!",
    "ÀÉÎÕÜ àéîõü Ççß ÆØÅ æøå Œœ",
    "e\u0301cole  cafe\u0301\tno\u0308el",
    "x²³ ₁₂ Ⅻ ⅷ ① ٣٤ ०१२ 𝟘𝟙 ½¾",
    "snake_case __dunder__ _x a_b_c",
    "中文 テスト 한국어 ру́сский текст Ελληνικά ΣΟΦΟΣ",
    "ﬁnance ﬂow ﬀ ﬃ ǅemal ™ ㎏",
    "tab\there\nnewline\u00a0nbsp\u2003emsp\u3000ideo",
    "a b c dd ee fff",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 emoji👍 text",
    "Ａｂｃ　ＦＵＬＬ width ｸﾞ",
    "İstanbul ǅ ẞ straße \ufeffbom \x1cfs\x85nel it's ΌΣΟΣ",
    "re-enter co-op e-mail 4-5 x86_64 C++ C# .NET $100 3.14 1,000",
]

PATTERNS = [r"(?u)\b\w+\b", r"[a-zA-Z]{2,}", r"(\w+)ing\b", r"\S+", r"\d+", r"(?i)[A-Z]\w*", r"\b\w\B\w*", r"[\w']+"]


def csr(X):
    X = X.tocsr()
    X.sort_indices()
    return {
        "shape": list(X.shape),
        "data": [float(v) for v in X.data],
        "indices": [int(v) for v in X.indices],
        "indptr": [int(v) for v in X.indptr],
    }


def boundary_free_max_features(train, target, **kw):
    """numpy's argsort (not stable) breaks ties in term frequency its own way, so pick the
    max_features nearest `target` where the cut does not fall inside a tie."""
    cv = CountVectorizer(**kw).fit(train)
    X = cv.transform(train)
    dfs = np.bincount(X.indices, minlength=X.shape[1])
    n = X.shape[0]
    mask = (dfs <= kw.get("max_df", 1.0) * n) & (dfs >= kw.get("min_df", 1))
    tfs = np.sort(np.asarray(X.sum(axis=0)).ravel()[mask])[::-1]
    for d in range(0, 500):
        for k in (target - d, target + d):
            if 0 < k < len(tfs) and tfs[k - 1] != tfs[k]:
                return k
    raise RuntimeError("no tie-free cut")


def main():
    src = json.load(open("tests/fixtures/sklearn/brown_genres.json"))
    train, test = src["train"]["text"], src["test"]["text"][:N_TEST]
    mf = boundary_free_max_features(train, 2000, max_df=0.5, min_df=3)
    variants = [
        ("defaults", {}, None),
        ("stop_english", {"stop_words": "english"}, None),
        ("bigrams_min_df2", {"ngram_range": [1, 2], "min_df": 2}, None),
        ("max_df_min_df_max_features", {"max_df": 0.5, "min_df": 3, "max_features": mf}, None),
        ("sublinear_l1", {"sublinear_tf": True, "norm": "l1"}, None),
        ("no_idf", {"use_idf": False}, None),
        ("binary", {"binary": True}, None),
        ("char_wb_2_4", {"analyzer": "char_wb", "ngram_range": [2, 4]}, 100),
        ("unicode_no_lower", {"strip_accents": "unicode", "lowercase": False}, None),
        ("no_smooth_no_norm", {"smooth_idf": False, "norm": None}, None),
    ]
    out = {"sklearn_version": sklearn.__version__, "n_test": N_TEST, "tfidf": [], "count": []}
    for name, opts, n_train in variants:
        kw = dict(opts)
        if "ngram_range" in kw:
            kw["ngram_range"] = tuple(kw["ngram_range"])
        tr = train if n_train is None else train[:n_train]
        v = TfidfVectorizer(**kw)
        v.fit(tr)
        vocab = [str(t) for t in v.get_feature_names_out()]
        # Variants whose vocabulary equals an earlier one point at it, to keep the JSON small.
        same = next((e["name"] for e in out["tfidf"] if e["vocabulary"] == vocab), None)
        idf = [float(x) for x in v.idf_] if v.use_idf else None
        same_idf = next((e["name"] for e in out["tfidf"] if e["idf"] == idf), None)
        # char n-grams are dense per document: ten test texts are plenty.
        te = test if n_train is None else test[:10]
        out["tfidf"].append({
            "name": name, "options": opts, "n_train": len(tr), "n_test": len(te),
            "vocabulary": vocab if same is None else same,
            "idf": idf if idf is None or same_idf is None else same_idf,
            "X": csr(v.transform(te)),
        })
    cv = CountVectorizer(ngram_range=(1, 2), min_df=2, stop_words="english")
    Xtr = cv.fit_transform(train)
    out["count"].append({
        "name": "count_bigrams_stop", "options": {"ngram_range": [1, 2], "min_df": 2, "stop_words": "english"},
        "n_train": len(train), "vocabulary": [str(t) for t in cv.get_feature_names_out()],
        "X": csr(cv.transform(test)), "train_nnz": int(Xtr.nnz), "train_sum": int(Xtr.sum()),
    })
    out["analyzers"] = []
    for sa in (None, "ascii", "unicode"):
        for analyzer in ("word", "char", "char_wb"):
            a = CountVectorizer(strip_accents=sa, analyzer=analyzer,
                                ngram_range=(1, 2) if analyzer == "word" else (1, 3)).build_analyzer()
            out["analyzers"].append({"strip_accents": sa, "analyzer": analyzer,
                                     "tokens": [a(t) for t in TRICKY]})
    out["patterns"] = []
    for pat in PATTERNS:
        a = CountVectorizer(token_pattern=pat, lowercase=False).build_analyzer()
        out["patterns"].append({"token_pattern": pat, "tokens": [a(t) for t in TRICKY]})
    out["tricky"] = TRICKY
    json.dump(out, open("tests/fixtures/sklearn/text_goldens.json", "w"), ensure_ascii=False)
    write_combining_table()


def write_combining_table():
    ranges, start, prev = [], None, None
    for cp in range(sys.maxunicode + 1):
        if unicodedata.combining(chr(cp)):
            if start is None or cp != prev + 1:
                if start is not None:
                    ranges.append((start, prev))
                start = cp
            prev = cp
    ranges.append((start, prev))
    flat = ",".join(f"0x{a:x},0x{b:x}" for a, b in ranges)
    with open("src/sklearn/feature_extraction/_combining.ts", "w") as f:
        f.write(
            "// Generated by scripts/make_sklearn_text_goldens.py from Python's unicodedata "
            f"(Unicode {unicodedata.unidata_version}):\n"
            "// inclusive [first, last] code-point ranges whose canonical combining class is non-zero,\n"
            "// i.e. where `unicodedata.combining(c)` is truthy. JS has no API for the combining class.\n"
            f"export const COMBINING_RANGES: readonly number[] = [{flat}];\n"
        )


if __name__ == "__main__":
    main()
