// RandomState vs NumPy's legacy numpy.random.RandomState. Expected sequences come from
//   /opt/pyvenv/bin/python scripts/make_sklearn_selection_goldens.py  (NumPy version recorded in
//   tests/fixtures/sklearn/selection_goldens.json). Tolerance: none — every value must be bit-equal.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { RandomState, check_random_state } from "../../../src/sklearn/utils/random_state.js";

interface Seq {
  random_sample: number[];
  randint_0_10: number[];
  randint_5_1000: number[];
  permutation_17: number[];
  random_sample_after: number[];
}
const G = JSON.parse(readFileSync(new URL("../../fixtures/sklearn/selection_goldens.json", import.meta.url), "utf8")) as { random_state: Record<string, Seq | number[]> };

for (const seed of ["0", "1", "42", "12345", "4294967295"]) {
  test(`RandomState(${seed}) draws the same stream as numpy`, () => {
    const want = G.random_state[seed] as Seq;
    const r = new RandomState(Number(seed));
    assert.deepEqual(Array.from(r.random_sample(5)), want.random_sample);
    assert.deepEqual(r.randint(0, 10, 8), want.randint_0_10);
    assert.deepEqual(r.randint(5, 1000, 8), want.randint_5_1000);
    assert.deepEqual(r.permutation(17), want.permutation_17);
    assert.deepEqual(Array.from(r.rand(2)), want.random_sample_after);
  });
}

test("the stream stays exact across the 624-word state refill", () => {
  const draws = Array.from(new RandomState(0).random_sample(700));
  assert.deepEqual(draws.slice(-5), G.random_state.long0);
});

test("shuffle permutes in place like permutation; check_random_state reuses instances", () => {
  const a = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26];
  new RandomState(0).shuffle(a);
  const p = new RandomState(0).permutation(17);
  assert.deepEqual(a, p.map((i) => i + 10));
  const r = new RandomState(3);
  assert.equal(check_random_state(r), r);
  assert.equal(check_random_state(7).randint(0, 1000), new RandomState(7).randint(0, 1000));
  assert.throws(() => new RandomState(-1), /Seed must be between 0 and 2\*\*32 - 1/);
  assert.throws(() => new RandomState(1).randint(3, 3), /low >= high/);
});
