// The one drawing description every chart builds, rendered two ways: an SVG string and a PNG
// through @napi-rs/canvas (Skia; no browser). Text is measured once, with the canvas, when it is
// placed, and both renderers draw from those numbers, so the SVG and the PNG lay out the same and
// `layout` can report every label's box for tests ("nothing extends outside the canvas").
import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import { randomBytes } from "node:crypto";
import { rename, unlink, writeFile } from "node:fs/promises";
import { extname } from "node:path";
import { ValueError } from "../utils/errors.js";

export const FONT_FAMILY = "DejaVu Sans";
// DejaVu Sans' hhea ascent/descent as fractions of the em. Using the font's line box instead of
// each string's ink box keeps labels of one row on one baseline whatever glyphs they contain.
const ASCENT = 0.928;
const DESCENT = 0.236;

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
/** A placed label: its text, what it is (`"title"`, `"ytick"`, `"cell"` …) and its bounding box in px. */
export interface TextBox extends Box {
  text: string;
  role: string;
}
/** Where things landed, for tests and for callers that annotate a figure. */
export interface FigureLayout {
  width: number;
  height: number;
  /** Every text item with its axis-aligned bounding box (rotation included). */
  texts: TextBox[];
  /** Plot areas (one per panel; the colour bar of a heatmap counts as one). */
  axes: Box[];
}

export type Anchor = "start" | "middle" | "end";
export type VAlign = "top" | "middle" | "bottom" | "baseline";
export interface Gradient {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  stops: Array<[number, string]>;
}
export interface TextStyle {
  size?: number;
  anchor?: Anchor;
  valign?: VAlign;
  color?: string;
  bold?: boolean;
  /** Degrees, clockwise on screen (as SVG and canvas both count), about the anchor point. */
  rotate?: number;
  role?: string;
}

type Item =
  | { kind: "rect"; x: number; y: number; w: number; h: number; fill: string | Gradient; stroke?: string; role?: string; clip?: number }
  | { kind: "line"; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number; dash?: number[]; role?: string }
  | { kind: "polyline"; points: Array<[number, number]>; stroke: string; width: number; dash?: number[]; role?: string; clip?: number }
  | { kind: "marker"; x: number; y: number; r: number; fill: string; stroke: string; shape: "circle" | "star"; role?: string; clip?: number }
  | { kind: "text"; x: number; y: number; dy: number; valign: VAlign; text: string; size: number; anchor: Anchor; color: string; bold: boolean; rotate: number; role: string };

let measureCtx: SKRSContext2D | null = null;
const widthCache = new Map<string, number>();

function fontSpec(size: number, bold: boolean): string {
  return `${bold ? "bold " : ""}${size}px "${FONT_FAMILY}", sans-serif`;
}

/** Advance width of `text` in px, measured by the same Skia that draws the PNG. */
export function textWidth(text: string, size: number, bold = false): number {
  const key = `${size}|${bold ? 1 : 0}|${text}`;
  const hit = widthCache.get(key);
  if (hit !== undefined) return hit;
  measureCtx ??= createCanvas(4, 4).getContext("2d");
  measureCtx.font = fontSpec(size, bold);
  const w = measureCtx.measureText(text).width;
  if (widthCache.size > 20000) widthCache.clear();
  widthCache.set(key, w);
  return w;
}

/** Height of one line of text at `size` px (the font's ascent + descent). */
export function textHeight(size: number): number {
  return (ASCENT + DESCENT) * size;
}

/** Shorten `text` with an ellipsis until it fits in `maxWidth` px. */
export function ellipsize(text: string, size: number, maxWidth: number, bold = false): string {
  if (textWidth(text, size, bold) <= maxWidth) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(text.slice(0, mid) + "…", size, bold) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return text.slice(0, lo) + "…";
}

function baselineOffset(valign: VAlign, size: number): number {
  if (valign === "top") return ASCENT * size;
  if (valign === "middle") return ((ASCENT - DESCENT) * size) / 2;
  if (valign === "bottom") return -DESCENT * size;
  return 0;
}

/** Bounding box of a label placed like `Figure.text` would place it, without drawing it. */
export function textBox(x: number, y: number, text: string, style: TextStyle = {}): Box {
  const size = style.size ?? 11;
  const w = textWidth(text, size, style.bold ?? false);
  const dy = baselineOffset(style.valign ?? "baseline", size);
  const anchor = style.anchor ?? "start";
  const lx0 = anchor === "start" ? 0 : anchor === "middle" ? -w / 2 : -w;
  const corners: Array<[number, number]> = [
    [lx0, dy - ASCENT * size],
    [lx0 + w, dy - ASCENT * size],
    [lx0, dy + DESCENT * size],
    [lx0 + w, dy + DESCENT * size],
  ];
  const a = ((style.rotate ?? 0) * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  const xs = corners.map(([u, v]) => x + u * c - v * s);
  const ys = corners.map(([u, v]) => y + u * s + v * c);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

const r2 = (v: number): string => String(Math.round(v * 100) / 100);
function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** A rendered chart: `to_svg()`, `to_png()`, or `await savefig("out.png" | "out.svg")`. */
export class Figure {
  readonly width: number;
  readonly height: number;
  private readonly items: Item[] = [];
  private readonly clips: Box[] = [];
  private readonly axesBoxes: Box[] = [];

  constructor(width: number, height: number) {
    for (const [name, v] of [["width", width], ["height", height]] as const) {
      if (!Number.isFinite(v) || v < 16 || v > 16384) throw new ValueError(`Figure: ${name} must be a number of pixels in [16, 16384], got ${v}`);
    }
    this.width = Math.round(width);
    this.height = Math.round(height);
  }

  /** Every label's box and every plot area, in px from the top-left corner. */
  get layout(): FigureLayout {
    const texts: TextBox[] = [];
    for (const it of this.items) {
      if (it.kind !== "text") continue;
      const b = textBox(it.x, it.y, it.text, { size: it.size, anchor: it.anchor, bold: it.bold, rotate: it.rotate, valign: it.valign });
      texts.push({ ...b, text: it.text, role: it.role });
    }
    return { width: this.width, height: this.height, texts, axes: this.axesBoxes.map((b) => ({ ...b })) };
  }

  /** @internal Register a plot area (reported in `layout.axes`) and get a clip id for it. */
  addAxes(box: Box): number {
    this.axesBoxes.push({ ...box });
    this.clips.push({ ...box });
    return this.clips.length - 1;
  }

  /** @internal Drawing primitives used by the chart builders (px, origin top-left). */
  rect(x: number, y: number, w: number, h: number, fill: string | Gradient, opts: { stroke?: string; role?: string; clip?: number } = {}): void {
    this.items.push({ kind: "rect", x, y, w, h, fill, ...opts });
  }
  line(x1: number, y1: number, x2: number, y2: number, stroke: string, width = 1, opts: { dash?: number[]; role?: string } = {}): void {
    this.items.push({ kind: "line", x1, y1, x2, y2, stroke, width, ...opts });
  }
  polyline(points: Array<[number, number]>, stroke: string, width: number, opts: { dash?: number[]; role?: string; clip?: number } = {}): void {
    this.items.push({ kind: "polyline", points, stroke, width, ...opts });
  }
  marker(x: number, y: number, r: number, fill: string, opts: { stroke?: string; shape?: "circle" | "star"; role?: string; clip?: number } = {}): void {
    this.items.push({ kind: "marker", x, y, r, fill, stroke: opts.stroke ?? fill, shape: opts.shape ?? "circle", role: opts.role, clip: opts.clip });
  }
  /** Place a label; returns its bounding box. */
  text(x: number, y: number, text: string, style: TextStyle = {}): Box {
    const size = style.size ?? 11;
    const it: Item = {
      kind: "text", x, y, text, size,
      dy: baselineOffset(style.valign ?? "baseline", size), valign: style.valign ?? "baseline",
      anchor: style.anchor ?? "start", color: style.color ?? "#000000", bold: style.bold ?? false,
      rotate: style.rotate ?? 0, role: style.role ?? "text",
    };
    this.items.push(it);
    return textBox(x, y, text, style);
  }

  to_svg(): string {
    const out: string[] = [];
    const defs: string[] = [];
    out.push(`<?xml version="1.0" encoding="UTF-8"?>`);
    out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${this.width}" height="${this.height}" viewBox="0 0 ${this.width} ${this.height}" font-family="'${FONT_FAMILY}', sans-serif">`);
    this.clips.forEach((c, i) => defs.push(`<clipPath id="clip${i}"><rect x="${r2(c.x0)}" y="${r2(c.y0)}" width="${r2(c.x1 - c.x0)}" height="${r2(c.y1 - c.y0)}"/></clipPath>`));
    const body: string[] = [`<rect class="background" x="0" y="0" width="${this.width}" height="${this.height}" fill="#ffffff"/>`];
    const cls = (role?: string): string => (role ? ` class="${esc(role)}"` : "");
    const clip = (c?: number): string => (c === undefined ? "" : ` clip-path="url(#clip${c})"`);
    const dash = (d?: number[]): string => (d ? ` stroke-dasharray="${d.join(" ")}"` : "");
    for (const it of this.items) {
      if (it.kind === "rect") {
        let fill: string;
        if (typeof it.fill === "string") fill = it.fill;
        else {
          const id = `grad${defs.length}`;
          const g = it.fill;
          defs.push(`<linearGradient id="${id}" gradientUnits="userSpaceOnUse" x1="${r2(g.x1)}" y1="${r2(g.y1)}" x2="${r2(g.x2)}" y2="${r2(g.y2)}">` +
            g.stops.map(([o, col]) => `<stop offset="${r2(o)}" stop-color="${col}"/>`).join("") + `</linearGradient>`);
          fill = `url(#${id})`;
        }
        body.push(`<rect${cls(it.role)} x="${r2(it.x)}" y="${r2(it.y)}" width="${r2(it.w)}" height="${r2(it.h)}" fill="${fill}"${it.stroke ? ` stroke="${it.stroke}"` : ""}${clip(it.clip)}/>`);
      } else if (it.kind === "line") {
        body.push(`<line${cls(it.role)} x1="${r2(it.x1)}" y1="${r2(it.y1)}" x2="${r2(it.x2)}" y2="${r2(it.y2)}" stroke="${it.stroke}" stroke-width="${it.width}"${dash(it.dash)}/>`);
      } else if (it.kind === "polyline") {
        const pts = it.points.map(([x, y]) => `${r2(x)},${r2(y)}`).join(" ");
        body.push(`<polyline${cls(it.role)} points="${pts}" fill="none" stroke="${it.stroke}" stroke-width="${it.width}" stroke-linejoin="round"${dash(it.dash)}${clip(it.clip)}/>`);
      } else if (it.kind === "marker") {
        if (it.shape === "circle") body.push(`<circle${cls(it.role)} cx="${r2(it.x)}" cy="${r2(it.y)}" r="${r2(it.r)}" fill="${it.fill}" stroke="${it.stroke}"${clip(it.clip)}/>`);
        else body.push(`<polygon${cls(it.role)} points="${starPoints(it.x, it.y, it.r).map(([x, y]) => `${r2(x)},${r2(y)}`).join(" ")}" fill="${it.fill}" stroke="${it.stroke}"${clip(it.clip)}/>`);
      } else {
        const anchor = it.anchor === "start" ? "" : ` text-anchor="${it.anchor}"`;
        const rot = it.rotate ? ` transform="rotate(${r2(it.rotate)} ${r2(it.x)} ${r2(it.y)})"` : "";
        body.push(`<text class="${esc(it.role)}" x="${r2(it.x)}" y="${r2(it.y + it.dy)}" font-size="${it.size}"${it.bold ? ` font-weight="bold"` : ""} fill="${it.color}"${anchor}${rot}>${esc(it.text)}</text>`);
      }
    }
    if (defs.length) out.push(`<defs>${defs.join("")}</defs>`);
    out.push(...body, `</svg>`, "");
    return out.join("\n");
  }

  /** PNG bytes, `width × height` px (times `scale`, for high-DPI output). */
  to_png(opts: { scale?: number } = {}): Buffer {
    const scale = opts.scale ?? 1;
    if (!Number.isFinite(scale) || scale <= 0 || scale > 8) throw new ValueError(`to_png: scale must be in (0, 8], got ${scale}`);
    const canvas = createCanvas(Math.round(this.width * scale), Math.round(this.height * scale));
    const ctx = canvas.getContext("2d");
    ctx.scale(scale, scale);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, this.width, this.height);
    const withClip = (c: number | undefined, draw: () => void): void => {
      if (c === undefined) return draw();
      const b = this.clips[c]!;
      ctx.save();
      ctx.beginPath();
      ctx.rect(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
      ctx.clip();
      draw();
      ctx.restore();
    };
    for (const it of this.items) {
      if (it.kind === "rect") {
        withClip(it.clip, () => {
          if (typeof it.fill === "string") ctx.fillStyle = it.fill;
          else {
            const g = ctx.createLinearGradient(it.fill.x1, it.fill.y1, it.fill.x2, it.fill.y2);
            for (const [o, col] of it.fill.stops) g.addColorStop(o, col);
            ctx.fillStyle = g;
          }
          ctx.fillRect(it.x, it.y, it.w, it.h);
          if (it.stroke) {
            ctx.strokeStyle = it.stroke;
            ctx.lineWidth = 1;
            ctx.strokeRect(it.x, it.y, it.w, it.h);
          }
        });
      } else if (it.kind === "line" || it.kind === "polyline") {
        const pts: Array<[number, number]> = it.kind === "line" ? [[it.x1, it.y1], [it.x2, it.y2]] : it.points;
        withClip(it.kind === "polyline" ? it.clip : undefined, () => {
          ctx.strokeStyle = it.stroke;
          ctx.lineWidth = it.width;
          ctx.lineJoin = "round";
          ctx.setLineDash(it.dash ?? []);
          ctx.beginPath();
          pts.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
          ctx.stroke();
          ctx.setLineDash([]);
        });
      } else if (it.kind === "marker") {
        withClip(it.clip, () => {
          ctx.fillStyle = it.fill;
          ctx.strokeStyle = it.stroke;
          ctx.lineWidth = 1;
          ctx.beginPath();
          if (it.shape === "circle") ctx.arc(it.x, it.y, it.r, 0, Math.PI * 2);
          else starPoints(it.x, it.y, it.r).forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
          ctx.closePath();
          ctx.fill();
          ctx.stroke();
        });
      } else {
        ctx.save();
        ctx.translate(it.x, it.y);
        if (it.rotate) ctx.rotate((it.rotate * Math.PI) / 180);
        ctx.font = fontSpec(it.size, it.bold);
        ctx.fillStyle = it.color;
        ctx.textAlign = it.anchor === "start" ? "left" : it.anchor === "middle" ? "center" : "right";
        ctx.textBaseline = "alphabetic";
        ctx.fillText(it.text, 0, it.dy);
        ctx.restore();
      }
    }
    return canvas.toBuffer("image/png");
  }

  /**
   * Write the figure; the format comes from the extension (`.png` or `.svg`). The bytes go to a
   * temporary file beside `path` that is then renamed over it, so a reader never sees half a file.
   */
  async savefig(path: string): Promise<void> {
    const ext = extname(path).toLowerCase();
    if (ext !== ".png" && ext !== ".svg") {
      throw new ValueError(`savefig: cannot save "${path}": unsupported extension ${ext ? `"${ext}"` : "(none)"}; accepted extensions are .png and .svg`);
    }
    const data = ext === ".png" ? this.to_png() : this.to_svg();
    const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      await writeFile(tmp, data);
      await rename(tmp, path);
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      throw e;
    }
  }
}

function starPoints(cx: number, cy: number, r: number): Array<[number, number]> {
  const pts: Array<[number, number]> = [];
  for (let i = 0; i < 10; i++) {
    const rr = i % 2 === 0 ? r : r * 0.45;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push([cx + rr * Math.cos(a), cy + rr * Math.sin(a)]);
  }
  return pts;
}

/** Reject unknown option keys, naming the nearest valid one (api-conventions.md, "Errors"). */
export function checkOptions(fn: string, options: object | undefined, allowed: readonly string[]): void {
  if (options === undefined || options === null) return;
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    let near = "";
    let best = Math.max(2, Math.floor(key.length / 2)) + 1;
    for (const a of allowed) {
      const d = editDistance(key, a);
      if (d < best) [near, best] = [a, d];
    }
    throw new TypeError(`${fn}() got an unexpected keyword argument '${key}'.${near ? ` Did you mean '${near}'?` : ""} Valid options: ${allowed.join(", ")}.`);
  }
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
