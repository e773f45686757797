// Golden numbers: ../shared/fixtures/tokenizers/roberta-base.golden.json, produced by Hugging Face's
// Rust `tokenizers` crate 0.22.2 (through @anush008/tokenizers@0.6.0) via gen/make_goldens.mjs on the
// roberta-base tokenizer.json that script constructs from the genuine vocab.json + merges.txt (current
// serialization: "type": "BPE", merges as pairs).
// Tolerance: exact (every id, token, offset, mask, type id, word id, overflow window and decode).
// Run twice: from tokenizer.json, and built from vocab.json + merges.txt (HF's RobertaConverter pipeline).
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { FIXTURES, fileSha256, loadGolden, runGoldens } from "./_goldens.js";
import { AutoTokenizer } from "../../../src/transformers/models/auto/tokenization_auto.js";
import { RobertaTokenizerFast } from "../../../src/transformers/models/roberta/tokenization_roberta.js";

const dir = FIXTURES ? path.join(FIXTURES, "roberta-base") : "";

test("roberta-base tokenizer.json is the file the goldens were made from", { skip: !FIXTURES }, () => {
  assert.equal(fileSha256(path.join(dir, "tokenizer.json")), loadGolden("roberta-base")!.header.tokenizer_file_sha256);
});

runGoldens("roberta-base", async () => {
  const tok = await AutoTokenizer.from_pretrained(dir);
  assert.ok(tok instanceof RobertaTokenizerFast);
  return tok;
}, { label: "tokenizer.json" });

runGoldens("roberta-base", async () => new RobertaTokenizerFast({ vocab_files: { vocab_file: path.join(dir, "vocab.json"), merges_file: path.join(dir, "merges.txt") } }), {
  label: "vocab.json+merges.txt",
});
