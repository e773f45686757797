import { test } from "node:test";
import assert from "node:assert/strict";
import { barh } from "../../src/plot/index.js";
import { findAll, parseXml } from "./_xml.js";
import { assertInside, assertNoOverlap } from "./_check.js";

const GENRES = ["press_reportage", "science_fiction", "belles_lettres", "religion", "hobbies", "lore", "adventure", "news", "romance", "mystery"];

test("seed 000: pd.Series(probs, index=labels).plot.barh()", () => {
  const fig = barh([0.66823876, 0.3317612], { labels: ["negative", "positive"] });
  const svg = parseXml(fig.to_svg());
  const bars = findAll(svg, "rect", "bar");
  assert.equal(bars.length, 2);
  // pandas order: the first value is the bottom bar; its length is twice the second's.
  const [neg, pos] = bars.map((b) => ({ y: Number(b.attrs.y), w: Number(b.attrs.width) }));
  assert.ok(neg!.y > pos!.y, "first label at the bottom");
  assert.ok(Math.abs(neg!.w / pos!.w - 0.66823876 / 0.3317612) < 0.01);
  const texts = findAll(svg, "text").map((t) => t.text);
  for (const s of ["negative", "positive", "0.668", "0.332"]) assert.ok(texts.includes(s), `missing "${s}" in ${texts.join("|")}`);
  assertInside(fig, "seed barh");
});

test("ten long labels: all readable, inside the canvas, bars sorted, one value per bar", () => {
  const probs = [0.02, 0.31, 0.05, 0.11, 0.004, 0.07, 0.2, 0.013, 0.09, 0.133];
  const fig = barh(probs, { labels: GENRES, title: "P(genre | text)", xlabel: "probability", sort: "descending" });
  const svg = parseXml(fig.to_svg());
  assert.equal(findAll(svg, "rect", "bar").length, 10);
  assert.equal(findAll(svg, "text", "value").length, 10);
  assertInside(fig, "barh 10");
  assertNoOverlap(fig, "ytick", "barh 10");
  assertNoOverlap(fig, "xtick", "barh 10");
  const yticks = fig.layout.texts.filter((t) => t.role === "ytick");
  assert.deepEqual(yticks.map((t) => t.text).sort(), [...GENRES].sort(), "no label shortened at the default size");
  // descending: top to bottom by value
  const top2bottom = yticks.slice().sort((a, b) => a.y0 - b.y0).map((t) => t.text);
  assert.equal(top2bottom[0], "science_fiction");
  assert.equal(top2bottom[9], "hobbies");
  // Labels end left of the plot area, values start right of their bar.
  const plot = fig.layout.axes[0]!;
  for (const t of yticks) assert.ok(t.x1 <= plot.x0, `${t.text} reaches into the plot area`);
  const values = fig.layout.texts.filter((t) => t.role === "value");
  assert.ok(values.every((v) => v.x1 <= plot.x1), "value texts stay inside the plot area");
  assert.ok(["title", "xlabel"].every((r) => fig.layout.texts.some((t) => t.role === r)));
});

test("a very long label in a small figure is shortened with an ellipsis, never clipped", () => {
  const long = "a_really_long_category_name_that_goes_on_and_on_and_on_forever";
  const fig = barh({ [long]: 3, short: 1 }, { width: 300, height: 200 });
  assertInside(fig, "long label");
  const shown = fig.layout.texts.filter((t) => t.role === "ytick").map((t) => t.text);
  assert.ok(shown.some((t) => t.endsWith("…") && long.startsWith(t.slice(0, -1))), shown.join("|"));
  // At the default size the figure grows instead.
  const wide = barh({ [long]: 3, short: 1 });
  assertInside(wide, "long label, default size");
  assert.ok(wide.layout.texts.some((t) => t.text === long));
});

test("negative values, xlim, integer values, per-bar colours", () => {
  const fig = barh({ a: -0.5, bb: 1.2, ccc: 0.99 });
  assertInside(fig, "negatives");
  const plot = fig.layout.axes[0]!;
  const bars = findAll(parseXml(fig.to_svg()), "rect", "bar").map((b) => ({ x: Number(b.attrs.x), w: Number(b.attrs.width) }));
  assert.ok(bars[0]!.x + bars[0]!.w <= bars[1]!.x + 0.01, "the negative bar ends where the positive ones start (x = 0)");
  assert.ok(bars.every((b) => b.x >= plot.x0 - 0.01 && b.x + b.w <= plot.x1 + 0.01));
  const texts = fig.layout.texts.filter((t) => t.role === "value").map((t) => t.text);
  assert.deepEqual(texts, ["-0.50", "1.20", "0.99"]);
  const ints = barh([3, 10, 7], { xlim: [0, 20], color: ["#ff0000", "#00ff00", "#0000ff"] });
  const svg = parseXml(ints.to_svg());
  assert.deepEqual(findAll(svg, "text", "value").map((t) => t.text), ["3", "10", "7"]);
  assert.deepEqual(findAll(svg, "rect", "bar").map((b) => b.attrs.fill), ["#ff0000", "#00ff00", "#0000ff"]);
  assert.deepEqual(findAll(svg, "text", "xtick").map((t) => t.text), ["0", "5", "10", "15", "20"]);
});

test("bad input errors name the argument", () => {
  assert.throws(() => barh([0.1, NaN, 0.3]), { name: "ValueError", message: /barh: values\[1\] is NaN/ });
  assert.throws(() => barh({ a: Infinity }), /values\[0\] is Infinity/);
  assert.throws(() => barh([]), { name: "ValueError", message: /barh: values is empty/ });
  assert.throws(() => barh({}), /values is empty/);
  assert.throws(() => barh([1, 2], { labels: ["a"] }), /labels has 1 entries but values has 2/);
  assert.throws(() => barh([1, 2], { color: ["red"] }), /color has 1 entries/);
  assert.throws(() => barh([1], { xlim: [1, 0] }), /xlim must be increasing/);
  assert.throws(() => barh([1], { xlim: [0, NaN] }), /xlim\[1\] is NaN/);
  assert.throws(() => barh([1], { sort: "up" as never }), /sort must be/);
  assert.throws(() => barh([1], { titel: "x" } as never), /unexpected keyword argument 'titel'.*Did you mean 'title'/);
});
