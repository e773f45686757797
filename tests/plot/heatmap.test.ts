import { test } from "node:test";
import assert from "node:assert/strict";
import { colormap, confusion_matrix_plot } from "../../src/plot/index.js";
import { findAll, parseXml, pngSize } from "./_xml.js";
import { assertInside, assertNoOverlap, overlaps, pixel } from "./_check.js";

const BROWN = ["adventure", "belles_lettres", "editorial", "fiction", "government", "hobbies", "humor", "learned", "lore", "mystery", "news", "religion", "reviews", "romance", "science_fiction"];
const cm15 = BROWN.map((_, i) => BROWN.map((_, j) => (i === j ? 40 + ((i * 7) % 30) : (i * 3 + j * 5) % 7 === 0 ? (i + j) % 9 : 0)));

test("2×2 counts: cells, values, axis names, colour bar, text contrast", async () => {
  const fig = confusion_matrix_plot([[50, 2], [5, 43]], { labels: ["negative", "positive"] });
  const svg = parseXml(fig.to_svg());
  const cells = findAll(svg, "rect", "cell");
  assert.equal(cells.length, 4);
  assert.deepEqual(findAll(svg, "text", "cell_text").map((t) => t.text), ["50", "2", "5", "43"]);
  const texts = findAll(svg, "text").map((t) => t.text);
  for (const s of ["True label", "Predicted label", "negative", "positive"]) assert.ok(texts.includes(s), s);
  assert.equal(findAll(svg, "rect", "colorbar").length, 1);
  assert.equal(fig.layout.axes.length, 2, "matrix + colour bar");
  // viridis: the largest count is yellow with dark text, the smallest dark purple with light text.
  assert.equal(cells[0]!.attrs.fill, colormap("viridis", 1));
  assert.equal(cells[1]!.attrs.fill, colormap("viridis", 0));
  const fills = findAll(svg, "text", "cell_text").map((t) => t.attrs.fill);
  assert.equal(fills[0], colormap("viridis", 0));
  assert.equal(fills[1], colormap("viridis", 1));
  assertInside(fig, "cm 2x2");
  // The PNG shows the cell colours at the cell corners (away from the number).
  const png = fig.to_png();
  assert.deepEqual(pngSize(png), { width: fig.width, height: fig.height });
  assert.equal(await pixel(png, Number(cells[1]!.attrs.x) + 4, Number(cells[1]!.attrs.y) + 4), colormap("viridis", 0));
});

test("normalize true/pred/all gives sklearn's values with 2 decimals; 0/0 is 0", () => {
  const cm = [[50, 2], [5, 43]];
  const vals = (normalize: "true" | "pred" | "all") =>
    findAll(parseXml(confusion_matrix_plot(cm, { normalize }).to_svg()), "text", "cell_text").map((t) => t.text);
  assert.deepEqual(vals("true"), ["0.96", "0.04", "0.10", "0.90"]);
  assert.deepEqual(vals("pred"), ["0.91", "0.04", "0.09", "0.96"]);
  assert.deepEqual(vals("all"), ["0.50", "0.02", "0.05", "0.43"]);
  const zero = confusion_matrix_plot([[3, 1], [0, 0]], { normalize: "true" });
  assert.deepEqual(findAll(parseXml(zero.to_svg()), "text", "cell_text").map((t) => t.text), ["0.75", "0.25", "0.00", "0.00"]);
  const g = confusion_matrix_plot(cm, { normalize: "true", values_format: ".2g" });
  assert.deepEqual(findAll(parseXml(g.to_svg()), "text", "cell_text").map((t) => t.text), ["0.96", "0.038", "0.1", "0.9"]);
});

test("15 Brown genres: 225 cells, rotated names, every label inside the canvas and each number inside its cell", () => {
  for (const opts of [{}, { normalize: "true" as const, cmap: "Blues" }, { width: 640, height: 560 }]) {
    const fig = confusion_matrix_plot(cm15, { labels: BROWN, title: "Brown genres", ...opts });
    const svg = parseXml(fig.to_svg());
    const cells = findAll(svg, "rect", "cell");
    assert.equal(cells.length, 225);
    assertInside(fig, `cm15 ${JSON.stringify(opts)}`);
    assertNoOverlap(fig, "ytick", "cm15");
    const xt = fig.layout.texts.filter((t) => t.role === "xtick");
    assert.deepEqual(xt.map((t) => t.text), BROWN);
    assert.ok(findAll(svg, "text", "xtick").every((t) => /rotate\(-45 /.test(t.attrs.transform ?? "")), "long names are rotated");
    const cellTexts = fig.layout.texts.filter((t) => t.role === "cell_text");
    assert.equal(cellTexts.length, 225);
    cells.forEach((c, k) => {
      const box = { x0: Number(c.attrs.x), y0: Number(c.attrs.y), x1: Number(c.attrs.x) + Number(c.attrs.width), y1: Number(c.attrs.y) + Number(c.attrs.height) };
      const t = cellTexts[k]!;
      assert.ok(t.x0 >= box.x0 && t.x1 <= box.x1 && t.y0 >= box.y0 - 0.5 && t.y1 <= box.y1 + 0.5, `cell ${k} text "${t.text}" spills out of its cell`);
    });
    // Names do not run into the matrix or the "Predicted label" axis name.
    const plot = fig.layout.axes[0]!;
    const xlabel = fig.layout.texts.find((t) => t.role === "xlabel")!;
    for (const t of xt) {
      assert.ok(t.y0 >= plot.y1, `${t.text} overlaps the matrix`);
      assert.ok(!overlaps(t, xlabel), `${t.text} overlaps "Predicted label"`);
    }
    if (opts.width) assert.deepEqual([fig.width, fig.height], [640, 560]);
  }
});

test("short names stay horizontal; cells are whole pixels (no seams)", () => {
  const fig = confusion_matrix_plot([[1, 2, 3], [4, 5, 6], [7, 8, 9]], { labels: ["a", "b", "c"] });
  const svg = parseXml(fig.to_svg());
  assert.ok(findAll(svg, "text", "xtick").every((t) => t.attrs.transform === undefined));
  for (const c of findAll(svg, "rect", "cell")) for (const k of ["x", "y", "width", "height"]) assert.ok(Number.isInteger(Number(c.attrs[k])), `${k}=${c.attrs[k]}`);
  assertNoOverlap(fig, "xtick", "cm3");
});

test("bad input errors name the argument", () => {
  assert.throws(() => confusion_matrix_plot([]), { name: "ValueError", message: /cm is empty/ });
  assert.throws(() => confusion_matrix_plot([[1, 2], [3]]), /cm\[1\] has 1 entries, expected 2/);
  assert.throws(() => confusion_matrix_plot([[1, NaN], [3, 4]]), /cm\[0\]\[1\] is NaN/);
  assert.throws(() => confusion_matrix_plot([[1]], { labels: ["a", "b"] }), /labels has 2 names but cm is 1×1/);
  assert.throws(() => confusion_matrix_plot([[1]], { cmap: "jet" }), /unknown cmap "jet"; available: viridis/);
  assert.throws(() => confusion_matrix_plot([[1]], { normalize: "rows" as never }), /normalize must be/);
  assert.throws(() => confusion_matrix_plot([[1]], { values_format: "%d" }), /values_format/);
  assert.throws(() => confusion_matrix_plot(cm15, { labels: BROWN, width: 100, height: 100 }), /too small for a 15×15 matrix/);
});
