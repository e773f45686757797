// Unigram (SentencePiece-style) pipeline. No HF fixture exists for ALBERT/T5 here, so the expected
// values are worked out by hand from SentencePiece/HF semantics on a small hand-made vocabulary:
// Viterbi picks the highest total log-prob segmentation; a character no piece covers costs
// (min score - 10) and maps to unk_id, consecutive unknowns fused into one piece whose token string
// is the surface text (HF Rust behaviour); Metaspace turns spaces into "▁" and prepends one;
// the Metaspace decoder drops the first token's "▁". Exact.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Tokenizer } from "../../../src/transformers/tokenizers/tokenizer.js";
import { Unigram } from "../../../src/transformers/tokenizers/models/unigram.js";
import { PreTrainedTokenizerFast } from "../../../src/transformers/tokenization_utils.js";
import { AlbertTokenizerFast } from "../../../src/transformers/models/albert/tokenization_albert.js";

const VOCAB: Array<[string, number]> = [
  ["<pad>", 0], ["<unk>", 0], ["[CLS]", 0], ["[SEP]", 0], ["[MASK]", 0],
  ["▁", -2], ["▁hello", -3], ["▁he", -4], ["llo", -4], ["▁world", -3.5], ["▁w", -4.5], ["orld", -4.2],
  ["h", -5], ["e", -5], ["l", -5], ["o", -5], ["w", -5], ["r", -5], ["d", -5], ["▁a", -3], ["a", -4], ["b", -5], ["ab", -3.9],
  ["<0xC3>", -8], ["<0xA9>", -8],
];

function albertJson(byteFallback = false): Record<string, unknown> {
  const special = ["<pad>", "<unk>", "[CLS]", "[SEP]", "[MASK]"].map((c, id) => ({ id, content: c, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }));
  return {
    version: "1.0", truncation: null, padding: null, added_tokens: special,
    normalizer: { type: "Sequence", normalizers: [{ type: "Replace", pattern: { String: "``" }, content: "\"" }, { type: "Lowercase" }] },
    pre_tokenizer: { type: "Metaspace", replacement: "▁", prepend_scheme: "always", split: true },
    post_processor: {
      type: "TemplateProcessing",
      single: [{ SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "[SEP]", type_id: 0 } }],
      pair: [{ SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "[SEP]", type_id: 0 } }, { Sequence: { id: "B", type_id: 1 } }, { SpecialToken: { id: "[SEP]", type_id: 1 } }],
      special_tokens: { "[CLS]": { id: "[CLS]", ids: [2], tokens: ["[CLS]"] }, "[SEP]": { id: "[SEP]", ids: [3], tokens: ["[SEP]"] } },
    },
    decoder: byteFallback
      ? { type: "Sequence", decoders: [{ type: "Replace", pattern: { String: "▁" }, content: " " }, { type: "ByteFallback" }, { type: "Fuse" }, { type: "Strip", content: " ", start: 1, stop: 0 }] }
      : { type: "Metaspace", replacement: "▁", prepend_scheme: "always", split: true },
    model: { type: "Unigram", unk_id: 1, vocab: VOCAB, byte_fallback: byteFallback },
  };
}

test("Viterbi picks the best-scoring segmentation", () => {
  const m = new Unigram(VOCAB, { unk_id: 1 });
  assert.deepEqual(m.encode("▁hello"), ["▁hello"]); // -3 beats ▁he+llo (-8)
  assert.deepEqual(m.encode("▁world"), ["▁world"]); // -3.5 beats ▁w+orld (-8.7)
  assert.deepEqual(m.encode("ab"), ["ab"]); // -3.9 beats a+b (-9)
  assert.deepEqual(m.encode("▁ab"), ["▁", "ab"]); // ▁+ab = -5.9 beats ▁a+b = -8
});

test("unknown characters: one fused unk piece keeping its text", () => {
  const m = new Unigram(VOCAB, { unk_id: 1 });
  const toks = m.tokenize("▁hexyz");
  assert.deepEqual(toks.map((t) => [t.value, t.id, t.offsets]), [["▁he", 7, [0, 3]], ["xyz", 1, [3, 6]]]);
  // an emoji (surrogate pair) is one character
  assert.deepEqual(m.tokenize("a😀b").map((t) => [t.value, t.id, t.offsets]), [["a", 20, [0, 1]], ["😀", 1, [1, 3]], ["b", 21, [3, 4]]]);
});

test("ALBERT-style tokenizer.json: normalizer, Metaspace, template, offsets, decode", () => {
  const tok = Tokenizer.fromJSON(albertJson());
  const e = tok.encode("Hello World");
  assert.deepEqual(e.tokens, ["[CLS]", "▁hello", "▁world", "[SEP]"]);
  assert.deepEqual(e.ids, [2, 6, 9, 3]);
  assert.deepEqual(e.offsets, [[0, 0], [0, 5], [5, 11], [0, 0]]);
  assert.deepEqual(e.words, [null, 0, 1, null]);
  assert.equal(tok.decode(e.ids), "hello world");
  assert.equal(tok.decode(e.ids, false), "[CLS] hello world[SEP]");
  const p = tok.encode("hello", "ab");
  assert.deepEqual(p.tokens, ["[CLS]", "▁hello", "[SEP]", "▁", "ab", "[SEP]"]);
  assert.deepEqual(p.type_ids, [0, 0, 0, 1, 1, 1]);
  // [MASK] typed in the text is matched before normalization
  assert.deepEqual(tok.encode("hello [MASK]", null, false).tokens, ["▁hello", "▁", "[MASK]"]);
});

test("byte_fallback: unknown text becomes <0x..> byte pieces and decodes back", () => {
  const tok = Tokenizer.fromJSON(albertJson(true));
  const e = tok.encode("hé", null, false);
  // "▁h" + "é" (unknown → bytes C3 A9): ▁+h (-7) loses to nothing better, so ▁ and h are separate pieces
  assert.deepEqual(e.tokens, ["▁", "h", "<0xC3>", "<0xA9>"]);
  assert.deepEqual(e.offsets, [[0, 1], [0, 1], [1, 2], [1, 2]]);
  assert.equal(tok.decode(e.ids), "hé");
});

test("AlbertTokenizerFast over a tokenizer.json: call, save/load round trip", async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const path = await import("node:path");
  const tok = new AlbertTokenizerFast({ tokenizer_object: Tokenizer.fromJSON(albertJson()) });
  const enc = tok(["Hello World", "ab"], { padding: true });
  assert.deepEqual(enc.input_ids, [[2, 6, 9, 3], [2, 5, 22, 3]]);
  assert.deepEqual(enc.attention_mask, [[1, 1, 1, 1], [1, 1, 1, 1]]);
  assert.equal(tok.mask_token, "[MASK]");
  const dir = mkdtempSync(path.join(tmpdir(), "albert-"));
  await tok.save_pretrained(dir);
  const back = await AlbertTokenizerFast.from_pretrained(dir);
  assert.ok(back instanceof PreTrainedTokenizerFast);
  assert.deepEqual(back(["Hello World", "ab"], { padding: true }).input_ids, enc.input_ids);
});
