// The fast paths (src/transformers/tokenizers/fast_path.ts) against their oracle, the reference
// pipeline (`Tokenizer.use_fast_paths = false`): every fixture text, pair and batch text plus
// seeded random adversarial strings (controls, Unicode whitespace, combining marks, CJK, surrogate
// pairs and lone surrogates, contractions, added tokens…), through several configurations of the
// three fixture tokenizers. Tolerance: none — the whole Encoding (ids, tokens, offsets, word ids,
// type ids, masks, sequence ranges, overflowing windows) must be equal.
// Also: the GPT-2 ASCII scanner against GPT2_RE, Encoding.concat against the merge_with loop, and
// the flat offsets storage of Encoding against its pair form.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { FIXTURES } from "./_goldens.js";
import { AutoTokenizer } from "../../../src/transformers/models/auto/tokenization_auto.js";
import { BertTokenizerFast } from "../../../src/transformers/models/bert/tokenization_bert.js";
import type { PreTrainedTokenizerFast } from "../../../src/transformers/tokenization_utils.js";
import { Tokenizer } from "../../../src/transformers/tokenizers/tokenizer.js";
import { Encoding } from "../../../src/transformers/tokenizers/encoding.js";
import { BertNormalizer } from "../../../src/transformers/tokenizers/normalizers.js";
import { GPT2_RE } from "../../../src/transformers/tokenizers/pre_tokenizers.js";
import { BertFastPath, ByteLevelFastPath, createFastPath, gpt2SplitAscii } from "../../../src/transformers/tokenizers/fast_path.js";
import { findMatches } from "../../../src/transformers/tokenizers/normalized_string.js";
import { BPE } from "../../../src/transformers/tokenizers/models/bpe.js";
import {
  BertProcessing, ByteLevelProcessor, PostProcessorSequence, RobertaProcessing, TemplateProcessing, parseTemplate,
} from "../../../src/transformers/tokenizers/post_processors.js";

const skip = !FIXTURES;

function fixtureTexts(): string[] {
  if (!FIXTURES) return [];
  const c = JSON.parse(readFileSync(path.join(FIXTURES, "cases.json"), "utf8")) as {
    cases: Array<{ text: string }>;
    pairs: Array<{ text: string; text_pair: string }>;
    batches: Array<{ texts: string[] } | Record<string, unknown>>;
  };
  const out = c.cases.map((x) => x.text);
  for (const p of c.pairs) out.push(p.text, p.text_pair);
  for (const b of c.batches) for (const v of Object.values(b)) if (Array.isArray(v)) for (const t of v) if (typeof t === "string") out.push(t);
  return out;
}

/** mulberry32: a small seeded PRNG, so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ATOMS = [
  "a", "B", "z", "Q", "1", "7", " ", " ", " ", "  ", "\t", "\n", "\r", "\r\n", "\v", "\f", "\0", "\x07", "\x1f", "\x7f",
  ".", ",", "!", "?", "'", "\"", "$", "#", "-", "_", "(", "`", "~", "^", "'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'x",
  "é", "e\u0301", "\u0301", "\u0308\u0301", "Σ", "ς", "İ", "ß", "中", "文", "あ", "한", "\u3000", "\u00a0", "\u0085", "\u2028",
  "\u200b", "\u200d", "\ufeff", "\u00ad", "\ufffd", "\ud83d\ude00", "\ud83d\udc4d\ud83c\udffd", "\ud83d", "\ude00", "ﬁ", "Ⅻ", "①", "²", "½",
  "[CLS]", "[SEP]", "[MASK]", "[UNK]", "<mask>", "<s>", "</s>", "<pad>", "<|endoftext|>",
  "hello", "Hello", "world", "the", "un", "##", "tokenization", "HuggingFace", "donaudampfschifffahrt", "x".repeat(120),
];

function randomTexts(seed: number, n: number): string[] {
  const r = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = Math.floor(r() * 24);
    let s = "";
    for (let j = 0; j < k; j++) s += ATOMS[Math.floor(r() * ATOMS.length)]!;
    out.push(s);
  }
  return out;
}

/** Random printable/space/control ASCII strings (for the GPT-2 scanner). */
function randomAscii(seed: number, n: number): string[] {
  const r = rng(seed);
  const alphabet = "ab Z9 '  \t\n\r\v\f\x00\x1f.,!?-'srtvemld'll're've\x7f";
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = Math.floor(r() * 40);
    let s = "";
    for (let j = 0; j < k; j++) s += alphabet[Math.floor(r() * alphabet.length)]!;
    out.push(s);
  }
  return out;
}

function snapshot(e: Encoding): unknown {
  return {
    ids: e.ids, tokens: e.tokens, offsets: e.offsets, words: e.words, type_ids: e.type_ids,
    special_tokens_mask: e.special_tokens_mask, attention_mask: e.attention_mask,
    sequence_ranges: [...e.sequence_ranges], overflowing: e.overflowing.map(snapshot),
  };
}

/** Encode with the fast path and with the reference; both must agree (and the fast path must run). */
function compare(tok: Tokenizer, texts: string[], label: string, expectFast = true): void {
  let fast = 0;
  const fp = createFastPath(tok);
  if (expectFast) assert.ok(fp, `${label}: a fast path covers this pipeline`);
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i]!;
    if (fp?.encode(t, 0)) fast++;
    for (const add of [true, false]) {
      tok.use_fast_paths = true;
      const a = tok.encode(t, i % 3 === 0 ? texts[(i + 1) % texts.length]! : null, add);
      tok.use_fast_paths = false;
      const b = tok.encode(t, i % 3 === 0 ? texts[(i + 1) % texts.length]! : null, add);
      tok.use_fast_paths = true;
      assert.deepEqual(snapshot(a), snapshot(b), `${label}: text ${i} ${JSON.stringify(t)} (add_special_tokens=${add})`);
    }
    // pre-tokenized input (is_split_into_words): each word encoded on its own, word id = its index
    const words = t.split(" ");
    tok.use_fast_paths = true;
    const a = tok.encode(words, i % 2 === 0 ? words.slice().reverse() : null, true);
    tok.use_fast_paths = false;
    const b = tok.encode(words, i % 2 === 0 ? words.slice().reverse() : null, true);
    tok.use_fast_paths = true;
    assert.deepEqual(snapshot(a), snapshot(b), `${label}: words of text ${i} ${JSON.stringify(words)}`);
  }
  if (expectFast) assert.equal(fast, texts.length, `${label}: the fast path handled every text`);
}

const texts = fixtureTexts();
const random = randomTexts(20240601, 1500);
const dir = (name: string): string => path.join(FIXTURES ?? "", name);

async function load(name: string, opts: Record<string, unknown> = {}): Promise<PreTrainedTokenizerFast> {
  return AutoTokenizer.from_pretrained(dir(name), opts);
}

test("fast path = reference: bert-base-uncased (tokenizer.json)", { skip }, async () => {
  const tok = await load("bert-base-uncased");
  assert.ok(createFastPath(tok._tokenizer) instanceof BertFastPath);
  compare(tok._tokenizer, texts, "bert fixtures");
  compare(tok._tokenizer, random, "bert random");
});

test("fast path = reference: BertNormalizer variants (vocab.txt backend)", { skip }, async () => {
  const vocab_files = { vocab_file: path.join(dir("bert-base-uncased"), "vocab.txt") };
  for (const init of [
    { do_lower_case: false }, { do_lower_case: true, strip_accents: false }, { do_lower_case: false, strip_accents: true },
    { tokenize_chinese_chars: false },
  ]) {
    const tok = new BertTokenizerFast({ vocab_files, ...init });
    compare(tok._tokenizer, texts, `bert ${JSON.stringify(init)} fixtures`);
    compare(tok._tokenizer, random.slice(0, 500), `bert ${JSON.stringify(init)} random`);
  }
  const tok = new BertTokenizerFast({ vocab_files });
  tok._tokenizer.set_normalizer(new BertNormalizer(false, true, null, true));
  compare(tok._tokenizer, random.slice(0, 500), "bert clean_text=false random");
});

test("fast path = reference: gpt2 and roberta-base, with and without add_prefix_space", { skip }, async () => {
  for (const name of ["gpt2", "roberta-base"]) {
    for (const add_prefix_space of [false, true]) {
      const tok = await load(name, { add_prefix_space });
      assert.ok(createFastPath(tok._tokenizer) instanceof ByteLevelFastPath);
      compare(tok._tokenizer, texts, `${name} add_prefix_space=${add_prefix_space} fixtures`);
      compare(tok._tokenizer, random, `${name} add_prefix_space=${add_prefix_space} random`);
    }
  }
});

test("fast path = reference: added tokens (normalized, lstrip/rstrip, single_word) and encode_special_tokens", { skip }, async () => {
  const bert = await load("bert-base-uncased");
  bert.add_tokens(["hello world", "tok"]); // normalized=true: the BERT fast path declines
  compare(bert._tokenizer, texts.slice(0, 60), "bert + normalized added tokens", false);
  const bert2 = await load("bert-base-uncased");
  bert2.add_special_tokens({ additional_special_tokens: [{ content: "<x>", lstrip: true, rstrip: true, normalized: false }, { content: "wor", single_word: true, normalized: false }] });
  compare(bert2._tokenizer, [...texts, ...random.slice(0, 300), "a <x> b", "a<x>b", " <x> ", "wor world wor. (wor)"], "bert + special added tokens");
  bert2._tokenizer.added_vocabulary.encode_special_tokens = true;
  compare(bert2._tokenizer, ["[CLS] a <x> b [SEP]", ...random.slice(0, 200)], "bert encode_special_tokens");
  const rob = await load("roberta-base");
  rob.add_tokens(["hello world", " tok"]);
  compare(rob._tokenizer, [...texts, ...random.slice(0, 300), "a hello world b <mask> c"], "roberta + added tokens");
});

test("fast path = reference: post-processing done by the fast path (singleWrapOf) for each post-processor kind", { skip }, async () => {
  const sample = [...texts, ...random.slice(0, 400)];
  const bert = await load("bert-base-uncased");
  const be = bert._tokenizer;
  const cls: [string, number] = ["[CLS]", 101];
  const sep: [string, number] = ["[SEP]", 102];
  const special = new Map([["[CLS]", { id: "[CLS]", ids: [101], tokens: ["[CLS]"] }], ["[SEP]", { id: "[SEP]", ids: [102], tokens: ["[SEP]"] }], ["[X]", { id: "[X]", ids: [103, 0], tokens: ["[MASK]", "[PAD]"] }]]);
  for (const [label, pp] of [
    ["BertProcessing", new BertProcessing(sep, cls)],
    ["none", null],
    ["Template with type ids and a two-token special", new TemplateProcessing(parseTemplate("[CLS]:1 [X]:2 $A:3 [SEP]:4 [X]"), parseTemplate("[CLS] $A [SEP] $B:1 [SEP]:1"), special)],
    ["Template repeating $A (not covered)", new TemplateProcessing(parseTemplate("[CLS] $A [SEP] $A:1"), parseTemplate("[CLS] $A [SEP] $B:1 [SEP]:1"), special)],
    ["Sequence (not covered)", new PostProcessorSequence([new BertProcessing(sep, cls)])],
  ] as const) {
    be.post_processor = pp;
    compare(be, sample, `bert + ${label}`);
  }
  const gpt2 = await load("gpt2");
  for (const [trim, aps] of [[true, true], [true, false], [false, false]]) {
    gpt2._tokenizer.post_processor = new ByteLevelProcessor(aps, trim, true);
    compare(gpt2._tokenizer, sample, `gpt2 + ByteLevel(trim_offsets=${trim}, add_prefix_space=${aps})`);
  }
  const rob = await load("roberta-base");
  for (const [trim, aps] of [[false, false], [true, true]]) {
    rob._tokenizer.post_processor = new RobertaProcessing(["</s>", 2], ["<s>", 0], trim, aps);
    compare(rob._tokenizer, sample, `roberta + RobertaProcessing(trim_offsets=${trim}, add_prefix_space=${aps})`);
  }
  // with padding configured (applied after the fast path's post-processing)
  be.post_processor = new BertProcessing(sep, cls);
  be.enable_padding({ length: 40, pad_id: 0, pad_token: "[PAD]" });
  compare(be, sample.slice(0, 100), "bert + padding");
});

test("fast path: the model's settings are part of the cache key; BPE dropout and other pipelines use the reference", { skip }, async () => {
  const tok = await load("bert-base-uncased");
  const be = tok._tokenizer;
  const a = be.encode("Hello unbelievable world", null, false).tokens;
  const wp = be.model as unknown as { max_input_chars_per_word: number };
  wp.max_input_chars_per_word = 5;
  assert.deepEqual(be.encode("Hello unbelievable world", null, false).tokens, ["hello", "[UNK]", "world"]);
  wp.max_input_chars_per_word = 100;
  assert.deepEqual(be.encode("Hello unbelievable world", null, false).tokens, a);
  const g = await load("gpt2");
  (g._tokenizer.model as BPE).dropout = 0.5;
  assert.equal(createFastPath(g._tokenizer), null);
  // a normalizer in front of ByteLevel: not covered
  const j = g._tokenizer.toJSON();
  (j.model as Record<string, unknown>).dropout = null;
  j.normalizer = { type: "Lowercase" };
  assert.equal(createFastPath(Tokenizer.fromJSON(j)), null);
});

test("gpt2SplitAscii = GPT2_RE (isolated) on ASCII text", () => {
  const all = [...texts.filter((t) => /^[\x00-\x7f]*$/.test(t)), ...randomAscii(7, 5000), "'s'S 're'll  \n\n x  ", "a  b", "a \n b", " ", "  ", "\n "];
  for (const s of all) {
    const ref = findMatches(GPT2_RE, s).flatMap(([a, b]) => [a, b]);
    if (s.length === 0) ref.length = 0;
    const out: number[] = [];
    gpt2SplitAscii(s, 0, s.length, out);
    assert.deepEqual(out, ref, JSON.stringify(s));
  }
});

test("Encoding.concat = the merge_with loop; flat offsets = pair offsets", () => {
  const mk = (ids: number[], offs: Array<[number, number]>, seq: number | null, flat: boolean): Encoding => {
    const e = new Encoding();
    e.ids = ids.slice();
    e.tokens = ids.map(String);
    e.type_ids = ids.map(() => 1);
    e.words = ids.map((_, i) => i);
    e.special_tokens_mask = ids.map(() => 0);
    e.attention_mask = ids.map(() => 1);
    if (flat) e.setOffsetsFlat(offs.flat());
    else e.offsets = offs.map((o) => [o[0], o[1]]);
    if (seq !== null) e.set_sequence_id(seq);
    return e;
  };
  for (const flat of [true, false]) {
    const parts = (): Encoding[] => [Encoding.fromSpecial([101], ["[CLS]"], 0), mk([5, 6, 7], [[0, 1], [2, 4], [4, 5]], 0, flat), mk([8], [[0, 3]], 1, !flat)];
    const ref = new Encoding();
    for (const p of parts()) ref.merge_with(p, false);
    assert.deepEqual(snapshot(Encoding.concat(parts())), snapshot(ref));
    const e = mk([1, 2, 3], [[0, 1], [1, 3], [3, 4]], 0, flat);
    assert.deepEqual(e.offsetsCopy(), [[0, 1], [1, 3], [3, 4]]);
    e.setOffset(1, 7, 8);
    assert.deepEqual([e.offsetStart(1), e.offsetEnd(1)], [7, 8]);
    assert.deepEqual(e.token_to_chars(1), [0, [7, 8]]);
    assert.equal(e.char_to_token(7), 1);
    e.pad(5, 0, 0, "[PAD]", "left");
    assert.deepEqual(e.offsets, [[0, 0], [0, 0], [0, 1], [7, 8], [3, 4]]);
    e.truncate(2, 0, "right");
    assert.deepEqual(e.offsets, [[0, 0], [0, 0]]);
    assert.deepEqual(e.overflowing.map((o) => o.offsets), [[[0, 1], [7, 8]], [[3, 4]]]);
  }
});
