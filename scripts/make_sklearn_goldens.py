"""Goldens for finetune-ts/sklearn/metrics, computed by scikit-learn itself.

Run with pip's scikit-learn in the project venv (never Debian's python3-sklearn, which switches the
machine's BLAS):
    /opt/pyvenv/bin/pip install --index-url file:///opt/pypi/simple \
        --extra-index-url file:///opt/pypi-more/simple scikit-learn
    /opt/pyvenv/bin/python scripts/make_sklearn_goldens.py
Writes tests/fixtures/sklearn/goldens.json: each case is a function name, positional args, keyword
args, and either the result (`expected`, plus every distinct warning sklearn emitted) or the error
sklearn raised. tests/sklearn/metrics/goldens.test.ts replays each case through our TypeScript.

JSON encoding: NaN / +-inf are the strings "NaN" / "Infinity" / "-Infinity"; an argument
{"__float64__": [...]} is a float64 array (a Float64Array on the TS side).
"""

import json
import math
import platform
import warnings
from pathlib import Path

import numpy as np
import sklearn
from sklearn import metrics

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "sklearn" / "goldens.json"
rng = np.random.RandomState(0)


def enc(v):
    """Python/NumPy result -> JSON-safe value."""
    if isinstance(v, np.ndarray):
        return enc(v.tolist())
    if isinstance(v, (np.floating, float)):
        f = float(v)
        if math.isnan(f):
            return "NaN"
        if math.isinf(f):
            return "Infinity" if f > 0 else "-Infinity"
        return f
    if isinstance(v, (np.bool_, bool)):
        return bool(v)
    if isinstance(v, (np.integer, int)):
        return int(v)
    if isinstance(v, (list, tuple)):
        return [enc(x) for x in v]
    if isinstance(v, dict):
        return {str(k): enc(x) for k, x in v.items()}
    if v is None or isinstance(v, str):
        return v
    raise TypeError(f"cannot encode {type(v)}")


def dec(v):
    """JSON argument -> what a Python user would pass."""
    if isinstance(v, dict) and "__float64__" in v:
        return np.asarray([dec(x) for x in v["__float64__"]], dtype=np.float64)
    if isinstance(v, list):
        return [dec(x) for x in v]
    if isinstance(v, dict):
        return {k: dec(x) for k, x in v.items()}
    if v == "NaN":
        return np.nan
    if v == "Infinity":
        return np.inf
    if v == "-Infinity":
        return -np.inf
    return v


CASES = []


def case(name, fn, *args, **kwargs):
    args_j = enc(list(args)) if not any(isinstance(a, dict) for a in args) else list(args)
    kwargs_j = {k: (v if isinstance(v, dict) else enc(v)) for k, v in kwargs.items()}
    entry = {"name": name, "fn": fn, "args": args_j, "kwargs": kwargs_j}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = getattr(metrics, fn)(*dec(args_j), **dec(kwargs_j))
            entry["expected"] = enc(result)
        except Exception as e:  # noqa: BLE001 - the error is the golden
            entry["error"] = {"type": type(e).__name__, "message": str(e)}
    seen = []
    for w in caught:
        if w.category.__name__ not in ("UndefinedMetricWarning", "UserWarning"):
            continue
        line = f"{w.category.__name__}: {w.message}"
        if line not in seen:
            seen.append(line)
    entry["warnings"] = seen
    CASES.append(entry)


def f64(a):
    return {"__float64__": enc(list(a))}


# ---------------------------------------------------------------- data sets
BIN_T = [0, 1, 1, 0, 1, 1, 0, 0, 1, 1]
BIN_P = [0, 1, 0, 0, 1, 1, 1, 0, 1, 0]
BIN_W = [0.5, 1.2, 2.0, 0.3, 1.0, 0.7, 1.5, 2.5, 0.1, 0.9]
MC_T = [0, 1, 2, 2, 1, 0, 2, 1, 0, 2, 2, 1]
MC_P = [0, 2, 2, 1, 1, 0, 2, 0, 0, 2, 1, 1]
MC_W = [1.0, 0.5, 2.0, 1.5, 0.25, 3.0, 1.0, 0.75, 2.0, 0.5, 1.25, 1.0]
STR_T = ["cat", "dog", "bird", "cat", "dog", "cat", "bird", "bird", "dog", "cat"]
STR_P = ["cat", "cat", "bird", "cat", "dog", "dog", "cat", "bird", "dog", "cat"]
NP_T = [0, 1, 2, 2, 0, 1, 2, 0]          # class 1 is never predicted
NP_P = [0, 0, 2, 2, 0, 2, 2, 0]
NT_T = [0, 0, 2, 2, 0, 2, 2, 0]          # class 1 is never true but predicted
NT_P = [0, 1, 2, 2, 1, 2, 0, 0]
BOOL_T = [True, False, True, True, False, False, True]
BOOL_P = [True, True, False, True, False, False, True]
ML_T = [[1, 0, 1], [0, 1, 0], [1, 1, 0], [0, 0, 1], [1, 0, 0], [0, 0, 0]]
ML_P = [[1, 0, 0], [0, 1, 1], [1, 0, 0], [0, 0, 1], [0, 1, 0], [0, 0, 0]]
ML_W = [1.0, 2.0, 0.5, 1.5, 1.0, 0.25]
BIG_T = rng.randint(0, 5, size=300).tolist()
BIG_P = [t if rng.rand() < 0.6 else int(rng.randint(0, 5)) for t in BIG_T]
BIG_W = np.round(rng.rand(300) * 3, 3).tolist()

CLASS_DATA = {
    "binary": (BIN_T, BIN_P, BIN_W),
    "multiclass": (MC_T, MC_P, MC_W),
    "strings": (STR_T, STR_P, [1.0, 2.0, 0.5, 1.0, 1.0, 3.0, 0.5, 1.0, 2.0, 1.0]),
    "never_predicted": (NP_T, NP_P, [1, 2, 1, 1, 3, 1, 1, 2]),
    "never_true": (NT_T, NT_P, [1.5, 1, 1, 2, 1, 1, 0.5, 1]),
    "bool": (BOOL_T, BOOL_P, [1, 2, 3, 1, 2, 3, 1]),
    "big": (BIG_T, BIG_P, BIG_W),
    "multilabel": (ML_T, ML_P, ML_W),
}

# ---------------------------------------------------------------- accuracy
for name, (t, p, w) in CLASS_DATA.items():
    case(f"accuracy {name}", "accuracy_score", t, p)
    case(f"accuracy {name} normalize=False", "accuracy_score", t, p, normalize=False)
    case(f"accuracy {name} weighted", "accuracy_score", t, p, sample_weight=w)
    case(f"accuracy {name} weighted normalize=False", "accuracy_score", t, p, sample_weight=w, normalize=False)

# ---------------------------------------------------------------- precision / recall / F
AVERAGES = ["binary", "micro", "macro", "weighted", None, "samples"]
for name, (t, p, w) in CLASS_DATA.items():
    for avg in AVERAGES:
        # "binary" on a multiclass target and "samples" outside multilabel only raise; the
        # error cases below cover those once.
        if (avg == "binary" and name not in ("binary", "bool")) or (avg == "samples" and name != "multilabel"):
            continue
        for sw in (None, w):
            tag = f"{name} average={avg}{' weighted' if sw is not None else ''}"
            case(f"prfs {tag}", "precision_recall_fscore_support", t, p, average=avg, sample_weight=sw)
            case(f"precision {tag}", "precision_score", t, p, average=avg, sample_weight=sw)
            case(f"recall {tag}", "recall_score", t, p, average=avg, sample_weight=sw)
            case(f"f1 {tag}", "f1_score", t, p, average=avg, sample_weight=sw)
        for beta in (0.5, 2.0, 0.0, "Infinity"):
            case(f"fbeta {name} average={avg} beta={beta}", "fbeta_score", t, p, beta=dec(beta), average=avg)

for name in ("never_predicted", "never_true", "multilabel"):
    t, p, _ = CLASS_DATA[name]
    for zd in ("warn", 0, 1, "NaN"):
        for avg in ("micro", "macro", "weighted", None) + (("samples",) if name == "multilabel" else ()):
            case(f"prfs {name} zero_division={zd} average={avg}", "precision_recall_fscore_support", t, p, average=avg, zero_division=zd)
            case(f"f1 {name} zero_division={zd} average={avg}", "f1_score", t, p, average=avg, zero_division=zd)
            case(f"precision {name} zero_division={zd} average={avg}", "precision_score", t, p, average=avg, zero_division=zd)

# all-negative binary: precision/recall/F undefined for the positive class
for zd in ("warn", 0, 1, "NaN"):
    case(f"f1 all negative zero_division={zd}", "f1_score", [0, 0, 0, 0], [0, 0, 0, 0], zero_division=zd)
    case(f"prfs all negative binary zero_division={zd}", "precision_recall_fscore_support", [0, 0, 0, 0], [0, 0, 0, 0], average="binary", zero_division=zd)
    case(f"recall no positives zero_division={zd}", "recall_score", [0, 0, 0, 0], [0, 1, 0, 1], zero_division=zd)

# labels subsets, order and absent labels; pos_label
case("prfs labels subset", "precision_recall_fscore_support", MC_T, MC_P, labels=[2, 0])
case("prfs labels with absent", "precision_recall_fscore_support", MC_T, MC_P, labels=[0, 1, 2, 5])
case("f1 macro labels subset", "f1_score", MC_T, MC_P, labels=[0, 2], average="macro")
case("f1 micro labels subset", "f1_score", MC_T, MC_P, labels=[0, 2], average="micro")
case("f1 weighted labels absent only", "f1_score", MC_T, MC_P, labels=[7, 8], average="weighted")
case("f1 strings labels", "f1_score", STR_T, STR_P, labels=["dog", "cat"], average=None)
case("f1 pos_label=0", "f1_score", BIN_T, BIN_P, pos_label=0)
case("precision string binary pos_label", "precision_score", ["no", "yes", "yes", "no"], ["no", "yes", "no", "no"], pos_label="yes")
case("f1 macro with pos_label warns", "f1_score", BIN_T, BIN_P, average="macro", pos_label=0)
case("f1 binary single class present", "f1_score", [1, 1, 1], [1, 1, 1])
case("f1 multilabel labels subset", "f1_score", ML_T, ML_P, labels=[0, 2], average="macro")
case("prfs multilabel labels subset samples", "precision_recall_fscore_support", ML_T, ML_P, labels=[2, 1], average="samples", sample_weight=ML_W)
case("f1 float64 labels", "f1_score", f64([0, 1, 2, 1]), f64([0, 2, 2, 1]), average="macro")

# errors
case("error binary average on multiclass", "f1_score", MC_T, MC_P)
case("error binary average on multilabel", "precision_score", ML_T, ML_P)
case("error length mismatch", "f1_score", [0, 1, 1], [0, 1, 1, 0])
case("error accuracy length mismatch", "accuracy_score", [0, 1, 1], [0, 1, 1, 0])
case("error mixed string number", "accuracy_score", [0, 1, 0], ["a", "b", "a"])
case("error continuous", "accuracy_score", [0, 1, 1], [0.2, 0.7, 0.9])
case("error multilabel vs multiclass", "accuracy_score", ML_T, [0, 1, 2, 0, 1, 2])
case("error invalid pos_label", "f1_score", BIN_T, BIN_P, pos_label=2)
case("error invalid pos_label strings", "f1_score", ["a", "b"], ["a", "b"])
case("error samples on multiclass", "f1_score", MC_T, MC_P, average="samples")
case("error empty", "accuracy_score", [], [])
case("error nan in labels", "accuracy_score", [0.0, float("nan")], [0, 1])

# ---------------------------------------------------------------- classification_report
REPORT_DATA = {k: CLASS_DATA[k] for k in ("binary", "multiclass", "strings", "never_predicted", "big", "multilabel", "bool")}
for name, (t, p, w) in REPORT_DATA.items():
    for digits in (2, 3, 4, 0):
        case(f"report {name} digits={digits}", "classification_report", t, p, digits=digits)
    case(f"report {name} weighted", "classification_report", t, p, sample_weight=w)
    case(f"report {name} dict", "classification_report", t, p, output_dict=True)
    case(f"report {name} dict weighted", "classification_report", t, p, output_dict=True, sample_weight=w)
    for zd in (0, 1, "NaN"):
        case(f"report {name} zero_division={zd}", "classification_report", t, p, zero_division=zd)
case("report target_names", "classification_report", MC_T, MC_P, target_names=["negative", "neutral", "a much longer name"])
case("report target_names dict", "classification_report", MC_T, MC_P, target_names=["negative", "neutral", "positive"], output_dict=True)
case("report labels subset (micro avg)", "classification_report", MC_T, MC_P, labels=[0, 2])
case("report labels superset", "classification_report", MC_T, MC_P, labels=[0, 1, 2, 3])
case("report labels subset dict", "classification_report", MC_T, MC_P, labels=[2, 1], output_dict=True)
case("report labels/target_names mismatch warns", "classification_report", MC_T, MC_P, labels=[0, 1, 2], target_names=["x", "y"])
case("error report target_names mismatch", "classification_report", MC_T, MC_P, target_names=["x", "y"])
case("report short names digits=15", "classification_report", [0, 1, 1], [0, 1, 0], digits=15)
case("report ties round half even", "classification_report", [0, 0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0, 0], digits=2, zero_division=0)
for digits in (1, 2):  # 1/8 = 0.125 and 5/8 = 0.625 are exact ties: Python rounds them to even
    case(f"report exact ties digits={digits}", "classification_report", [0, 1, 1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0, 0, 1], digits=digits)
    case(f"report exact ties 5/8 digits={digits}", "classification_report", [0, 0, 0, 0, 0, 1, 1, 1], [0, 0, 0, 0, 0, 0, 0, 0], digits=digits, zero_division=0)
case("report float labels", "classification_report", f64([1, 2, 2, 1]), f64([1, 2, 1, 1]))
case("report unicode names", "classification_report", ["é", "ü", "é"], ["é", "é", "é"], zero_division=0)

# ---------------------------------------------------------------- confusion matrices
for name, (t, p, w) in CLASS_DATA.items():
    if name == "multilabel":
        continue
    for norm in (None, "true", "pred", "all"):
        case(f"confusion {name} normalize={norm}", "confusion_matrix", t, p, normalize=norm)
        case(f"confusion {name} normalize={norm} weighted", "confusion_matrix", t, p, normalize=norm, sample_weight=w)
case("confusion labels reorder", "confusion_matrix", MC_T, MC_P, labels=[2, 0, 1])
case("confusion labels subset", "confusion_matrix", MC_T, MC_P, labels=[2, 0])
case("confusion labels absent normalize true", "confusion_matrix", MC_T, MC_P, labels=[0, 1, 2, 3], normalize="true")
case("confusion string labels", "confusion_matrix", STR_T, STR_P, labels=["dog", "bird", "cat"])
case("confusion single label warns", "confusion_matrix", [1, 1], [1, 1])
case("error confusion labels not in y_true", "confusion_matrix", MC_T, MC_P, labels=[7, 8])
case("error confusion empty labels", "confusion_matrix", MC_T, MC_P, labels=[])
case("error confusion multilabel", "confusion_matrix", ML_T, ML_P)
case("multilabel_confusion_matrix", "multilabel_confusion_matrix", ML_T, ML_P)
case("multilabel_confusion_matrix samplewise", "multilabel_confusion_matrix", ML_T, ML_P, samplewise=True, sample_weight=ML_W)
case("multilabel_confusion_matrix multiclass labels", "multilabel_confusion_matrix", MC_T, MC_P, labels=[2, 0])

# ---------------------------------------------------------------- MCC and kappa
for name, (t, p, w) in CLASS_DATA.items():
    if name == "multilabel":
        continue
    case(f"mcc {name}", "matthews_corrcoef", t, p)
    case(f"mcc {name} weighted", "matthews_corrcoef", t, p, sample_weight=w)
    for weights in (None, "linear", "quadratic"):
        case(f"kappa {name} weights={weights}", "cohen_kappa_score", t, p, weights=weights)
        case(f"kappa {name} weights={weights} sample_weight", "cohen_kappa_score", t, p, weights=weights, sample_weight=w)
case("mcc constant prediction", "matthews_corrcoef", [0, 1, 1, 0], [1, 1, 1, 1])
case("kappa labels", "cohen_kappa_score", MC_T, MC_P, labels=[0, 1])
case("kappa undefined", "cohen_kappa_score", [1, 1, 1], [1, 1, 1])
case("kappa undefined replace", "cohen_kappa_score", [1, 1, 1], [1, 1, 1], replace_undefined_by=0.0)
case("error mcc multilabel", "matthews_corrcoef", ML_T, ML_P)

# ---------------------------------------------------------------- ROC AUC
BS_T = [0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0]
BS_S = [0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.05, 0.4, 0.65, 0.3, 0.2, 0.7]
BS_W = [1.0, 0.5, 2.0, 1.0, 0.0, 1.5, 1.0, 3.0, 0.25, 1.0, 2.0, 0.5]
case("roc_auc binary", "roc_auc_score", BS_T, BS_S)
case("roc_auc binary weighted", "roc_auc_score", BS_T, BS_S, sample_weight=BS_W)
case("roc_auc binary max_fpr", "roc_auc_score", BS_T, BS_S, max_fpr=0.3)
case("roc_auc binary strings", "roc_auc_score", ["neg", "pos", "pos", "neg"], [0.2, 0.9, 0.4, 0.5])
case("roc_auc one class", "roc_auc_score", [1, 1, 1], [0.2, 0.5, 0.9])
BIGB_T = rng.randint(0, 2, size=400).tolist()
BIGB_S = np.round(rng.rand(400), 2).tolist()
case("roc_auc big ties", "roc_auc_score", BIGB_T, BIGB_S)
case("roc_curve binary", "roc_curve", BS_T, BS_S)
case("roc_curve no drop", "roc_curve", BS_T, BS_S, drop_intermediate=False)
case("roc_curve weighted pos_label", "roc_curve", [1, 2, 2, 1, 2], [0.3, 0.6, 0.6, 0.1, 0.9], pos_label=2, sample_weight=[1, 2, 0.5, 1, 1])
case("error roc_curve no pos_label", "roc_curve", [1, 2, 2, 1], [0.3, 0.6, 0.6, 0.1])
case("auc", "auc", [1, 2, 3, 4], [0.1, 0.4, 0.35, 0.8])
case("auc decreasing", "auc", [4, 3, 2, 1], [0.1, 0.4, 0.35, 0.8])
P3 = rng.dirichlet([1, 1, 1], size=12)
P3_T = [0, 1, 2, 2, 1, 0, 2, 1, 0, 2, 2, 1]
for avg in ("macro", "weighted", "micro", None):
    case(f"roc_auc ovr average={avg}", "roc_auc_score", P3_T, P3.tolist(), multi_class="ovr", average=avg)
    case(f"roc_auc ovr average={avg} weighted", "roc_auc_score", P3_T, P3.tolist(), multi_class="ovr", average=avg, sample_weight=MC_W)
for avg in ("macro", "weighted"):
    case(f"roc_auc ovo average={avg}", "roc_auc_score", P3_T, P3.tolist(), multi_class="ovo", average=avg)
case("roc_auc ovr string labels", "roc_auc_score", ["a", "b", "c", "c", "b", "a"], P3[:6].tolist(), multi_class="ovr")
case("roc_auc ovr labels", "roc_auc_score", [0, 2, 2, 0, 2, 0], P3[:6].tolist(), multi_class="ovr", labels=[0, 1, 2])
case("error roc_auc multiclass raise", "roc_auc_score", P3_T, P3.tolist())
case("error roc_auc not probabilities", "roc_auc_score", [0, 1, 2], [[0.5, 0.5, 0.5], [0.2, 0.2, 0.6], [0.1, 0.1, 0.8]], multi_class="ovr")
case("error roc_auc ovo average None", "roc_auc_score", P3_T, P3.tolist(), multi_class="ovo", average=None)
ML_S = np.round(rng.rand(6, 3), 3).tolist()
ML_T2 = [[1, 0, 1], [0, 1, 0], [1, 1, 0], [0, 0, 1], [1, 0, 0], [0, 1, 1]]
for avg in ("macro", "weighted", "micro", "samples", None):
    case(f"roc_auc multilabel average={avg}", "roc_auc_score", ML_T2, ML_S, average=avg)

# ---------------------------------------------------------------- log loss
case("log_loss binary 1d", "log_loss", [0, 1, 1, 0, 1], [0.1, 0.8, 0.6, 0.3, 0.99])
case("log_loss binary 2d strings", "log_loss", ["spam", "ham", "ham", "spam"], [[0.1, 0.9], [0.9, 0.1], [0.8, 0.2], [0.35, 0.65]])
case("log_loss multiclass", "log_loss", P3_T, P3.tolist())
case("log_loss multiclass weighted", "log_loss", P3_T, P3.tolist(), sample_weight=MC_W)
case("log_loss normalize=False", "log_loss", P3_T, P3.tolist(), normalize=False)
case("log_loss normalize=False weighted", "log_loss", P3_T, P3.tolist(), normalize=False, sample_weight=MC_W)
case("log_loss clips 0 and 1", "log_loss", [0, 1, 1, 0], [0.0, 1.0, 0.0, 1.0])
case("log_loss labels", "log_loss", [1, 1, 1], [[0.2, 0.8], [0.4, 0.6], [0.1, 0.9]], labels=[0, 1])
case("log_loss labels 3 classes absent", "log_loss", [0, 2, 2], [[0.6, 0.2, 0.2], [0.1, 0.1, 0.8], [0.3, 0.3, 0.4]], labels=[0, 1, 2])
case("log_loss unordered labels warns", "log_loss", [0, 2, 2], [[0.6, 0.2, 0.2], [0.1, 0.1, 0.8], [0.3, 0.3, 0.4]], labels=[2, 0, 1])
case("log_loss not summing to one warns", "log_loss", [0, 1], [[0.5, 0.6], [0.3, 0.6]])
case("error log_loss one label", "log_loss", [1, 1, 1], [0.2, 0.5, 0.9])
case("error log_loss class count", "log_loss", [0, 1, 2], [[0.5, 0.5], [0.2, 0.8], [0.1, 0.9]])
case("error log_loss above one", "log_loss", [0, 1], [0.5, 1.5])
case("error log_loss undeclared label", "log_loss", [0, 3], [[0.5, 0.5], [0.2, 0.8]], labels=[0, 1])

# ---------------------------------------------------------------- regression
R_T = [3, -0.5, 2, 7, 4.2, 1.1, 0.0, -2.5, 5.5, 3.3]
R_P = [2.5, 0.0, 2, 8, 3.9, 1.4, -0.3, -2.0, 6.1, 2.7]
R_W = [1.0, 2.0, 0.5, 1.5, 1.0, 0.3, 2.2, 1.0, 0.8, 1.1]
R2_T = [[0.5, 1], [-1, 1], [7, -6], [2.2, 0.3], [1.0, 4.0]]
R2_P = [[0, 2], [-1, 2], [8, -5], [2.0, 0.1], [1.5, 3.0]]
R2_W = [1.0, 0.5, 2.0, 1.5, 0.7]
RBIG_T = np.round(rng.randn(333) * 10, 4).tolist()
RBIG_P = (np.asarray(RBIG_T) + np.round(rng.randn(333), 4)).tolist()
for fn in ("mean_squared_error", "root_mean_squared_error", "mean_absolute_error", "r2_score"):
    case(f"{fn} 1d", fn, R_T, R_P)
    case(f"{fn} 1d weighted", fn, R_T, R_P, sample_weight=R_W)
    case(f"{fn} big", fn, RBIG_T, RBIG_P)
    modes = ["raw_values", "uniform_average", [0.3, 0.7]] + (["variance_weighted"] if fn == "r2_score" else [])
    for mo in modes:
        case(f"{fn} 2d multioutput={mo}", fn, R2_T, R2_P, multioutput=mo)
        case(f"{fn} 2d multioutput={mo} weighted", fn, R2_T, R2_P, multioutput=mo, sample_weight=R2_W)
    case(f"error {fn} length", fn, [1, 2, 3], [1, 2])
    case(f"error {fn} outputs", fn, R2_T, [1, 2, 3, 4, 5])
case("r2 constant y_true perfect", "r2_score", [2, 2, 2], [2, 2, 2])
case("r2 constant y_true imperfect", "r2_score", [2, 2, 2], [2, 2, 3])
case("r2 constant y_true not force_finite", "r2_score", [2, 2, 2], [2, 2, 3], force_finite=False)
case("r2 one sample", "r2_score", [1.0], [2.0])
case("r2 variance_weighted constant", "r2_score", [[1, 2], [1, 2]], [[1, 2], [1, 3]], multioutput="variance_weighted")
case("error mse custom weights single output", "mean_squared_error", R_T, R_P, multioutput=[1.0])
# (a bad `multioutput` string is rejected by validate_params, whose message lists a Python set
# in hash order; tests/sklearn/metrics/regression.test.ts checks ours instead)

OUT.parent.mkdir(parents=True, exist_ok=True)
doc = {
    "generator": "scripts/make_sklearn_goldens.py",
    "sklearn_version": sklearn.__version__,
    "numpy_version": np.__version__,
    "python_version": platform.python_version(),
    "cases": CASES,
}
OUT.write_text(json.dumps(doc, indent=None, separators=(",", ":")) + "\n")
n_err = sum("error" in c for c in CASES)
print(f"wrote {len(CASES)} cases ({n_err} errors) with scikit-learn {sklearn.__version__} to {OUT}")
