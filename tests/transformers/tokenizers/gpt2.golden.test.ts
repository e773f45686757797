// Golden numbers: ../shared/fixtures/tokenizers/gpt2.golden.json, produced by Hugging Face's Rust
// `tokenizers` crate 0.22.2 (through @anush008/tokenizers@0.6.0) via gen/make_goldens.mjs on the genuine
// gpt2 tokenizer.json (older serialization: no "type" in model, merges as "a b" strings). Padding uses
// pad_token = eos_token (<|endoftext|> = 50256), as the goldens do.
// Tolerance: exact (every id, token, offset, mask, type id, word id, overflow window and decode).
// Run twice: from tokenizer.json, and built from vocab.json + merges.txt (HF's GPT2Converter pipeline).
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { FIXTURES, fileSha256, loadGolden, runGoldens } from "./_goldens.js";
import { AutoTokenizer } from "../../../src/transformers/models/auto/tokenization_auto.js";
import { GPT2TokenizerFast } from "../../../src/transformers/models/gpt2/tokenization_gpt2.js";

const dir = FIXTURES ? path.join(FIXTURES, "gpt2") : "";

test("gpt2 tokenizer.json is the file the goldens were made from", { skip: !FIXTURES }, () => {
  assert.equal(fileSha256(path.join(dir, "tokenizer.json")), loadGolden("gpt2")!.header.tokenizer_file_sha256);
});

runGoldens("gpt2", async () => {
  const tok = await AutoTokenizer.from_pretrained(dir);
  assert.ok(tok instanceof GPT2TokenizerFast);
  assert.equal(tok.pad_token, null);
  tok.pad_token = tok.eos_token;
  return tok;
}, { label: "tokenizer.json" });

runGoldens("gpt2", async () => {
  const tok = new GPT2TokenizerFast({ vocab_files: { vocab_file: path.join(dir, "vocab.json"), merges_file: path.join(dir, "merges.txt") } });
  tok.pad_token = tok.eos_token;
  return tok;
}, { label: "vocab.json+merges.txt" });
