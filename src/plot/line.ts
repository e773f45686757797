// matplotlib's `plt.plot(x, y, label=…)` for a few series in one panel, with a legend placed in the
// emptiest corner (matplotlib's loc="best"). `drawLinePanel` is the panel itself, reused by
// training_curves to build a grid of small multiples.
import { ValueError } from "../utils/errors.js";
import {
  type AxisSpec, type PanelText, TAB10, checkFinite, drawDecor, drawGrid, format_ticks, inset,
  nice_ticks, panelMargins, scale,
} from "./_axes.js";
import { type Box, Figure, checkOptions, textHeight, textWidth } from "./_figure.js";

export interface LineSeries {
  x: number[];
  y: number[];
  label?: string;
  /** CSS colour; default the next of matplotlib's tab10 colours. */
  color?: string;
  /** Draw a dot at each point; default when the series has at most 30 points. */
  marker?: boolean;
  dashed?: boolean;
}
export interface LineOptions {
  title?: string;
  xlabel?: string;
  ylabel?: string;
  xlim?: [number, number];
  ylim?: [number, number];
  /** Show a legend of the labelled series (default true when any series has a label). */
  legend?: boolean;
  width?: number;
  height?: number;
}
/** A point to call out (training_curves marks the best checkpoint with one). */
export interface Highlight {
  x: number;
  y: number;
  label: string;
}
const KEYS = ["title", "xlabel", "ylabel", "xlim", "ylim", "legend", "width", "height"] as const;

/**
 * Line chart of one or more series in one panel.
 * @example
 * const fig = line([{ x: [1, 2, 3], y: [0.9, 0.5, 0.4], label: "loss" }], { xlabel: "epoch" });
 * fig.to_svg(); // '<?xml version="1.0" …<polyline class="series" points="…"'
 */
export function line(series: LineSeries[], opts: LineOptions = {}): Figure {
  checkOptions("line", opts, KEYS);
  validateSeries("line", series);
  for (const k of ["xlim", "ylim"] as const) {
    const lim = opts[k];
    if (lim === undefined) continue;
    checkFinite("line", k, lim);
    if (!(lim[1] > lim[0])) throw new ValueError(`line: ${k} must be increasing, got [${lim[0]}, ${lim[1]}]`);
  }
  const fig = new Figure(opts.width ?? 640, opts.height ?? 480);
  drawLinePanel(fig, { x0: 0, y0: 0, x1: fig.width, y1: fig.height }, series, opts, []);
  return fig;
}

export function validateSeries(fn: string, series: LineSeries[]): void {
  if (!Array.isArray(series)) throw new ValueError(`${fn}: series must be an array of { x, y, label } objects`);
  if (series.length === 0) throw new ValueError(`${fn}: series is empty; pass at least one { x, y } series`);
  series.forEach((s, i) => {
    if (!s || !Array.isArray(s.x) || !Array.isArray(s.y)) throw new ValueError(`${fn}: series[${i}] must have x and y arrays`);
    if (s.x.length !== s.y.length) throw new ValueError(`${fn}: series[${i}].x has ${s.x.length} values but series[${i}].y has ${s.y.length}`);
    if (s.x.length === 0) throw new ValueError(`${fn}: series[${i}] is empty`);
    checkFinite(fn, `series[${i}].x`, s.x);
    checkFinite(fn, `series[${i}].y`, s.y);
  });
}

function padded(lo: number, hi: number): [number, number] {
  const m = (hi - lo) * 0.05;
  return m > 0 ? [lo - m, hi + m] : [lo, hi];
}

function axisFor(lim: [number, number] | undefined, lo: number, hi: number, maxTicks: number): AxisSpec {
  const [a, b] = lim ?? padded(lo, hi);
  const t = nice_ticks(a, b, { max_ticks: maxTicks });
  return { lim: [t.lo, t.hi], ticks: t.ticks, labels: format_ticks(t.ticks, t.step) };
}

/** @internal Draw one line panel inside `panel` (a box of the figure). */
export function drawLinePanel(fig: Figure, panel: Box, series: LineSeries[], opts: LineOptions & PanelText, highlights: Highlight[], vlines: number[] = []): void {
  const xs = series.flatMap((s) => s.x);
  const ys = series.flatMap((s) => s.y).concat(highlights.map((h) => h.y));
  const [xlo, xhi] = [Math.min(...xs), Math.max(...xs)];
  const [ylo, yhi] = [Math.min(...ys), Math.max(...ys)];
  const text: PanelText = { title: opts.title, xlabel: opts.xlabel, ylabel: opts.ylabel };
  // Tick density depends on the plot size, which depends on the tick labels: two passes settle it.
  let x = axisFor(opts.xlim, xlo, xhi, 6);
  let y = axisFor(opts.ylim, ylo, yhi, 6);
  let plot = inset(panel, panelMargins(x, y, text));
  for (let pass = 0; pass < 2; pass++) {
    const lw = Math.max(...x.labels.map((l) => textWidth(l, 11)));
    x = axisFor(opts.xlim, xlo, xhi, Math.max(2, Math.min(9, Math.floor((plot.x1 - plot.x0) / (lw + 24)) + 1)));
    y = axisFor(opts.ylim, ylo, yhi, Math.max(2, Math.min(9, Math.floor((plot.y1 - plot.y0) / 36) + 1)));
    plot = inset(panel, panelMargins(x, y, text));
  }
  if (plot.x1 - plot.x0 < 20 || plot.y1 - plot.y0 < 20) throw new ValueError(`figure ${fig.width}×${fig.height} is too small for its panels`);
  const clip = fig.addAxes(plot);
  drawGrid(fig, plot, x, y);
  const sx = scale(x.lim[0], x.lim[1], plot.x0, plot.x1);
  const sy = scale(y.lim[0], y.lim[1], plot.y1, plot.y0);
  for (const v of vlines) if (v >= x.lim[0] && v <= x.lim[1]) fig.line(sx(v), plot.y0, sx(v), plot.y1, "#999999", 1, { dash: [4, 3], role: "vline" });
  const pixelPts: Array<[number, number]> = [];
  series.forEach((s, i) => {
    const color = s.color ?? TAB10[i % TAB10.length]!;
    const pts = s.x.map((v, j): [number, number] => [sx(v), sy(s.y[j]!)]);
    fig.polyline(pts, color, 1.8, { role: "series", clip, dash: s.dashed ? [6, 4] : undefined });
    if (s.marker ?? s.x.length <= 30) for (const [px, py] of pts) fig.marker(px, py, 3, color, { role: "point", clip });
    for (let j = 0; j < pts.length; j++) {
      pixelPts.push(pts[j]!);
      // Sample along segments so a legend does not cover a sparse line between its points.
      if (j + 1 < pts.length) for (let t = 1; t < 8; t++) pixelPts.push([pts[j]![0] + ((pts[j + 1]![0] - pts[j]![0]) * t) / 8, pts[j]![1] + ((pts[j + 1]![1] - pts[j]![1]) * t) / 8]);
    }
  });
  for (const h of highlights) drawHighlight(fig, plot, sx(h.x), sy(h.y), h.label, clip);
  const labelled = series.map((s, i) => ({ s, i })).filter(({ s }) => s.label);
  if ((opts.legend ?? labelled.length > 0) && labelled.length > 0) {
    drawLegend(fig, plot, labelled.map(({ s, i }) => ({ label: s.label!, color: s.color ?? TAB10[i % TAB10.length]!, dashed: s.dashed ?? false })), pixelPts);
  }
  drawDecor(fig, panel, plot, x, y, text);
}

function drawHighlight(fig: Figure, plot: Box, px: number, py: number, label: string, clip: number): void {
  fig.marker(px, py, 7, "#ffd700", { stroke: "#000000", shape: "star", role: "best", clip });
  const size = 10;
  const w = textWidth(label, size);
  const h = textHeight(size);
  // Above-right of the star; flip left/below where it would leave the plot area.
  const right = px + 9 + w <= plot.x1 - 3;
  const above = py - 9 - h >= plot.y0 + 3;
  const tx = right ? px + 9 : px - 9 - w;
  const ty = above ? py - 9 - h : py + 9;
  // A translucent backing keeps the note readable where it crosses a line or the grid.
  fig.rect(tx - 2, ty - 1, w + 4, h + 2, "rgba(255,255,255,0.8)", { role: "annotation_bg" });
  fig.text(tx, ty, label, { size, valign: "top", role: "annotation" });
}

const LEGEND_SIZE = 10;
function drawLegend(fig: Figure, plot: Box, entries: Array<{ label: string; color: string; dashed: boolean }>, pts: Array<[number, number]>): void {
  const rowH = textHeight(LEGEND_SIZE) + 4;
  const w = 6 + 22 + 6 + Math.max(...entries.map((e) => textWidth(e.label, LEGEND_SIZE))) + 8;
  const h = 4 + entries.length * rowH + 2;
  const m = 6;
  const corners: Box[] = [
    { x0: plot.x1 - m - w, y0: plot.y0 + m, x1: plot.x1 - m, y1: plot.y0 + m + h },
    { x0: plot.x0 + m, y0: plot.y0 + m, x1: plot.x0 + m + w, y1: plot.y0 + m + h },
    { x0: plot.x0 + m, y0: plot.y1 - m - h, x1: plot.x0 + m + w, y1: plot.y1 - m },
    { x0: plot.x1 - m - w, y0: plot.y1 - m - h, x1: plot.x1 - m, y1: plot.y1 - m },
  ];
  let best = corners[0]!;
  let bestN = Infinity;
  for (const c of corners) {
    const n = pts.filter(([x, y]) => x >= c.x0 - 4 && x <= c.x1 + 4 && y >= c.y0 - 4 && y <= c.y1 + 4).length;
    if (n < bestN) [best, bestN] = [c, n];
  }
  fig.rect(best.x0, best.y0, best.x1 - best.x0, best.y1 - best.y0, "rgba(255,255,255,0.85)", { stroke: "#cccccc", role: "legend" });
  entries.forEach((e, i) => {
    const cy = best.y0 + 4 + rowH * i + rowH / 2;
    fig.line(best.x0 + 6, cy, best.x0 + 28, cy, e.color, 1.8, { dash: e.dashed ? [5, 3] : undefined, role: "legend_line" });
    fig.text(best.x0 + 34, cy, e.label, { size: LEGEND_SIZE, valign: "middle", role: "legend" });
  });
}
