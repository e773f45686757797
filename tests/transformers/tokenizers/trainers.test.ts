// train_new_from_iterator (HF's BpeTrainer / WordPieceTrainer algorithms). No golden: Rust's trainers
// visit words in HashMap order, so their tie-breaks are not reproducible; these tests check the
// properties HF documents — vocab size, special tokens first, the training text tokenized into
// in-vocabulary pieces that decode back, frequent words as single tokens, save/load round trip.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { FIXTURES } from "./_goldens.js";
import { AutoTokenizer } from "../../../src/transformers/models/auto/tokenization_auto.js";
import { BpeTrainer } from "../../../src/transformers/tokenizers/trainers.js";

const skip = !FIXTURES;
const corpus = [
  "the quick brown fox jumps over the lazy dog",
  "the dog sleeps and the fox runs",
  "a quick brown dog is quicker than the lazy fox",
  "foxes and dogs are the best of friends, the end.",
];

test("BpeTrainer: merges most frequent pairs first, ties to the smaller pair", () => {
  const t = new BpeTrainer({ vocab_size: 10 });
  const { vocab, merges } = t.trainBPE(new Map([["abab", 3], ["ab", 2], ["ba", 1]]));
  // alphabet a=0 b=1; (a,b) occurs 3*2+2 = 8 times → first merge; then (ab,ab) 3 times vs (b,a) 1+3
  assert.deepEqual(merges[0], ["a", "b"]);
  assert.equal(vocab.get("ab"), 2);
  assert.deepEqual(merges[1], ["ab", "ab"]);
});

test("WordPiece: train_new_from_iterator on BERT", { skip }, async () => {
  const bert = await AutoTokenizer.from_pretrained(path.join(FIXTURES!, "bert-base-uncased"));
  const tok = bert.train_new_from_iterator(corpus, 120);
  assert.ok(tok.vocab_size <= 120);
  assert.deepEqual(tok.convert_ids_to_tokens([0, 1, 2, 3, 4]), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]);
  assert.equal(tok.cls_token_id, 2);
  for (const line of corpus) {
    const enc = tok(line);
    assert.equal(enc.input_ids[0], tok.cls_token_id);
    assert.equal(enc.input_ids.at(-1), tok.sep_token_id);
    assert.ok(!enc.input_ids.includes(tok.unk_token_id!), line);
    assert.equal(tok.decode(enc.input_ids, { skip_special_tokens: true }), line.replace(" ,", ","));
  }
  assert.deepEqual(tok.tokenize("the fox"), ["the", "fox"]);
  assert.ok(tok.tokenize("Foxes").every((t) => t === "fox" || t.startsWith("##") || t === "foxes"));
  const dir = mkdtempSync(path.join(tmpdir(), "wp-train-"));
  await tok.save_pretrained(dir);
  const back = await AutoTokenizer.from_pretrained(dir);
  for (const line of corpus) assert.deepEqual(back(line).input_ids, tok(line).input_ids);
});

test("byte-level BPE: train_new_from_iterator on GPT-2 and RoBERTa", { skip }, async () => {
  for (const name of ["gpt2", "roberta-base"]) {
    const base = await AutoTokenizer.from_pretrained(path.join(FIXTURES!, name));
    const tok = base.train_new_from_iterator(corpus, 300);
    assert.ok(tok.vocab_size <= 300 && tok.vocab_size > 256);
    assert.equal(tok.convert_tokens_to_ids("Ġthe") >= 256, true);
    assert.deepEqual(tok.tokenize(" the fox"), ["Ġthe", "Ġfox"]);
    for (const line of [...corpus, "unseen wörds 🤗 work too"]) {
      const ids = tok.encode(line);
      assert.equal(tok.decode(ids, { skip_special_tokens: true }), line);
    }
    if (name === "roberta-base") {
      const e = tok("the fox");
      assert.equal(e.input_ids[0], tok.cls_token_id);
      assert.equal(tok.convert_ids_to_tokens(e.input_ids[0]!), "<s>");
    }
    const dir = mkdtempSync(path.join(tmpdir(), "bpe-train-"));
    await tok.save_pretrained(dir);
    const back = await AutoTokenizer.from_pretrained(dir);
    for (const line of corpus) assert.deepEqual(back(line).input_ids, tok(line).input_ids);
  }
});
