// Golden numbers: ../shared/fixtures/tokenizers/bert-base-uncased.golden.json (HF Rust `tokenizers` 0.22.2
// via gen/make_goldens.mjs). distilbert-base-uncased has the same vocab.txt and pipeline, so the same
// goldens apply; the one difference is that DistilBERT returns no token_type_ids unless asked.
// Tolerance: exact. The folder here holds only vocab.txt + tokenizer_config.json (no tokenizer.json),
// so this also exercises AutoTokenizer's tokenizer_class lookup and the vocab.txt builder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { FIXTURES, loadGolden, runGoldens } from "./_goldens.js";
import { AutoTokenizer } from "../../../src/transformers/models/auto/tokenization_auto.js";
import { DistilBertTokenizerFast } from "../../../src/transformers/models/distilbert/tokenization_distilbert.js";

function folder(): string {
  const d = mkdtempSync(path.join(tmpdir(), "distilbert-tok-"));
  copyFileSync(path.join(FIXTURES!, "bert-base-uncased", "vocab.txt"), path.join(d, "vocab.txt"));
  writeFileSync(path.join(d, "tokenizer_config.json"), JSON.stringify({ tokenizer_class: "DistilBertTokenizer", do_lower_case: true, model_max_length: 512 }));
  return d;
}

test("distilbert: no token_type_ids by default, model_max_length from tokenizer_config.json", { skip: !FIXTURES }, async () => {
  const tok = await AutoTokenizer.from_pretrained(folder());
  assert.ok(tok instanceof DistilBertTokenizerFast);
  const g = loadGolden("bert-base-uncased")!;
  const enc = tok(g.cases[0].text);
  assert.deepEqual(Object.keys(enc), ["input_ids", "attention_mask"]);
  assert.deepEqual(enc.input_ids, g.cases[0].default.ids);
  assert.equal(tok.model_max_length, 512);
  // truncation=true without max_length uses model_max_length
  const long = tok(g.cases.find((c: { id: string }) => c.id === "long_02").text, { truncation: true });
  assert.equal(long.input_ids.length, 512);
});

runGoldens("bert-base-uncased", () => AutoTokenizer.from_pretrained(folder()), { label: "distilbert vocab.txt" });
