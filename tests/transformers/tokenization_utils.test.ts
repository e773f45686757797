// PreTrainedTokenizerFast / BatchEncoding behaviour (HF transformers' tokenization_utils_fast.py and
// tokenization_utils_base.py semantics). Expected values are HF's (documented behaviour, or the Rust
// goldens in ../shared/fixtures/tokenizers for the ids); exact.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { FIXTURES } from "./tokenizers/_goldens.js";
import { AutoTokenizer } from "../../src/transformers/models/auto/tokenization_auto.js";
import { BatchEncoding, PreTrainedTokenizerFast } from "../../src/transformers/tokenization_utils.js";
import { ValueError } from "../../src/utils/errors.js";

const skip = !FIXTURES;
const bert = () => AutoTokenizer.from_pretrained(path.join(FIXTURES!, "bert-base-uncased"));
const gpt2 = () => AutoTokenizer.from_pretrained(path.join(FIXTURES!, "gpt2"));
const roberta = () => AutoTokenizer.from_pretrained(path.join(FIXTURES!, "roberta-base"));

let torchOk = true;
try {
  await import("../../src/torch/index.js");
} catch {
  torchOk = false;
}

test("instances are callable functions and PreTrainedTokenizerFast instances", { skip }, async () => {
  const tok = await bert();
  assert.equal(typeof tok, "function");
  assert.ok(tok instanceof PreTrainedTokenizerFast);
  const enc = tok("Hello, world!");
  assert.ok(enc instanceof BatchEncoding);
  assert.deepEqual(enc.input_ids, [101, 7592, 1010, 2088, 999, 102]);
  assert.deepEqual(enc.token_type_ids, [0, 0, 0, 0, 0, 0]);
  assert.deepEqual(enc.attention_mask, [1, 1, 1, 1, 1, 1]);
  assert.deepEqual(tok.__call__("Hello, world!").input_ids, enc.input_ids);
  assert.equal(tok.length, tok.__len__());
  assert.equal(tok.__len__(), 30522);
});

test("BatchEncoding is plain-object-like: keys, spread, JSON", { skip }, async () => {
  const tok = await bert();
  const enc = tok(["a b", "c"], { padding: true });
  assert.deepEqual(Object.keys(enc), ["input_ids", "token_type_ids", "attention_mask"]);
  assert.deepEqual(enc.keys(), ["input_ids", "token_type_ids", "attention_mask"]);
  const spread = { ...enc };
  assert.deepEqual(Object.keys(spread), ["input_ids", "token_type_ids", "attention_mask"]);
  assert.deepEqual(JSON.parse(JSON.stringify(enc)).input_ids, enc.input_ids);
  assert.deepEqual(enc.input_ids, [[101, 1037, 1038, 102], [101, 1039, 102, 0]]);
  assert.deepEqual(enc.attention_mask, [[1, 1, 1, 1], [1, 1, 1, 0]]);
  assert.equal(enc.is_fast, true);
  assert.equal(enc.encodings!.length, 2);
});

test("word_ids, tokens, sequence_ids, char_to_token & co (UTF-16 positions)", { skip }, async () => {
  const tok = await bert();
  const enc = tok("Hello wonderful world");
  assert.deepEqual(enc.tokens(), ["[CLS]", "hello", "wonderful", "world", "[SEP]"]);
  assert.deepEqual(enc.word_ids(), [null, 0, 1, 2, null]);
  assert.deepEqual(enc.sequence_ids(), [null, 0, 0, 0, null]);
  assert.equal(enc.char_to_token(6), 2);
  assert.equal(enc.char_to_token(5), null); // the space
  assert.equal(enc.char_to_word(16), 2);
  assert.deepEqual(enc.token_to_chars(3), { start: 16, end: 21 });
  assert.equal(enc.token_to_word(2), 1);
  assert.deepEqual(enc.word_to_tokens(1), { start: 2, end: 3 });
  assert.deepEqual(enc.word_to_chars(2), { start: 16, end: 21 });
  const pair = tok("a b", "c");
  assert.deepEqual(pair.sequence_ids(), [null, 0, 0, null, 1, null]);
  assert.equal(pair.char_to_token(0, null, 1), 4);
  // emoji: offsets index the JS string
  const e = tok("I ❤️ 🤗 ok", { return_offsets_mapping: true });
  const text = "I ❤️ 🤗 ok";
  const om = e.offset_mapping!;
  assert.equal(text.slice(om[om.length - 2]![0], om[om.length - 2]![1]), "ok");
});

test("truncation/padding options: strategies, stride, overflow mapping, sides", { skip }, async () => {
  const tok = await bert();
  const text = "one two three four five six seven eight nine ten";
  const o = tok(text, { truncation: true, max_length: 6, stride: 2, return_overflowing_tokens: true });
  // windows of 4 content tokens overlapping by 2
  assert.deepEqual(o.input_ids.map((r) => tok.decode(r)), [
    "[CLS] one two three four [SEP]", "[CLS] three four five six [SEP]", "[CLS] five six seven eight [SEP]", "[CLS] seven eight nine ten [SEP]",
  ]);
  assert.deepEqual(o.overflow_to_sample_mapping, [0, 0, 0, 0]);
  const left = tok(text, { truncation: true, max_length: 5, padding_side: "left" });
  assert.equal(tok.decode(left.input_ids), "[CLS] one two three [SEP]");
  tok.truncation_side = "left";
  assert.equal(tok.decode(tok(text, { truncation: true, max_length: 5 }).input_ids), "[CLS] eight nine ten [SEP]");
  tok.truncation_side = "right";
  const padded = tok(["a", "a b c"], { padding: "max_length", max_length: 8 });
  assert.deepEqual(padded.input_ids.map((r) => r.length), [8, 8]);
  const m = tok(["a"], { padding: true, pad_to_multiple_of: 8 });
  assert.equal(m.input_ids[0]!.length, 8);
  const pl = tok(["a", "a b"], { padding: true, padding_side: "left" });
  assert.deepEqual(pl.input_ids[0], [0, 101, 1037, 102]);
  // only_first / only_second on pairs
  const of = tok("a b c d e f", "x", { truncation: "only_first", max_length: 6 });
  assert.equal(tok.decode(of.input_ids), "[CLS] a b [SEP] x [SEP]");
  assert.throws(() => tok("a b", { truncation: "only_second", max_length: 3 }), /Second sequence not provided/);
  // max_length without truncation/padding defaults to longest_first (with a warning), as HF
  assert.equal(tok(text, { max_length: 4 }).input_ids.length, 4);
  // padding=false etc.
  assert.equal(tok(["a", "a b"], { padding: false }).input_ids[0]!.length, 3);
  assert.equal(tok(["a", "a b"], { padding: "do_not_pad", truncation: "do_not_truncate" }).input_ids[1]!.length, 4);
});

test("return_* flags and add_special_tokens", { skip }, async () => {
  const tok = await roberta();
  const enc = tok("Hello world", { return_special_tokens_mask: true, return_offsets_mapping: true, return_length: true, return_token_type_ids: true });
  assert.deepEqual(Object.keys(enc), ["input_ids", "token_type_ids", "attention_mask", "special_tokens_mask", "offset_mapping", "length"]);
  assert.deepEqual(enc.special_tokens_mask, [1, 0, 0, 1]);
  assert.deepEqual(enc.offset_mapping, [[0, 0], [0, 5], [6, 11], [0, 0]]);
  assert.equal(enc.length, 4);
  const noAtt = tok("Hello", { return_attention_mask: false });
  assert.deepEqual(Object.keys(noAtt), ["input_ids"]);
  assert.deepEqual(tok("Hello world", { add_special_tokens: false }).input_ids, [31414, 232]);
  assert.deepEqual(tok.encode("Hello world"), [0, 31414, 232, 2]);
  assert.deepEqual(tok.tokenize("Hello world"), ["Hello", "Ġworld"]);
  assert.deepEqual(tok.tokenize("Hello world", { add_special_tokens: true }), ["<s>", "Hello", "Ġworld", "</s>"]);
  assert.deepEqual(tok("is <mask>.").input_ids, [0, 354, 50264, 4, 2]);
  assert.equal(tok.mask_token_id, 50264);
  assert.deepEqual(tok.all_special_tokens, ["<s>", "</s>", "<unk>", "<pad>", "<mask>"]);
});

test("is_split_into_words: word ids follow the given words", { skip }, async () => {
  const tok = await bert();
  const enc = tok(["Hello", "wonderful", "tokenization"], { is_split_into_words: true, return_offsets_mapping: true });
  assert.deepEqual(enc.tokens(), ["[CLS]", "hello", "wonderful", "token", "##ization", "[SEP]"]);
  assert.deepEqual(enc.word_ids(), [null, 0, 1, 2, 2, null]);
  assert.deepEqual(enc.offset_mapping, [[0, 0], [0, 5], [0, 9], [0, 5], [5, 12], [0, 0]]);
  const b = tok([["a", "b"], ["c"]], { is_split_into_words: true, padding: true });
  assert.deepEqual(b.input_ids, [[101, 1037, 1038, 102], [101, 1039, 102, 0]]);
});

test("decode / batch_decode / convert_* / clean_up_tokenization_spaces", { skip }, async () => {
  const tok = await bert();
  const ids = tok("I can't go, isn't it?").input_ids;
  assert.equal(tok.decode(ids), "[CLS] i can't go, isn't it? [SEP]"); // bert cleans up by default
  assert.equal(tok.decode(ids, { skip_special_tokens: true, clean_up_tokenization_spaces: false }), "i can ' t go, isn ' t it?");
  assert.deepEqual(tok.batch_decode([ids, [101, 102]], { skip_special_tokens: true }), ["i can't go, isn't it?", ""]);
  assert.deepEqual(tok.convert_ids_to_tokens([101, 7592, 102]), ["[CLS]", "hello", "[SEP]"]);
  assert.deepEqual(tok.convert_ids_to_tokens([101, 7592, 102], true), ["hello"]);
  assert.equal(tok.convert_ids_to_tokens(7592), "hello");
  assert.equal(tok.convert_tokens_to_ids("hello"), 7592);
  assert.deepEqual(tok.convert_tokens_to_ids(["hello", "qqqqqzzz"]), [7592, 100]);
  assert.equal(tok.convert_tokens_to_string(["hello", "##s", "world"]), "hellos world");
  const g = await gpt2();
  assert.equal(g.clean_up_tokenization_spaces, false);
  assert.equal(g.decode(g.encode("Hello , world")), "Hello , world");
  assert.equal(g.decode([]), "");
});

test("padding needs a pad token (GPT-2), and pad_token = eos_token fixes it", { skip }, async () => {
  const tok = await gpt2();
  assert.throws(() => tok(["a", "b c"], { padding: true }), (e: Error) => e instanceof ValueError && /does not have a padding token/.test(e.message));
  tok.pad_token = tok.eos_token;
  assert.equal(tok.pad_token_id, 50256);
  const enc = tok(["a", "b c"], { padding: true });
  assert.deepEqual(enc.input_ids, [[64, 50256], [65, 269]]);
  assert.deepEqual(Object.keys(enc), ["input_ids", "attention_mask"]);
});

test("unknown option keys name the nearest valid one", { skip }, async () => {
  const tok = await bert();
  assert.throws(() => tok("a", { paddding: true } as never), /unknown option "paddding" \(did you mean "padding"\?\)/);
  assert.throws(() => tok.decode([1], { skip_special_token: true } as never), /did you mean "skip_special_tokens"/);
  assert.throws(() => tok(42 as never), /text input must be of type/);
  assert.throws(() => tok(["a", "b"], ["c"]), /same length/);
});

test("add_tokens / add_special_tokens extend the vocabulary and are matched in text", { skip }, async () => {
  const tok = await bert();
  assert.equal(tok.add_tokens(["newword"]), 1);
  assert.equal(tok.convert_tokens_to_ids("newword"), 30522);
  assert.deepEqual(tok.tokenize("a newword b"), ["a", "newword", "b"]);
  assert.equal(tok.add_special_tokens({ additional_special_tokens: ["<ent>"] }), 1);
  assert.deepEqual(tok("x <ent> y").input_ids, [101, 1060, 30523, 1061, 102]);
  assert.equal(tok.decode(tok("x <ent> y").input_ids, { skip_special_tokens: true }), "x y");
  assert.equal(tok.__len__(), 30524);
  assert.equal(tok.vocab_size, 30522);
});

test("pad() pads lists of examples like DataCollatorWithPadding", { skip }, async () => {
  const tok = await bert();
  const feats = [tok("a b c"), tok("a")].map((e, i) => ({ ...e, labels: i }));
  const b = tok.pad(feats, { padding: true });
  assert.deepEqual(b.input_ids, [[101, 1037, 1038, 1039, 102], [101, 1037, 102, 0, 0]]);
  assert.deepEqual(b.attention_mask, [[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]]);
  assert.deepEqual(b.token_type_ids, [[0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]);
  assert.deepEqual(b.labels, [0, 1]);
  const m = tok.pad(feats, { padding: true, pad_to_multiple_of: 8 });
  assert.equal((m.input_ids as number[][])[0]!.length, 8);
});

test('return_tensors: "pt" gives int64 tensors with a batch axis', { skip: skip || !torchOk }, async () => {
  const torch = await import("../../src/torch/index.js");
  const tok = await bert();
  const one = tok("Hello, world!", { return_tensors: "pt" });
  assert.deepEqual(one.input_ids.shape, [1, 6]);
  assert.equal(one.input_ids.dtype, torch.int64);
  assert.deepEqual(one.input_ids.tolist(), [[101, 7592, 1010, 2088, 999, 102]]);
  const b = tok(["a", "b c"], { padding: true, return_tensors: "pt", return_offsets_mapping: true });
  assert.deepEqual(b.attention_mask!.tolist(), [[1, 1, 1, 0], [1, 1, 1, 1]]);
  assert.deepEqual(b.offset_mapping!.shape, [2, 4, 2]);
  assert.equal(tok.decode(one.input_ids), "[CLS] hello, world! [SEP]");
  assert.deepEqual(tok.batch_decode(b.input_ids, { skip_special_tokens: true }), ["a", "b c"]);
  assert.throws(() => tok(["a", "b c"], { return_tensors: "pt" }), /padding=True/);
  const enc = tok.encode("hi", null, { return_tensors: "pt" });
  assert.deepEqual(enc.shape, [1, 3]);
  for (const t of [one.input_ids, one.attention_mask!, one.token_type_ids!, enc]) t.dispose();
  for (const v of Object.values(b)) (v as { dispose(): void }).dispose();
});

test("save_pretrained → from_pretrained round trip (BERT, GPT-2, RoBERTa)", { skip }, async () => {
  for (const load of [bert, gpt2, roberta]) {
    const tok = await load();
    tok.model_max_length = 512;
    const dir = mkdtempSync(path.join(tmpdir(), "tok-save-"));
    const files = await tok.save_pretrained(dir);
    assert.deepEqual(files.map((f) => path.basename(f)), ["tokenizer_config.json", "special_tokens_map.json", "tokenizer.json"]);
    const cfg = JSON.parse(readFileSync(path.join(dir, "tokenizer_config.json"), "utf8"));
    assert.equal(cfg.tokenizer_class, tok.constructor.name.replace(/Fast$/, ""));
    assert.equal(cfg.model_max_length, 512);
    const back = await AutoTokenizer.from_pretrained(dir);
    assert.equal(back.constructor, tok.constructor);
    assert.deepEqual(back.special_tokens_map, tok.special_tokens_map);
    const texts = ["Hello, world! I can't wait 🤗", "is <mask>. [MASK] <|endoftext|>", "  spaced   out  ", "Café déjà vu — 東京"];
    for (const t of texts) {
      const a = tok(t, { return_offsets_mapping: true });
      const b2 = back(t, { return_offsets_mapping: true });
      assert.deepEqual(b2.input_ids, a.input_ids, t);
      assert.deepEqual(b2.offset_mapping, a.offset_mapping, t);
      assert.equal(back.decode(b2.input_ids), tok.decode(a.input_ids));
    }
    // the saved tokenizer.json is in the current serialization
    const tj = JSON.parse(readFileSync(path.join(dir, "tokenizer.json"), "utf8"));
    assert.ok(typeof tj.model.type === "string");
    if (tj.model.type === "BPE") assert.ok(Array.isArray(tj.model.merges[0]));
  }
});
