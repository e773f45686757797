// torch.Generator and the DataLoader's shuffle order against PyTorch. Numbers come from PyTorch 2.13
// (scripts/make_generator_goldens.py → tests/fixtures/torch_goldens/generator.json); integer results
// must be identical, float64 draws equal to 1e-15 relative (same mt19937 stream, same transforms).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import * as torch from "../../src/torch/index.js";
import { DataLoader } from "../../src/torch/utils/data/index.js";
import { assert_no_leak } from "../../src/torch/memory.js";

const G = JSON.parse(readFileSync(path.join(import.meta.dirname, "../fixtures/torch_goldens/generator.json"), "utf8"));

function close(actual: number[], expected: number[]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]) <= 1e-15 * Math.max(1, Math.abs(expected[i])), `${i}: ${a} vs ${expected[i]}`));
}

const list = <T>(t: torch.Tensor): T => {
  const v = t.tolist() as T;
  t.dispose();
  return v;
};

test("Generator.manual_seed gives PyTorch's stream for randperm, rand, randn, randint", () => {
  const g = new torch.Generator().manual_seed(42);
  assert.deepEqual(list<number[]>(torch.randperm(10, { generator: g })), G.seeded.randperm10);
  close(list<number[]>(torch.rand(3, { generator: g, dtype: torch.float64 })), G.seeded.rand3);
  close(list<number[]>(torch.randn(3, { generator: g, dtype: torch.float64 })), G.seeded.randn3);
  assert.deepEqual(list<number[]>(torch.randint(0, 100, [5], { generator: g })), G.seeded.randint);
  assert.deepEqual(list<number[]>(torch.randperm(5, { generator: new torch.Generator() })), G.default_generator_randperm5);
  assert.equal(g.initial_seed(), 42n);
});

test("a generator's draws leave the default generator untouched; get_state/set_state replay", () => {
  torch.manual_seed(3);
  const a = list<number[]>(torch.rand(4, { dtype: torch.float64 }));
  torch.manual_seed(3);
  const g = new torch.Generator().manual_seed(1);
  const state = g.get_state();
  const first = list<number[]>(torch.rand(3, { generator: g }));
  assert.deepEqual(list<number[]>(torch.rand(4, { dtype: torch.float64 })), a);
  g.set_state(state);
  state.dispose();
  assert.deepEqual(list<number[]>(torch.rand(3, { generator: g })), first);
});

test("DataLoader shuffle order equals PyTorch's, with the default generator and with a seeded one", () => {
  // Each batch is read as it comes: the loader frees a batch when the next one is asked for.
  const epochs = (loader: DataLoader<number, torch.Tensor>): number[][][] =>
    [0, 1].map(() => {
      const out: number[][] = [];
      for (const b of loader) out.push(b.tolist() as number[]);
      return out;
    });
  assert_no_leak(() => {
    torch.manual_seed(0);
    assert.deepEqual(epochs(new DataLoader([...Array(10).keys()], { batch_size: 3, shuffle: true })), G.loader_global);
    close(list<number[]>(torch.rand(2, { dtype: torch.float64 })), G.loader_global_then_rand);
    torch.manual_seed(0);
    const generator = new torch.Generator().manual_seed(7);
    assert.deepEqual(epochs(new DataLoader([...Array(10).keys()], { batch_size: 4, shuffle: true, drop_last: true, generator })), G.loader_generator);
    close(list<number[]>(torch.rand(2, { dtype: torch.float64 })), G.loader_generator_then_rand);
  }, { warmup: 1, steps: 2 });
});

test("Generator rejects bad seeds and non-CPU devices", () => {
  assert.throws(() => new torch.Generator().manual_seed(-1), /non-negative integer/);
  assert.throws(() => new torch.Generator({ device: "cuda" }), /only device "cpu"/);
});
