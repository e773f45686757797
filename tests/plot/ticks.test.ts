import { test } from "node:test";
import assert from "node:assert/strict";
import { format_ticks, nice_ticks } from "../../src/plot/index.js";
import { format_value } from "../../src/plot/_axes.js";

test("nice_ticks picks 1-2-5 steps and at most max_ticks ticks", () => {
  for (const [lo, hi] of [[0, 1], [0, 0.668], [0.8296, 0.8534], [-3, 7], [20, 402], [0.001, 0.0013], [1e3, 1e7], [-0.5, 1.2]] as const) {
    for (const max_ticks of [3, 5, 6, 9]) {
      const t = nice_ticks(lo, hi, { max_ticks });
      assert.ok(t.ticks.length <= max_ticks && t.ticks.length >= 1, `${lo}..${hi} max ${max_ticks}: ${t.ticks}`);
      const mant = t.step / 10 ** Math.floor(Math.log10(t.step) + 1e-9);
      assert.ok([1, 2, 5].some((m) => Math.abs(mant - m) < 1e-9), `step ${t.step} is not 1/2/5×10^k`);
      for (const v of t.ticks) {
        assert.ok(v >= lo - 1e-12 && v <= hi + 1e-12, `tick ${v} outside [${lo}, ${hi}]`);
        assert.ok(Math.abs(v / t.step - Math.round(v / t.step)) < 1e-6, `tick ${v} not a multiple of ${t.step}`);
      }
      // The chosen step is the smallest that satisfies max_ticks: the next smaller 1-2-5 step would not.
      const smaller = mant === 1 ? t.step / 2 : mant === 2 ? t.step / 2 : (t.step * 2) / 5;
      const n = Math.floor(hi / smaller + 1e-9) - Math.ceil(lo / smaller - 1e-9) + 1;
      assert.ok(n > max_ticks, `${lo}..${hi}: step ${smaller} would also fit (${n} ticks)`);
    }
  }
});

test("nice_ticks known values and expand", () => {
  assert.deepEqual(nice_ticks(0, 0.668, { expand: true }), { ticks: [0, 0.2, 0.4, 0.6, 0.8], step: 0.2, lo: 0, hi: 0.8 });
  assert.deepEqual(nice_ticks(0, 1, { max_ticks: 6 }).ticks, [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(nice_ticks(20, 402).ticks, [100, 200, 300, 400]);
  assert.deepEqual(nice_ticks(0.1, 0.7, { max_ticks: 7 }).ticks, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]); // no 0.30000000000000004
  assert.deepEqual(nice_ticks(-3, 7, { expand: true }), { ticks: [-5, 0, 5, 10], step: 5, lo: -5, hi: 10 }); // step 2 would need 7 ticks
  assert.deepEqual(nice_ticks(-3, 7, { expand: true, max_ticks: 7 }).ticks, [-4, -2, 0, 2, 4, 6, 8]);
  const flat = nice_ticks(5, 5);
  assert.ok(flat.lo < 5 && flat.hi > 5 && flat.ticks.includes(5), "a constant range is widened around its value");
  assert.ok(nice_ticks(0, 0).ticks.includes(0));
});

test("nice_ticks rejects bad limits, naming them", () => {
  assert.throws(() => nice_ticks(NaN, 1), /limits must be finite, got \[NaN, 1\]/);
  assert.throws(() => nice_ticks(0, Infinity), /finite/);
  assert.throws(() => nice_ticks(2, 1), /lo \(2\) must not exceed hi \(1\)/);
  assert.throws(() => nice_ticks(0, 1, { max_ticks: 1 }), /max_ticks/);
});

test("format_ticks: the step's decimals, one notation per axis; format_value three significant digits", () => {
  assert.deepEqual(format_ticks([0.1, 0.2, 0.30000000000000004], 0.1), ["0.1", "0.2", "0.3"]);
  assert.deepEqual(format_ticks([0, 0.2, 0.4], 0.2), ["0.0", "0.2", "0.4"]);
  assert.deepEqual(format_ticks([-0, 1], 1), ["0", "1"]);
  assert.deepEqual(format_ticks([0.83, 0.835, 0.84], 0.005), ["0.830", "0.835", "0.840"]);
  assert.deepEqual(format_ticks([100, 200, 400], 100), ["100", "200", "400"]);
  assert.deepEqual(format_ticks([0, 1e6, 2e6], 1e6), ["0", "1e6", "2e6"]);
  // A learning-rate axis: scientific throughout, zero as "0" (not "0.00000" beside "5e-5").
  const lr = nice_ticks(0, 5e-5);
  assert.deepEqual(format_ticks(lr.ticks, lr.step), ["0", "1e-5", "2e-5", "3e-5", "4e-5", "5e-5"]);
  assert.deepEqual(format_ticks([0, 5e-6, 1e-5], 5e-6), ["0", "5.0e-6", "1.0e-5"]);
  assert.deepEqual(format_ticks([0, 5e5, 1e6, 1.5e6], 5e5), ["0", "5.0e5", "1.0e6", "1.5e6"]);
  assert.equal(format_value(0.66823876), "0.668");
  assert.equal(format_value(12.345), "12.3");
  assert.equal(format_value(268), "268");
});
