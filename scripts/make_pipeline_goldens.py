"""Tiny BERT fixtures and golden outputs of HF's real pipeline() for src/transformers/pipelines/.

Run with /opt/pyvenv/bin/python (transformers 5.17, torch 2.13 CPU, tokenizers 0.23):
    /opt/pyvenv/bin/python scripts/make_pipeline_goldens.py

1. Trains a WordPiece tokenizer (HF `tokenizers`, BERT normalizer and pre-tokenizer, vocab 600) on
   the train texts of tests/fixtures/sklearn/brown_genres.json.
2. With torch.manual_seed builds tiny BERTs with HF's classes (hidden 32, 2 layers, 2 heads,
   intermediate 37) and saves each with its tokenizer into tests/fixtures/pipelines/<name>/:
   text-cls (3 labels), multi-label (4 labels, multi_label_classification), single-logit
   (num_labels=1), masked-lm, ner (O, B-PER, I-PER, B-LOC, I-LOC).
3. Runs transformers.pipeline() on inputs that cover every option the TS port supports and writes
   tests/fixtures/pipelines/goldens.json: one record per call with the task, the model folder,
   pipeline() kwargs, the inputs, the call kwargs, and HF's output (or its error message).
   Floats are written unrounded (Python repr through json).

The feature-extraction `pooling`/`normalize` options are a finetune-ts extension (as in
transformers.js); their goldens are computed here from HF's unpooled output with the attention mask.
The token-classification `stride` cases run with the Rust tokenizer wrapped in Overflow0222 (below):
tokenizers 0.23.1-0.23.2 drop most overflow tokens (huggingface/tokenizers#2091).
Reruns give byte-identical fixtures (seeded models, renumbered vocabulary).
"""
import copy
import json
import os
import shutil
import sys

import numpy as np
import tokenizers
import torch
import transformers
from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
from transformers import (
    BertConfig,
    BertForMaskedLM,
    BertForSequenceClassification,
    BertForTokenClassification,
    BertTokenizerFast,
    pipeline,
)

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "tests", "fixtures", "pipelines")
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def train_tokenizer(texts):
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    trainer = trainers.WordPieceTrainer(vocab_size=600, special_tokens=SPECIALS, min_frequency=2)
    tok.train_from_iterator(texts, trainer)
    # The trainer numbers its alphabet in HashSet order and breaks ties between equally frequent
    # merges differently from run to run; the set of tokens comes out the same, so renumber it
    # (specials, then sorted) to make reruns give the same tokenizer.json. WordPiece's greedy
    # longest-match does not depend on the ids.
    order = SPECIALS + sorted(t for t in tok.get_vocab() if t not in SPECIALS)
    tok.model = models.WordPiece(vocab={t: i for i, t in enumerate(order)}, unk_token="[UNK]")
    cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1", special_tokens=[("[CLS]", cls), ("[SEP]", sep)]
    )
    tok.decoder = decoders.WordPiece(prefix="##")
    return BertTokenizerFast(
        tokenizer_object=tok, unk_token="[UNK]", sep_token="[SEP]", pad_token="[PAD]", cls_token="[CLS]",
        mask_token="[MASK]", model_max_length=128,
    )


def config(**kw):
    return BertConfig(
        vocab_size=600, hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=37,
        max_position_embeddings=128, initializer_range=0.5, **kw,
    )


def build_models(tokenizer):
    specs = {
        # seeds picked so that the random heads predict a mix of labels, not one label everywhere
        "text-cls": (108, BertForSequenceClassification, dict(id2label={0: "negative", 1: "neutral", 2: "positive"})),
        "multi-label": (
            102, BertForSequenceClassification,
            dict(id2label={0: "news", 1: "religion", 2: "lore", 3: "fiction"}, problem_type="multi_label_classification"),
        ),
        "single-logit": (103, BertForSequenceClassification, dict(num_labels=1)),
        "masked-lm": (104, BertForMaskedLM, {}),
        "ner": (104, BertForTokenClassification, dict(id2label={0: "O", 1: "B-PER", 2: "I-PER", 3: "B-LOC", 4: "I-LOC"})),
    }
    for name, (seed, cls, kw) in specs.items():
        torch.manual_seed(seed)
        model = cls(config(**kw)).eval()
        if name == "ner":  # more O and I-PER, so that ignore_labels and B-/I- grouping have work to do
            with torch.no_grad():
                model.classifier.bias.copy_(torch.tensor([2.0, 0.5, 1.0, 0.0, -0.5]))
        d = os.path.join(OUT, name)
        shutil.rmtree(d, ignore_errors=True)
        model.save_pretrained(d)
        tokenizer.save_pretrained(d)


TEXTS = [
    "The jury said the election was conducted well.",
    "Café   naïve résumé über — déjà vu!",
    "Hello,world!!! It's 3.14 o'clock... (really?)",
    "Unbelievably, extraordinary misunderstandings multiplied.",
    "John Smith moved from Atlanta to Fulton County in September.",
]
LONG = (
    "The Fulton County Grand Jury said Friday an investigation of Atlanta's recent primary election produced "
    "no evidence that any irregularities took place."
)
NER_TEXTS = [
    "John Smith moved from Atlanta to Fulton County in September.",
    "Mrs.  Éloïse Dupont-Martin visited Washington 😀 yesterday",
    "unbelievably   extraordinary misunderstandings in Philadelphia",
    "中 Jack and Jill went up the hill.",
]
STRIDE_TEXT = "John Smith moved from Atlanta to Fulton County in September, and Jill Dupont-Martin went to Philadelphia."


def jsonable(x):
    if isinstance(x, dict):
        return {k: jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [jsonable(v) for v in x]
    if isinstance(x, (np.floating,)):
        return float(x)
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, torch.Tensor):
        return x.tolist()
    return x


def case_list():
    """(task, model, pipeline kwargs, inputs, call kwargs)"""
    c = []
    tc = "text-classification"
    c += [
        (tc, "text-cls", {}, TEXTS[0], {}),
        (tc, "text-cls", {}, TEXTS, {}),
        (tc, "text-cls", {}, TEXTS, {"batch_size": 2}),
        (tc, "text-cls", {}, TEXTS[1], {"top_k": None}),
        (tc, "text-cls", {}, TEXTS[2], {"top_k": 2}),
        (tc, "text-cls", {}, TEXTS[2], {"top_k": 1}),
        (tc, "text-cls", {}, TEXTS[:3], {"top_k": None, "batch_size": 2}),
        (tc, "text-cls", {}, TEXTS[:3], {"top_k": 1}),
        (tc, "text-cls", {}, TEXTS[3], {"function_to_apply": "sigmoid"}),
        (tc, "text-cls", {}, TEXTS[3], {"function_to_apply": "none", "top_k": None}),
        (tc, "text-cls", {}, TEXTS[3], {"function_to_apply": "softmax", "top_k": 3}),
        (tc, "text-cls", {}, {"text": TEXTS[0], "text_pair": TEXTS[1]}, {}),
        (tc, "text-cls", {}, {"text": TEXTS[0], "text_pair": TEXTS[1]}, {"top_k": None}),
        (tc, "text-cls", {}, [{"text": TEXTS[0], "text_pair": TEXTS[1]}, {"text": TEXTS[2], "text_pair": LONG}], {"batch_size": 2}),
        (tc, "text-cls", {"top_k": 2}, TEXTS[0], {}),
        (tc, "text-cls", {"top_k": 2}, TEXTS[:2], {}),
        (tc, "text-cls", {"function_to_apply": "sigmoid"}, TEXTS[4], {}),
        (tc, "text-cls", {}, LONG, {"truncation": True, "max_length": 8}),
        ("sentiment-analysis", "text-cls", {}, TEXTS[4], {}),
        (tc, "multi-label", {}, TEXTS[0], {}),
        (tc, "multi-label", {}, TEXTS, {"top_k": None, "batch_size": 2}),
        (tc, "single-logit", {}, TEXTS[0], {}),
        (tc, "single-logit", {}, TEXTS[:2], {"top_k": None}),
        (tc, "single-logit", {}, TEXTS[1], {"function_to_apply": "none"}),
        (tc, "single-logit", {"_regression": True}, TEXTS[2], {}),
    ]
    fe = "feature-extraction"
    c += [
        (fe, "text-cls", {}, TEXTS[0], {}),
        (fe, "text-cls", {}, TEXTS[:3], {}),
        (fe, "text-cls", {}, TEXTS[:3], {"batch_size": 2}),
        (fe, "text-cls", {}, LONG, {"truncation": True, "tokenize_kwargs": {"max_length": 6}}),
        (fe, "masked-lm", {}, TEXTS[1], {}),
    ]
    for pooling in ["mean", "cls"]:
        for normalize in [False, True]:
            c.append((fe, "text-cls", {}, TEXTS[1], {"pooling": pooling, "normalize": normalize}))
            c.append((fe, "text-cls", {}, TEXTS[:3], {"pooling": pooling, "normalize": normalize, "batch_size": 2}))
    c.append((fe, "text-cls", {}, TEXTS[:2], {"normalize": True}))
    fm = "fill-mask"
    c += [
        (fm, "masked-lm", {}, "The jury said the [MASK] was conducted well.", {}),
        (fm, "masked-lm", {}, "Café   naïve [MASK] über!", {"top_k": 3}),
        (fm, "masked-lm", {}, "The [MASK] said the [MASK] was conducted.", {}),
        (fm, "masked-lm", {}, "The [MASK] said the [MASK] was conducted.", {"top_k": 2}),
        (fm, "masked-lm", {}, ["The jury [MASK] well.", "A much longer sentence about the [MASK] of the city of Atlanta."], {"batch_size": 2}),
        (fm, "masked-lm", {}, ["The jury [MASK] well.", "It [MASK] the end."], {"top_k": 2}),
        (fm, "masked-lm", {}, ["Only one [MASK] here."], {}),
        (fm, "masked-lm", {}, "The jury said the [MASK] was conducted well.", {"targets": ["election", "the", "jury"]}),
        (fm, "masked-lm", {}, "The jury said the [MASK] was conducted well.", {"targets": "city", "top_k": 3}),
        (fm, "masked-lm", {}, "The jury said the [MASK] was conducted well.", {"targets": ["election", "misunderstandings"], "top_k": 10}),
        (fm, "masked-lm", {"top_k": 4}, "It [MASK] the end.", {}),
        (fm, "masked-lm", {}, "The [MASK] said the election was conducted well.", {"tokenizer_kwargs": {"truncation": True, "max_length": 6}}),
        (fm, "masked-lm", {"targets": ["the", "said"]}, "The jury [MASK] the election.", {"top_k": 1}),
        (fm, "masked-lm", {}, "No mask token in this one.", {}),
        (fm, "masked-lm", {}, ["A [MASK] here.", "No mask token here."], {}),
    ]
    tk = "token-classification"
    for strategy in [None, "none", "simple", "first", "average", "max"]:
        kw = {} if strategy is None else {"aggregation_strategy": strategy}
        for t in NER_TEXTS:
            c.append((tk, "ner", {}, t, kw))
    c += [
        (tk, "ner", {}, NER_TEXTS, {"batch_size": 2}),
        (tk, "ner", {}, NER_TEXTS[:3], {"aggregation_strategy": "simple", "batch_size": 2}),
        (tk, "ner", {}, NER_TEXTS[0], {"ignore_labels": []}),
        (tk, "ner", {}, NER_TEXTS[1], {"ignore_labels": [], "aggregation_strategy": "first"}),
        (tk, "ner", {}, NER_TEXTS[2], {"ignore_labels": ["O", "B-PER"], "aggregation_strategy": "simple"}),
        (tk, "ner", {"aggregation_strategy": "average"}, NER_TEXTS[3], {}),
        (tk, "ner", {}, ["Jack", "Smith", "went", "to", "Atlanta"], {"is_split_into_words": True}),
        (tk, "ner", {}, [["Jack", "Smith", "went"], ["to", "Atlanta", "yesterday"]], {"is_split_into_words": True, "aggregation_strategy": "simple"}),
        ("ner", "ner", {}, NER_TEXTS[0], {"aggregation_strategy": "max"}),
        # stride: model_max_length cut to 16 so that the text runs in overlapping chunks
        (tk, "ner", {"_model_max_length": 16}, STRIDE_TEXT, {"stride": 4, "aggregation_strategy": "first"}),
        (tk, "ner", {"_model_max_length": 16}, STRIDE_TEXT, {"stride": 5, "aggregation_strategy": "simple", "ignore_labels": []}),
        (tk, "ner", {"_model_max_length": 16}, [STRIDE_TEXT, NER_TEXTS[1]], {"stride": 3, "aggregation_strategy": "max", "batch_size": 2}),
        (tk, "ner", {"_model_max_length": 16}, NER_TEXTS[0], {}),
    ]
    return c


def pooled(extractor, text, pooling, normalize):
    enc = extractor.tokenizer(text, return_tensors="pt")
    with torch.no_grad():
        h = extractor.model(**enc)[0][0]  # (T, H)
    v = h.mean(0) if pooling == "mean" else h[0] if pooling == "cls" else h
    if normalize:
        v = torch.nn.functional.normalize(v, p=2, dim=-1)
    return v.tolist()


class Overflow0222:
    """The Rust tokenizer with tokenizers 0.22.2's overflow.

    tokenizers 0.23.1-0.23.2 stop tokenizing a truncated text once max_length tokens exist, so
    `return_overflowing_tokens` loses most of the overflow (huggingface/tokenizers#2091, fix in PR
    #2098): the stride cases would test that bug. This proxy encodes the whole text, then lets the
    Rust `post_process` truncate (with stride and overflow), add the special tokens and pad, which
    is what `encode` did up to 0.22.2. Only the stride cases use it.
    """

    def __init__(self, tok):
        object.__setattr__(self, "_tok", tok)

    def __getattr__(self, k):
        return getattr(self._tok, k)

    def __setattr__(self, k, v):
        setattr(self._tok, k, v)

    def encode_batch(self, inputs, add_special_tokens=True, is_pretokenized=False):
        t = self._tok
        trunc, pad = t.truncation, t.padding
        if trunc is None:
            return t.encode_batch(inputs, add_special_tokens=add_special_tokens, is_pretokenized=is_pretokenized)
        assert all(isinstance(x, str) for x in inputs), "single sequences only"
        t.no_truncation()
        t.no_padding()
        try:
            raw = [t.encode(x, add_special_tokens=False) for x in inputs]
        finally:
            t.enable_truncation(trunc["max_length"], stride=trunc["stride"], strategy=trunc["strategy"], direction=trunc["direction"])
            if pad is not None:
                t.enable_padding(**{k: v for k, v in pad.items() if k != "length"}, length=pad["length"])
        out = [t.post_process(e, None, add_special_tokens) for e in raw]
        if pad is not None:
            n = pad["length"] or max(len(e.ids) for e in out)
            for e in out:
                e.pad(n, direction=pad["direction"], pad_id=pad["pad_id"], pad_type_id=pad["pad_type_id"], pad_token=pad["pad_token"])
        return out


def run_case(task, name, init_kw, inputs, call_kw):
    init_kw = dict(init_kw)
    regression = init_kw.pop("_regression", False)
    max_len = init_kw.pop("_model_max_length", None)
    pipe = pipeline(task, model=os.path.join(OUT, name), device=-1, **init_kw)
    if regression:
        pipe.model.config.problem_type = "regression"
    if max_len is not None:
        pipe.tokenizer.model_max_length = max_len
    if "stride" in call_kw:
        pipe.tokenizer._tokenizer = Overflow0222(pipe.tokenizer._tokenizer)
    if task == "feature-extraction" and ("pooling" in call_kw or "normalize" in call_kw):
        pooling = call_kw.get("pooling", "none")
        texts = [inputs] if isinstance(inputs, str) else inputs
        rows = [pooled(pipe, t, pooling, call_kw.get("normalize", False)) for t in texts]
        if isinstance(inputs, str):
            return {"output": rows}  # [1][H] pooled, [1][T][H] unpooled
        return {"output": rows if pooling != "none" else [[r] for r in rows]}  # [B][H] / [B][1][T][H]
    try:
        return {"output": jsonable(pipe(inputs, **call_kw))}
    except Exception as e:  # noqa: BLE001 - the golden records HF's error
        return {"error": type(e).__name__, "message": str(e)}


def main():
    os.makedirs(OUT, exist_ok=True)
    data = json.load(open(os.path.join(ROOT, "tests", "fixtures", "sklearn", "brown_genres.json")))
    tokenizer = train_tokenizer(data["train"]["text"])
    build_models(tokenizer)
    torch.set_num_threads(1)
    cases = []
    for task, name, init_kw, inputs, call_kw in case_list():
        call_kw = copy.deepcopy(call_kw)  # HF's feature-extraction writes into tokenize_kwargs
        out = run_case(task, name, init_kw, inputs, copy.deepcopy(call_kw))
        cases.append({"task": task, "model": name, "pipeline_kwargs": init_kw, "inputs": inputs, "call_kwargs": call_kw, **out})
    golden = {
        "generator": "scripts/make_pipeline_goldens.py",
        "versions": {
            "transformers": transformers.__version__,
            "torch": torch.__version__,
            "tokenizers": tokenizers.__version__,
            "numpy": np.__version__,
            "python": sys.version.split()[0],
        },
        "cases": cases,
    }
    with open(os.path.join(OUT, "goldens.json"), "w") as f:
        json.dump(golden, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{len(cases)} cases -> {OUT}/goldens.json")


if __name__ == "__main__":
    main()
