// Shared runner for the tokenizer goldens in ../shared/fixtures/tokenizers/*.golden.json (read its
// README): every case, pair and batch, every variant, through the public API exactly as a user
// calls it (`tokenizer(text, { truncation, max_length, … })`, decode, batch calls).
// Tolerance: none — ids, tokens, offsets (UTF-16: `offsets_utf16 ?? offsets`), masks, type ids,
// word/sequence ids, overflow windows and decoded strings must be equal.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PreTrainedTokenizerFast } from "../../../src/transformers/tokenization_utils.js";

const here = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURES = [path.resolve(here, "../../../../shared/fixtures/tokenizers"), path.resolve(here, "../../../shared/fixtures/tokenizers")].find((p) =>
  existsSync(path.join(p, "cases.json")),
);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function loadGolden(name: string): Json | null {
  if (!FIXTURES) return null;
  return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.golden.json`), "utf8")) as Json;
}

export function fileSha256(p: string): string {
  return createHash("sha256").update(readFileSync(p)).digest("hex");
}

const offs = (v: Json): unknown => v.offsets_utf16 ?? v.offsets;

function checkDecode(tok: PreTrainedTokenizerFast, ids: number[], v: Json, where: string): void {
  if (v.decoded === undefined) return;
  assert.equal(tok.decode(ids, { skip_special_tokens: true, clean_up_tokenization_spaces: false }), v.decoded, `${where} decoded`);
  assert.equal(tok.decode(ids, { skip_special_tokens: false, clean_up_tokenization_spaces: false }), v.decoded_with_special, `${where} decoded_with_special`);
  assert.equal(tok.decode(ids, { skip_special_tokens: true, clean_up_tokenization_spaces: true }), v.decoded_clean_up, `${where} decoded_clean_up`);
}

const ALL = { return_token_type_ids: true, return_attention_mask: true, return_special_tokens_mask: true, return_offsets_mapping: true } as const;

/** Compare one encoded row (BatchEncoding of a single text) with a golden variant. */
function checkRow(tok: PreTrainedTokenizerFast, enc: Json, i: number | null, v: Json, where: string): void {
  const pick = (k: string): unknown => (i === null ? enc[k] : enc[k][i]);
  const bi = i ?? 0;
  if (v.ids) assert.deepEqual(pick("input_ids"), v.ids, `${where} ids`);
  if (v.tokens) assert.deepEqual(enc.tokens(bi), v.tokens, `${where} tokens`);
  if (v.offsets) assert.deepEqual(pick("offset_mapping"), offs(v), `${where} offsets`);
  if (v.attention_mask) assert.deepEqual(pick("attention_mask"), v.attention_mask, `${where} attention_mask`);
  if (v.token_type_ids) assert.deepEqual(pick("token_type_ids"), v.token_type_ids, `${where} token_type_ids`);
  if (v.special_tokens_mask) assert.deepEqual(pick("special_tokens_mask"), v.special_tokens_mask, `${where} special_tokens_mask`);
  if (v.word_ids) assert.deepEqual(enc.word_ids(bi), v.word_ids, `${where} word_ids`);
  if (v.sequence_ids) assert.deepEqual(enc.sequence_ids(bi), v.sequence_ids, `${where} sequence_ids`);
  if (v.ids) checkDecode(tok, v.ids, v, where);
}

/** Call with a temporary truncation_side. */
function withSide<T>(tok: PreTrainedTokenizerFast, side: "left" | "right", f: () => T): T {
  const old = tok.truncation_side;
  tok.truncation_side = side;
  try {
    return f();
  } finally {
    tok.truncation_side = old;
  }
}

export interface GoldenRunOptions {
  /** Label for test names (e.g. "tokenizer.json" or "vocab.txt"). */
  label: string;
  /** Compare token_type_ids (false for tokenizers whose golden type ids are not requested). */
  skipTypeIds?: boolean;
}

/** Register one node:test per golden case/pair/batch (all variants inside). */
export function runGoldens(name: string, load: () => Promise<PreTrainedTokenizerFast>, opts: GoldenRunOptions): void {
  const g = loadGolden(name);
  if (!g) {
    test(`${name} goldens (${opts.label})`, { skip: "../shared/fixtures/tokenizers not found" }, () => {});
    return;
  }
  let tokP: Promise<PreTrainedTokenizerFast> | null = null;
  const get = (): Promise<PreTrainedTokenizerFast> => (tokP ??= load());
  const strip = (v: Json): Json => (opts.skipTypeIds ? { ...v, token_type_ids: undefined } : v);

  test(`${name} (${opts.label}): header vocab sizes and token_to_id probes`, async () => {
    const tok = await get();
    assert.equal(tok.__len__(), g.header.vocab_size.with_added_tokens);
    assert.equal(tok.vocab_size, g.header.vocab_size.without_added_tokens);
    for (const [t, id] of Object.entries(g.header.token_to_id)) assert.equal(tok.convert_tokens_to_ids(t), id, t);
  });

  for (const c of g.cases as Json[]) {
    test(`${name} (${opts.label}) case ${c.id}`, async () => {
      const tok = await get();
      const t = c.text as string;
      checkRow(tok, tok(t, { ...ALL }), null, strip(c.default), `${c.id} default`);
      checkRow(tok, tok(t, { ...ALL, add_special_tokens: false }), null, c.no_special_tokens, `${c.id} no_special_tokens`);
      const tr = tok(t, { ...ALL, truncation: true, max_length: 16, return_overflowing_tokens: true });
      checkRow(tok, tr, 0, strip(c.trunc16), `${c.id} trunc16`);
      assert.deepEqual((tr.input_ids as number[][]).slice(1), c.trunc16.overflowing, `${c.id} trunc16 overflowing`);
      assert.deepEqual(tr.overflow_to_sample_mapping, (tr.input_ids as number[][]).map(() => 0), `${c.id} overflow_to_sample_mapping`);
      withSide(tok, "left", () => checkRow(tok, tok(t, { ...ALL, truncation: true, max_length: 16 }), null, c.trunc16_left, `${c.id} trunc16_left`));
      checkRow(tok, tok(t, { ...ALL, truncation: true, max_length: 128 }), null, strip(c.trunc128), `${c.id} trunc128`);
      checkRow(tok, tok(t, { ...ALL, padding: "max_length", max_length: 32 }), null, strip(c.pad32), `${c.id} pad32`);
      checkRow(tok, tok(t, { ...ALL, padding: "max_length", truncation: true, max_length: 32 }), null, strip(c.pad32_trunc32), `${c.id} pad32_trunc32`);
    });
  }

  for (const p of g.pairs as Json[]) {
    test(`${name} (${opts.label}) pair ${p.id}`, async () => {
      const tok = await get();
      checkRow(tok, tok(p.text, p.text_pair, { ...ALL }), null, strip(p.pair), `${p.id} pair`);
      checkRow(tok, tok(p.text, p.text_pair, { ...ALL, truncation: "longest_first", max_length: 24 }), null, strip(p.pair_trunc24), `${p.id} pair_trunc24`);
      const os = p.pair_trunc24_only_second;
      if (os.error) {
        assert.throws(() => tok(p.text, p.text_pair, { ...ALL, truncation: "only_second", max_length: 24 }), /Sequence to truncate too short/, `${p.id} only_second must throw`);
      } else {
        checkRow(tok, tok(p.text, p.text_pair, { ...ALL, truncation: "only_second", max_length: 24 }), null, strip(os), `${p.id} pair_trunc24_only_second`);
      }
    });
  }

  const byId = new Map((g.cases as Json[]).map((c) => [c.id as string, c.text as string]));
  for (const b of g.batches as Json[]) {
    test(`${name} (${opts.label}) batch ${b.id}`, async () => {
      const tok = await get();
      const texts = (b.case_ids as string[]).map((id) => byId.get(id)!);
      const variants: Array<[string, Json]> = [
        ["batch_longest", { padding: true }],
        ["batch_longest_left", { padding: true, padding_side: "left" }],
        ["batch_longest_trunc16", { padding: true, truncation: true, max_length: 16 }],
        ["batch_multiple8", { padding: true, pad_to_multiple_of: 8 }],
      ];
      for (const [vname, o] of variants) {
        const v = b[vname] as Json;
        const enc = tok(texts, { ...ALL, ...o }) as Json;
        texts.forEach((_, i) => {
          const row: Json = {};
          for (const k of Object.keys(v)) if (k !== "offsets_utf16") row[k] = v[k][i];
          if (v.offsets_utf16) row.offsets_utf16 = v.offsets_utf16[i];
          checkRow(tok, enc, i, strip(row), `${b.id} ${vname} row ${i}`);
        });
      }
    });
  }
}
