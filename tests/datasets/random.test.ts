// The RNG behind shuffle/train_test_split reproduces NumPy's default_rng (PCG64 + SeedSequence)
// bit for bit. Goldens: np.random.PCG64(42).random_raw(3), default_rng(123).permutation(1000)[:20]
// (scripts/make_datasets_fixtures.py, numpy 2.4.6). Exact equality.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Generator, default_rng } from "../../src/datasets/index.js";
import { G } from "./_helpers.js";

test("PCG64 raw draws equal numpy's", () => {
  const g = new Generator(42);
  assert.deepEqual([g.next_uint64(), g.next_uint64(), g.next_uint64()].map(String), G.random.raw42);
});

test("permutation equals numpy's default_rng(seed).permutation(n)", () => {
  assert.deepEqual(Array.from(default_rng(123).permutation(1000).subarray(0, 20)), G.random.perm_123_1000_head);
  assert.deepEqual(Array.from(new Generator(42).permutation(10)), [5, 6, 0, 7, 3, 2, 4, 9, 1, 8]);
});

test("same seed, same stream; no seed draws from the OS", () => {
  assert.deepEqual(Array.from(new Generator(7).permutation(50)), Array.from(new Generator(7).permutation(50)));
  assert.notDeepEqual(Array.from(default_rng().permutation(50)), Array.from(default_rng().permutation(50)));
  const c = new Generator(1).choice(20, 5);
  assert.equal(new Set(c).size, 5);
  assert.ok(c.every((x) => x >= 0 && x < 20));
});
