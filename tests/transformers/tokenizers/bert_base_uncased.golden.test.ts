// Golden numbers: ../shared/fixtures/tokenizers/bert-base-uncased.golden.json, produced by Hugging Face's
// Rust `tokenizers` crate 0.22.2 (through @anush008/tokenizers@0.6.0) via gen/make_goldens.mjs on the
// genuine bert-base-uncased tokenizer.json (sha256 checked below) — equal to HF Python's fast tokenizer.
// Tolerance: exact (every id, token, offset, mask, type id, word id, overflow window and decode).
// Run twice: from tokenizer.json, and built from vocab.txt alone (HF's BertConverter pipeline).
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { FIXTURES, fileSha256, loadGolden, runGoldens } from "./_goldens.js";
import { AutoTokenizer } from "../../../src/transformers/models/auto/tokenization_auto.js";
import { BertTokenizerFast } from "../../../src/transformers/models/bert/tokenization_bert.js";

const dir = FIXTURES ? path.join(FIXTURES, "bert-base-uncased") : "";

test("bert-base-uncased tokenizer.json is the file the goldens were made from", { skip: !FIXTURES }, () => {
  assert.equal(fileSha256(path.join(dir, "tokenizer.json")), loadGolden("bert-base-uncased")!.header.tokenizer_file_sha256);
});

runGoldens("bert-base-uncased", async () => {
  const tok = await AutoTokenizer.from_pretrained(dir);
  assert.ok(tok instanceof BertTokenizerFast);
  return tok;
}, { label: "tokenizer.json" });

runGoldens("bert-base-uncased", async () => new BertTokenizerFast({ vocab_files: { vocab_file: path.join(dir, "vocab.txt") }, do_lower_case: true }), {
  label: "vocab.txt",
});
