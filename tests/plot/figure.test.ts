import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Figure, barh, confusion_matrix_plot } from "../../src/plot/index.js";
import { findAll, parseXml, pngSize } from "./_xml.js";
import { pixel } from "./_check.js";

test("savefig writes PNG or SVG by extension, atomically (no temp file left)", async () => {
  const dir = await mkdtemp(join(tmpdir(), "plot-"));
  try {
    const fig = barh([0.25, 0.75], { labels: ["a", "b"], width: 400, height: 300 });
    await fig.savefig(join(dir, "p.png"));
    await fig.savefig(join(dir, "p.SVG"));
    await fig.savefig(join(dir, "p.png")); // overwriting an existing file also goes through a rename
    assert.deepEqual((await readdir(dir)).sort(), ["p.SVG", "p.png"]);
    assert.deepEqual(pngSize(await readFile(join(dir, "p.png"))), { width: 400, height: 300 });
    const svg = parseXml(await readFile(join(dir, "p.SVG"), "utf8"));
    assert.equal(svg.name, "svg");
    assert.equal(svg.attrs.width, "400");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("savefig rejects other extensions naming the path and the accepted ones, writing nothing", async () => {
  const dir = await mkdtemp(join(tmpdir(), "plot-"));
  try {
    const fig = barh([1, 2]);
    const bad = join(dir, "chart.jpg");
    await assert.rejects(fig.savefig(bad), (e: Error) => e.name === "ValueError" && e.message.includes(bad) && /\.png/.test(e.message) && /\.svg/.test(e.message) && /"\.jpg"/.test(e.message));
    await assert.rejects(fig.savefig(join(dir, "noext")), /unsupported extension \(none\)/);
    // A failed write (missing folder) leaves no temp file behind either.
    await assert.rejects(fig.savefig(join(dir, "missing", "x.png")), /ENOENT/);
    assert.deepEqual(await readdir(dir), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("to_png honours the figure size and scale; the PNG shows what the SVG describes", async () => {
  const fig = barh([0.2, 0.9], { labels: ["x", "y"], width: 320, height: 200, color: ["#d62728", "#2ca02c"] });
  const png = fig.to_png();
  assert.deepEqual(pngSize(png), { width: 320, height: 200 });
  assert.deepEqual(pngSize(fig.to_png({ scale: 2 })), { width: 640, height: 400 });
  assert.throws(() => fig.to_png({ scale: 0 }), /scale must be in \(0, 8\]/);
  // The centre of each bar in the PNG has that bar's colour: both renderers draw one description.
  const bars = findAll(parseXml(fig.to_svg()), "rect", "bar");
  assert.equal(bars.length, 2);
  for (const b of bars) {
    const cx = Number(b.attrs.x) + Number(b.attrs.width) / 2;
    const cy = Number(b.attrs.y) + Number(b.attrs.height) / 2;
    assert.equal(await pixel(png, cx, cy), b.attrs.fill);
  }
  assert.equal(await pixel(png, 2, 2), "#ffffff");
});

test("Figure validates its size; SVG escapes label text", () => {
  assert.throws(() => new Figure(NaN, 100), /width must be a number of pixels/);
  assert.throws(() => new Figure(100, 0), /height/);
  const svg = barh({ "a<b & \"c\"": 1 }).to_svg();
  const texts = findAll(parseXml(svg), "text").map((t) => t.text);
  assert.ok(texts.includes('a<b & "c"'), texts.join("|"));
});

test("the SVG and the PNG lay out the same: Skia's rendering of the SVG matches the PNG", async () => {
  const { createCanvas, loadImage } = await import("@napi-rs/canvas");
  const figs = [
    barh({ negative: 0.668, positive: 0.332 }, { title: "P(label)" }),
    confusion_matrix_plot([[50, 2], [5, 43]], { labels: ["negative", "positive"], normalize: "true" }),
  ];
  for (const fig of figs) {
    const draw = async (buf: Buffer): Promise<Uint8ClampedArray> => {
      const img = await loadImage(buf);
      const c = createCanvas(fig.width, fig.height);
      const ctx = c.getContext("2d");
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, fig.width, fig.height);
      ctx.drawImage(img, 0, 0);
      return ctx.getImageData(0, 0, fig.width, fig.height).data;
    };
    const a = await draw(Buffer.from(fig.to_svg()));
    const b = await draw(fig.to_png());
    let differ = 0;
    for (let i = 0; i < a.length; i += 4) if (Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!) > 60) differ++;
    // Only antialiasing differs (measured ~0.3-1%); a label or cell out of place costs far more.
    assert.ok(differ / (a.length / 4) < 0.015, `${(100 * differ / (a.length / 4)).toFixed(2)}% of pixels differ`);
  }
});
