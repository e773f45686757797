// AutoTokenizer class selection (tokenizer_class, model_type, inference from tokenizer.json) and
// error messages for bad files, which must name the file and the key (issue 4).
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { FIXTURES } from "../../tokenizers/_goldens.js";
import { AutoTokenizer } from "../../../../src/transformers/models/auto/tokenization_auto.js";
import { BertTokenizerFast } from "../../../../src/transformers/models/bert/tokenization_bert.js";
import { DistilBertTokenizerFast } from "../../../../src/transformers/models/distilbert/tokenization_distilbert.js";
import { GPT2TokenizerFast } from "../../../../src/transformers/models/gpt2/tokenization_gpt2.js";
import { RobertaTokenizerFast } from "../../../../src/transformers/models/roberta/tokenization_roberta.js";
import { ValueError } from "../../../../src/utils/errors.js";

const skip = !FIXTURES;
const tmp = (): string => mkdtempSync(path.join(tmpdir(), "auto-tok-"));

test("class from the tokenizer.json pipeline when there is no config", { skip }, async () => {
  assert.ok((await AutoTokenizer.from_pretrained(path.join(FIXTURES!, "bert-base-uncased"))) instanceof BertTokenizerFast);
  assert.ok((await AutoTokenizer.from_pretrained(path.join(FIXTURES!, "gpt2"))) instanceof GPT2TokenizerFast);
  assert.ok((await AutoTokenizer.from_pretrained(path.join(FIXTURES!, "roberta-base"))) instanceof RobertaTokenizerFast);
});

test("class from config.json model_type and from tokenizer_config.json tokenizer_class", { skip }, async () => {
  const d = tmp();
  copyFileSync(path.join(FIXTURES!, "bert-base-uncased", "tokenizer.json"), path.join(d, "tokenizer.json"));
  writeFileSync(path.join(d, "config.json"), JSON.stringify({ model_type: "distilbert" }));
  const t = await AutoTokenizer.from_pretrained(d);
  assert.ok(t instanceof DistilBertTokenizerFast);
  assert.deepEqual(Object.keys(t("hi")), ["input_ids", "attention_mask"]);
  writeFileSync(path.join(d, "tokenizer_config.json"), JSON.stringify({ tokenizer_class: "BertTokenizerFast", model_max_length: 512, padding_side: "left" }));
  const b = await AutoTokenizer.from_pretrained(d);
  assert.ok(b instanceof BertTokenizerFast && !(b instanceof DistilBertTokenizerFast));
  assert.equal(b.model_max_length, 512);
  assert.equal(b.padding_side, "left");
  // from_pretrained options override the config
  assert.equal((await AutoTokenizer.from_pretrained(d, { model_max_length: 128 })).model_max_length, 128);
});

test("do_lower_case=false rebuilds the BERT normalizer (as BertTokenizerFast.__init__)", { skip }, async () => {
  const d = tmp();
  copyFileSync(path.join(FIXTURES!, "bert-base-uncased", "tokenizer.json"), path.join(d, "tokenizer.json"));
  writeFileSync(path.join(d, "tokenizer_config.json"), JSON.stringify({ do_lower_case: false }));
  const t = await AutoTokenizer.from_pretrained(d);
  assert.deepEqual(t.tokenize("Hello"), ["[UNK]"]); // uncased vocab has no "Hello"
});

test("vocab.json + merges.txt only → GPT-2; vocab.txt only → BERT", { skip }, async () => {
  const g = tmp();
  for (const f of ["vocab.json", "merges.txt"]) copyFileSync(path.join(FIXTURES!, "gpt2", f), path.join(g, f));
  const gt = await AutoTokenizer.from_pretrained(g);
  assert.ok(gt instanceof GPT2TokenizerFast);
  assert.deepEqual(gt("Hello world").input_ids, [15496, 995]);
  const b = tmp();
  copyFileSync(path.join(FIXTURES!, "bert-base-uncased", "vocab.txt"), path.join(b, "vocab.txt"));
  const bt = await AutoTokenizer.from_pretrained(b);
  assert.deepEqual(bt("Hello world").input_ids, [101, 7592, 2088, 102]);
});

test("a bad tokenizer.json names the file and the key", { skip }, async () => {
  const base = JSON.parse(readFileSync(path.join(FIXTURES!, "gpt2", "tokenizer.json"), "utf8"));
  const cases: Array<[(j: Record<string, any>) => void, RegExp]> = [ // eslint-disable-line @typescript-eslint/no-explicit-any
    [(j) => { j.model.merges = 5; }, /tokenizer\.json: "model\.merges": expected an array, got number/],
    [(j) => { j.pre_tokenizer.type = "Nope"; }, /tokenizer\.json: "pre_tokenizer\.type": unknown pre_tokenizer type "Nope"/],
    [(j) => { j.added_tokens[0].content = 7; }, /tokenizer\.json: "added_tokens\[0\]\.content": expected a string, got number/],
    [(j) => { j.model.vocab["Ġt"] = "x"; }, /tokenizer\.json: "model\.vocab\.Ġt": expected a number, got string/],
    [(j) => { delete j.model; }, /tokenizer\.json: "model": missing/],
  ];
  for (const [mutate, re] of cases) {
    const d = tmp();
    const j = structuredClone(base);
    mutate(j);
    writeFileSync(path.join(d, "tokenizer.json"), JSON.stringify(j));
    await assert.rejects(AutoTokenizer.from_pretrained(d), (e: Error) => e instanceof ValueError && re.test(e.message) && e.message.includes(d), String(re));
  }
  const d = tmp();
  writeFileSync(path.join(d, "tokenizer.json"), "{ not json");
  await assert.rejects(AutoTokenizer.from_pretrained(d), /tokenizer\.json: not valid JSON/);
  const e = tmp();
  await assert.rejects(AutoTokenizer.from_pretrained(e), /no tokenizer\.json/);
});
