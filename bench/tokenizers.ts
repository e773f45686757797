// Tokenizer throughput (part of `npm run bench:models`): our pure-TS tokenizers against HF's Rust
// `tokenizers` (npm @anush008/tokenizers, a dev dependency) on the same texts — the 160 fixture
// texts of ../shared/fixtures/tokenizers/cases.json, repeated to ~1 MB. Rust runs two ways: one
// encodeBatch call (its own thread pool) and one encode per text awaited in turn. Goal ≥ 0.8×.
// Figures are the best of 5 runs (the machine may be shared). The last column is our reference
// pipeline (`use_fast_paths = false`, the oracle of the fast paths) on the same texts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AutoTokenizer } from "../src/transformers/models/auto/tokenization_auto.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const TOK = path.resolve(here, "../../shared/fixtures/tokenizers");
const cases = JSON.parse(readFileSync(path.join(TOK, "cases.json"), "utf8")) as { cases: Array<{ text: string }> };
const base = cases.cases.map((c) => c.text);
const texts: string[] = [];
let bytes = 0;
while (bytes < 1_000_000) {
  for (const t of base) {
    texts.push(t);
    bytes += Buffer.byteLength(t);
  }
}

async function bestOf(fn: () => Promise<unknown> | unknown, repeats = 5): Promise<number> {
  await fn();
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await fn();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}

interface RustEncoding {
  getIds(): number[];
}
interface RustTokenizer {
  encode(s: string, pair?: string | null, o?: { addSpecialTokens?: boolean }): Promise<RustEncoding>;
  encodeBatch(s: string[], o?: { addSpecialTokens?: boolean }): Promise<RustEncoding[]>;
}
let Rust: { fromFile(f: string): RustTokenizer } | null = null;
try {
  Rust = ((await import("@anush008/tokenizers")) as unknown as { Tokenizer: { fromFile(f: string): RustTokenizer } }).Tokenizer;
} catch {
  console.log("@anush008/tokenizers is not installed (npm i -D); printing our figures only");
}

const mb = bytes / 1e6;
console.log(`\ntokenizer throughput — ${texts.length} texts, ${mb.toFixed(2)} MB\n`);
console.log(
  "| tokenizer | finetune-ts MB/s | Rust encodeBatch MB/s | ratio | Rust encode-per-text MB/s | ratio | finetune-ts reference pipeline MB/s |\n|---|---|---|---|---|---|---|",
);
for (const name of ["bert-base-uncased", "gpt2", "roberta-base"]) {
  const ours = await AutoTokenizer.from_pretrained(path.join(TOK, name));
  const tOurs = await bestOf(() => ours(texts, { add_special_tokens: true }));
  // Same ids on every fixture text, so we compare equal work.
  let cells = ["-", "-", "-", "-"];
  if (Rust) {
    const rust = Rust.fromFile(path.join(TOK, name, "tokenizer.json"));
    const theirs = (await rust.encodeBatch(base, { addSpecialTokens: true })).map((e) => e.getIds());
    const mine = ours(base, { add_special_tokens: true }).input_ids;
    base.forEach((t, i) => {
      if (JSON.stringify(theirs[i]) !== JSON.stringify(mine[i])) throw new Error(`${name}: ids differ from Rust's on ${JSON.stringify(t)}`);
    });
    const tBatch = await bestOf(() => rust.encodeBatch(texts, { addSpecialTokens: true }));
    const tSeq = await bestOf(async () => {
      for (const t of texts) await rust.encode(t, null, { addSpecialTokens: true });
    }, 1);
    cells = [(mb / tBatch).toFixed(2), `${(tBatch / tOurs).toFixed(2)}×`, (mb / tSeq).toFixed(2), `${(tSeq / tOurs).toFixed(2)}×`];
  }
  ours.backend_tokenizer.use_fast_paths = false;
  const tRef = await bestOf(() => ours(texts, { add_special_tokens: true }), 1);
  ours.backend_tokenizer.use_fast_paths = true;
  console.log(`| ${name} | ${(mb / tOurs).toFixed(2)} | ${cells.join(" | ")} | ${(mb / tRef).toFixed(2)} |`);
}
