// Shared assertions for the plot tests: every label inside the canvas, labels of one axis not
// overlapping, and a pixel of the rendered PNG read back through @napi-rs/canvas.
import assert from "node:assert/strict";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import type { Box, Figure } from "../../src/plot/index.js";

export function assertInside(fig: Figure, what: string): void {
  const { width, height, texts } = fig.layout;
  assert.ok(texts.length > 0, `${what}: no text laid out`);
  for (const t of texts) {
    assert.ok(t.x0 >= 0 && t.y0 >= 0 && t.x1 <= width && t.y1 <= height,
      `${what}: ${t.role} "${t.text}" [${t.x0.toFixed(1)}, ${t.y0.toFixed(1)}, ${t.x1.toFixed(1)}, ${t.y1.toFixed(1)}] leaves the ${width}×${height} canvas`);
  }
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 - 0.01 && b.x0 < a.x1 - 0.01 && a.y0 < b.y1 - 0.01 && b.y0 < a.y1 - 0.01;
}

export function assertNoOverlap(fig: Figure, role: string, what: string): void {
  const boxes = fig.layout.texts.filter((t) => t.role === role);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      assert.ok(!overlaps(boxes[i]!, boxes[j]!), `${what}: ${role} "${boxes[i]!.text}" overlaps "${boxes[j]!.text}"`);
    }
  }
}

/** RGB of one pixel of a PNG, as "#rrggbb". */
export async function pixel(png: Buffer, x: number, y: number): Promise<string> {
  const img = await loadImage(png);
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext("2d");
  ctx.drawImage(img, 0, 0);
  const d = ctx.getImageData(Math.round(x), Math.round(y), 1, 1).data;
  return "#" + [d[0]!, d[1]!, d[2]!].map((v) => v.toString(16).padStart(2, "0")).join("");
}
