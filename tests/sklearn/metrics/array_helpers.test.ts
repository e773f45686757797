// The NumPy/Python behaviours the metrics' text and last bits depend on (src/sklearn/_array.ts).
// Expected strings are what CPython 3 prints (`format(x, ".2f")`, `repr(x)`); the sums are
// NumPy 2.4's `np.sum` of the same float64 arrays (pairwise summation), checked exactly.
import { test } from "node:test";
import assert from "node:assert/strict";
import { compareLabels, numpyStr, pairwiseSum, pyFloatRepr, pyFormatFixed, uniqueSorted } from "../../../src/sklearn/_array.js";

test("pyFormatFixed rounds exact ties to even, like Python's format (toFixed rounds them up)", () => {
  const cases: Array<[number, number, string]> = [
    [0.125, 2, "0.12"], [0.625, 2, "0.62"], [0.375, 2, "0.38"], [2.5, 0, "2"], [0.625, 0, "1"], [-0.125, 2, "-0.12"],
    [1 / 3, 2, "0.33"], [0.1 + 0.2, 2, "0.30"], [1.5e-5, 2, "0.00"], [1e16, 2, "10000000000000000.00"],
    [1e22, 2, "10000000000000000000000.00"], [5e-324, 2, "0.00"], [0, 2, "0.00"], [NaN, 2, "nan"], [Infinity, 3, "inf"],
  ];
  for (const [x, d, want] of cases) assert.equal(pyFormatFixed(x, d), want, `format(${x}, ".${d}f")`);
});

test("pyFloatRepr is Python's repr(float)", () => {
  const cases: Array<[number, string]> = [
    [0.125, "0.125"], [4, "4.0"], [1e16, "1e+16"], [1.5e-5, "1.5e-05"], [123456789, "123456789.0"], [1 / 3, "0.3333333333333333"],
    [0.1 + 0.2, "0.30000000000000004"], [1e-4, "0.0001"], [1e22, "1e+22"], [5e-324, "5e-324"], [0, "0.0"], [-2.5, "-2.5"], [NaN, "nan"],
  ];
  for (const [x, want] of cases) assert.equal(pyFloatRepr(x), want, `repr(${x})`);
});

test("pairwiseSum reproduces np.sum bit for bit (naive summation does not)", () => {
  const a = Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 1009) / 13);
  assert.equal(pairwiseSum(a), 38821.38461538461);
  assert.notEqual(a.reduce((s, v) => s + v, 0), 38821.38461538461);
  assert.equal(pairwiseSum(a.slice(0, 100)), 3912.2307692307686);
});

test("labels sort like np.unique and print like str(ndarray)", () => {
  assert.deepEqual(uniqueSorted([10, 2, -1, 2]), [-1, 2, 10]);
  assert.deepEqual(uniqueSorted(["b", "B", "a", "é", "Z"]), ["B", "Z", "a", "b", "é"]);
  assert.ok(compareLabels("\u{1F600}", "\uFFFF") > 0); // by code point, not UTF-16 unit
  assert.equal(numpyStr([0, 1, 2], "int"), "[0 1 2]");
  assert.equal(numpyStr(["a", "b"], "str"), "['a' 'b']");
  assert.equal(numpyStr([1, 2], "float"), "[1. 2.]");
});
