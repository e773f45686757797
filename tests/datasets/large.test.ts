// A 650k-row review set (the size the issue names) generated into a temp dir: it loads, maps a
// word-id "tokenizer" batched over it, shuffles, filters and saves/loads in reasonable memory.
// Process RSS growth is reported as a diagnostic (no timed or memory assertion: machines differ).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createWriteStream } from "node:fs";
import path from "node:path";
import { load_dataset, load_from_disk, type Dataset } from "../../src/datasets/index.js";
import { tmpdir } from "./_helpers.js";

const N = 650_000;
const WORDS = ["great", "film", "boring", "plot", "acting", "loved", "it", "not", "worth", "the", "ticket", "fine", "\"quoted\"", "and,comma"];

async function writeReviews(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write("text,label\n");
  let seed = 12345;
  const rnd = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  let chunk = "";
  for (let i = 0; i < N; i++) {
    const len = 5 + Math.floor(rnd() * 10);
    const words = Array.from({ length: len }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(" ");
    chunk += `"${words.replace(/"/g, '""')}",${i % 5}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
      chunk = "";
    }
  }
  out.write(chunk);
  await new Promise<void>((r) => out.end(() => r()));
}

const mb = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MB`;

test("650k-row CSV: load, batched map, shuffle, filter, save/load in reasonable memory", { timeout: 600_000 }, async (t) => {
  const dir = tmpdir();
  const file = path.join(dir, "reviews.csv");
  await writeReviews(file);
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  let t0 = performance.now();
  const ds = (await load_dataset("csv", { data_files: file, split: "train" })) as Dataset;
  t.diagnostic(`load: ${(performance.now() - t0).toFixed(0)} ms, rss +${mb(process.memoryUsage().rss - rss0)}`);
  assert.equal(ds.num_rows, N);
  assert.equal(String(ds.features), "{'text': Value('string'), 'label': Value('int64')}");
  assert.equal(ds.at(N - 1).label, (N - 1) % 5);

  const vocab = new Map(WORDS.map((w, i) => [w, i + 1]));
  t0 = performance.now();
  const enc = await ds.map((b: { text: string[] }) => {
    const input_ids = b.text.map((s) => [101, ...s.split(" ").map((w) => vocab.get(w) ?? 100), 102]);
    return { input_ids, attention_mask: input_ids.map((x) => x.map(() => 1)) };
  }, { batched: true, batch_size: 10_000 });
  t.diagnostic(`map: ${(performance.now() - t0).toFixed(0)} ms, rss +${mb(process.memoryUsage().rss - rss0)}`);
  assert.equal(String(enc.features.input_ids), "List(Value('int32'))");
  assert.equal((enc.at(0).input_ids as number[])[0], 101);

  t0 = performance.now();
  const shuffled = enc.shuffle({ seed: 42 });
  const short = await shuffled.filter((b: { label: number[] }) => b.label.map((l) => l === 0), { batched: true, batch_size: 50_000 });
  t.diagnostic(`shuffle+filter: ${(performance.now() - t0).toFixed(0)} ms, rss +${mb(process.memoryUsage().rss - rss0)}`);
  assert.equal(short.num_rows, N / 5);
  const split = short.train_test_split({ test_size: 0.1, seed: 0 });
  assert.equal(split.test.num_rows, 13_000);

  t0 = performance.now();
  await enc.save_to_disk(path.join(dir, "saved"));
  const back = (await load_from_disk(path.join(dir, "saved"))) as Dataset;
  t.diagnostic(`save+load_from_disk: ${(performance.now() - t0).toFixed(0)} ms, rss +${mb(process.memoryUsage().rss - rss0)}`);
  assert.deepEqual(back.at(N - 1), enc.at(N - 1));
  global.gc?.();
  t.diagnostic(`final rss growth: ${mb(process.memoryUsage().rss - rss0)} (heap used ${mb(process.memoryUsage().heapUsed)})`);
});
