// torch.utils.data: default_collate as PyTorch's (ints → int64, floats → float64, strings stay
// lists, tuples/objects keep their structure), samplers, drop_last, seeded shuffling, and the
// loader owning its batches (live tensors flat over epochs).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/torch/index.js";

const { DataLoader, Dataset, TensorDataset, default_collate } = torch.utils.data;

class TextDataset extends Dataset<[string, number]> {
  constructor(private readonly x: string[], private readonly y: number[]) {
    super();
  }
  get length(): number {
    return this.x.length;
  }
  getItem(i: number): [string, number] {
    return [this.x[i], this.y[i]];
  }
}

test("default_collate keeps structure and picks PyTorch's dtypes", () => {
  const b = default_collate([{ a: 1, b: 0.5, s: "x", t: [true, 2] }, { a: 2, b: 1.5, s: "y", t: [false, 3] }]) as Record<string, unknown>;
  assert.equal((b.a as torch.Tensor).dtype, torch.int64);
  assert.equal((b.b as torch.Tensor).dtype, torch.float64);
  assert.deepEqual(b.s, ["x", "y"]);
  const [flags, nums] = b.t as torch.Tensor[];
  assert.deepEqual(flags.tolist(), [true, false]);
  assert.deepEqual(nums.tolist(), [2, 3]);
  for (const t of [b.a, b.b, flags, nums] as torch.Tensor[]) t.dispose();
});

test("seed-001 style: a custom Dataset of (text, label), batch_size, len(loader), drop_last", () => {
  const ds = new TextDataset(["a", "b", "c", "d", "e"], [0, 1, 0, 1, 1]);
  const loader = new DataLoader(ds, { batch_size: 2 });
  assert.equal(loader.length, 3);
  const seen: string[] = [];
  for (const [x, y] of loader as Iterable<[string[], torch.Tensor]>) {
    seen.push(...x);
    assert.equal(y.dtype, torch.int64);
  }
  assert.deepEqual(seen, ["a", "b", "c", "d", "e"]);
  assert.equal(new DataLoader(ds, { batch_size: 2, drop_last: true }).length, 2);
});

test("shuffle follows torch.manual_seed and visits every item once", () => {
  const ds = new TextDataset(Array.from({ length: 20 }, (_, i) => String(i)), Array(20).fill(0));
  const order = (): string[] => {
    torch.manual_seed(7);
    return [...new DataLoader(ds, { batch_size: 4, shuffle: true })].flatMap((b) => (b as [string[], torch.Tensor])[0]);
  };
  const a = order();
  assert.deepEqual(a, order());
  assert.deepEqual([...a].sort((p, q) => Number(p) - Number(q)), Array.from({ length: 20 }, (_, i) => String(i)));
  assert.notDeepEqual(a, Array.from({ length: 20 }, (_, i) => String(i)));
});

test("the loader owns its batches: live tensors do not grow over epochs, breaking out frees the batch", () => {
  const X = torch.randn(10, 3);
  const Y = torch.arange(10);
  const loader = new DataLoader(new TensorDataset(X, Y), { batch_size: 4, shuffle: true });
  const before = torch.memory().live_tensors;
  for (let epoch = 0; epoch < 3; epoch++) {
    for (const [x, y] of loader as Iterable<torch.Tensor[]>) {
      assert.equal(x.size(1), 3);
      assert.equal(y.dtype, torch.int64);
    }
    assert.equal(torch.memory().live_tensors, before);
  }
  for (const batch of loader) {
    void batch;
    break;
  }
  assert.equal(torch.memory().live_tensors, before);
  X.dispose();
  Y.dispose();
});

test("HF-datasets-like objects (num_rows, at) and arrays are accepted", () => {
  const rows = [{ label: 1 }, { label: 0 }];
  // A batch lives until the loader moves on, so read it inside the loop.
  for (const b of new DataLoader(rows, { batch_size: 2 }) as Iterable<{ label: torch.Tensor }>) assert.deepEqual(b.label.tolist(), [1, 0]);
  const like = { num_rows: 2, at: (i: number) => rows[i] };
  assert.equal(new DataLoader(like, { batch_size: 1 }).length, 2);
});
