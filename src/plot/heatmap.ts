// sklearn's ConfusionMatrixDisplay look: rows = true label, columns = predicted label, a colour
// bar, and the count (or normalized share) in every cell in whichever end colour of the colormap
// contrasts more with the cell (sklearn picks by a threshold; contrast keeps odd colormaps legible).
import { ValueError } from "../utils/errors.js";
import {
  type AxisSpec, LABEL_SIZE, OUTER, PAD, TICK_LEN, TICK_SIZE, TITLE_SIZE, drawDecor, format_ticks, format_value, nice_ticks, scale,
} from "./_axes.js";
import { Figure, checkOptions, ellipsize, textHeight, textWidth } from "./_figure.js";

/** matplotlib colormaps as evenly spaced anchors (linear interpolation between them). */
export const COLORMAPS: Readonly<Record<string, readonly string[]>> = {
  viridis: ["#440154", "#472c7a", "#3b518b", "#2c718e", "#21908d", "#27ad81", "#5cc863", "#aadc32", "#fde725"],
  plasma: ["#0d0887", "#41049d", "#6a00a8", "#8f0da4", "#b12a90", "#cc4778", "#e16462", "#f2844b", "#fca636", "#fcce25", "#f0f921"],
  Blues: ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"],
  Greens: ["#f7fcf5", "#e5f5e0", "#c7e9c0", "#a1d99b", "#74c476", "#41ab5d", "#238b45", "#006d2c", "#00441b"],
  Oranges: ["#fff5eb", "#fee6ce", "#fdd0a2", "#fdae6b", "#fd8d3c", "#f16913", "#d94801", "#a63603", "#7f2704"],
  Reds: ["#fff5f0", "#fee0d2", "#fcbba1", "#fc9272", "#fb6a4a", "#ef3b2c", "#cb181d", "#a50f15", "#67000d"],
  Purples: ["#fcfbfd", "#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#54278f", "#3f007d"],
  Greys: ["#ffffff", "#f0f0f0", "#d9d9d9", "#bdbdbd", "#969696", "#737373", "#525252", "#252525", "#000000"],
};

export interface ConfusionMatrixPlotOptions {
  /** Class names in row/column order (sklearn's `display_labels`); default "0", "1", …. */
  labels?: string[];
  /** As in sklearn's confusion_matrix: divide by row sums ("true"), column sums ("pred") or the total ("all"). */
  normalize?: "true" | "pred" | "all" | null;
  title?: string;
  /** A name from COLORMAPS (default "viridis", sklearn's default). */
  cmap?: string;
  /** Cell text format: "d" integers, ".2f" two decimals, ".2g" …; default "d" for counts, ".2f" normalized. */
  values_format?: string;
  /** Rotation of the predicted-label names in degrees; default 45 when a name is wider than its column. */
  xticks_rotation?: number | "horizontal" | "vertical";
  colorbar?: boolean;
  width?: number;
  height?: number;
}
const KEYS = ["labels", "normalize", "title", "cmap", "values_format", "xticks_rotation", "colorbar", "width", "height"] as const;

function hexToRgb(h: string): [number, number, number] {
  return [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
}
function rgbToHex([r, g, b]: [number, number, number]): string {
  return "#" + [r, g, b].map((v) => Math.round(Math.max(0, Math.min(255, v))).toString(16).padStart(2, "0")).join("");
}
/** Colour at t ∈ [0, 1] of a colormap. */
export function colormap(name: string, t: number): string {
  const stops = COLORMAPS[name];
  if (!stops) throw new ValueError(`unknown cmap "${name}"; available: ${Object.keys(COLORMAPS).join(", ")}`);
  const u = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(u));
  const a = hexToRgb(stops[i]!);
  const b = hexToRgb(stops[i + 1]!);
  const f = u - i;
  return rgbToHex([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f]);
}
function luminance(hex: string): number {
  const c = hexToRgb(hex).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
}
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

function formatCell(v: number, fmt: string): string {
  if (fmt === "d") return Number.isInteger(v) ? String(v) : format_value(v);
  const m = /^\.(\d+)([fg])$/.exec(fmt);
  if (!m) throw new ValueError(`confusion_matrix_plot: values_format must be "d", ".Nf" or ".Ng", got "${fmt}"`);
  const p = Number(m[1]);
  return m[2] === "f" ? v.toFixed(p) : String(Number(v.toPrecision(Math.max(1, p))));
}

/**
 * Heatmap of a confusion matrix (rows: true label, columns: predicted label).
 * @example
 * const fig = confusion_matrix_plot([[50, 2], [5, 43]], { labels: ["negative", "positive"], normalize: "true" });
 * fig.to_svg(); // 4 cells reading "0.96", "0.04", "0.10", "0.90", a colour bar, "True label"/"Predicted label"
 */
export function confusion_matrix_plot(cm: number[][], opts: ConfusionMatrixPlotOptions = {}): Figure {
  checkOptions("confusion_matrix_plot", opts, KEYS);
  if (!Array.isArray(cm) || cm.length === 0) throw new ValueError("confusion_matrix_plot: cm is empty; pass an n×n array of counts");
  const n = cm.length;
  cm.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== n) throw new ValueError(`confusion_matrix_plot: cm must be square; cm[${i}] has ${Array.isArray(row) ? row.length : "no"} entries, expected ${n}`);
    row.forEach((v, j) => {
      if (typeof v !== "number" || !Number.isFinite(v)) throw new ValueError(`confusion_matrix_plot: cm[${i}][${j}] is ${v}; every entry must be a finite number`);
    });
  });
  const labels = (opts.labels ?? cm.map((_, i) => String(i))).map(String);
  if (labels.length !== n) throw new ValueError(`confusion_matrix_plot: labels has ${labels.length} names but cm is ${n}×${n}`);
  const cmap = opts.cmap ?? "viridis";
  colormap(cmap, 0); // validates the name before any layout work

  const norm = opts.normalize ?? null;
  let vals = cm.map((r) => r.slice());
  if (norm !== null) {
    if (norm !== "true" && norm !== "pred" && norm !== "all") throw new ValueError(`confusion_matrix_plot: normalize must be "true", "pred", "all" or null, got ${JSON.stringify(norm)}`);
    const rowSum = cm.map((r) => r.reduce((a, b) => a + b, 0));
    const colSum = cm[0]!.map((_, j) => cm.reduce((a, r) => a + r[j]!, 0));
    const all = rowSum.reduce((a, b) => a + b, 0);
    // sklearn turns 0/0 into 0 (a class never seen) rather than NaN.
    vals = cm.map((r, i) => r.map((v, j) => {
      const d = norm === "true" ? rowSum[i]! : norm === "pred" ? colSum[j]! : all;
      return d === 0 ? 0 : v / d;
    }));
  }
  const fmt = opts.values_format ?? (norm === null ? "d" : ".2f");
  const texts = vals.map((r) => r.map((v) => formatCell(v, fmt)));
  const flat = vals.flat();
  let vmin = Math.min(...flat);
  let vmax = Math.max(...flat);
  if (vmax === vmin) vmax = vmin + 1;

  // Sizes: one cell size for the whole matrix, margins from the measured labels.
  const showBar = opts.colorbar ?? true;
  const cbTicks = nice_ticks(vmin, vmax, { max_ticks: 6 });
  const cbLabels = format_ticks(cbTicks.ticks, cbTicks.step);
  const cbRight = showBar ? 16 + 16 + TICK_LEN + 3 + Math.max(...cbLabels.map((l) => textWidth(l, TICK_SIZE))) : 0;
  const maxW = (opts.width ?? 1600) * 0.3;
  const yNames = labels.map((l) => ellipsize(l, TICK_SIZE, maxW));
  const xNames = labels.map((l) => ellipsize(l, TICK_SIZE, maxW));
  const yw = Math.max(...yNames.map((l) => textWidth(l, TICK_SIZE)));
  const xws = xNames.map((l) => textWidth(l, TICK_SIZE));
  const lh = textHeight(LABEL_SIZE);
  const baseLeft = OUTER + lh + PAD + yw + TICK_LEN + 3;
  const top = OUTER + (opts.title ? textHeight(TITLE_SIZE) + PAD : 0) + 4;
  const right = OUTER + cbRight;
  // Wide numbers (5-digit counts) get wider cells rather than unreadably small text.
  const widest10 = Math.max(...texts.flat().map((t) => textWidth(t, 10)));
  let cell = Math.max(32, Math.min(140, Math.max(Math.round(420 / n), Math.ceil(widest10 / 0.8))));
  const rotFor = (c: number): number => {
    const r = opts.xticks_rotation;
    if (r === "horizontal") return 0;
    if (r === "vertical") return 90;
    if (typeof r === "number") return r;
    return Math.max(...xws) > c - 6 ? 45 : 0;
  };
  const depth = (rot: number): number => {
    const a = (rot * Math.PI) / 180;
    return Math.max(...xws) * Math.abs(Math.sin(a)) + textHeight(TICK_SIZE) * Math.abs(Math.cos(a));
  };
  // Rotated names hang left of their column; the first ones may need more room than the y names.
  const leftFor = (c: number, rot: number): number => {
    const a = (rot * Math.PI) / 180;
    let need = baseLeft;
    if (rot) xws.forEach((w, i) => (need = Math.max(need, OUTER + w * Math.cos(a) - (i + 0.5) * c + 4)));
    else need = Math.max(need, OUTER + xws[0]! / 2 - c / 2);
    return need;
  };
  const bottomFor = (rot: number): number => OUTER + TICK_LEN + 3 + depth(rot) + PAD + lh;
  let rot = rotFor(cell);
  if (opts.width !== undefined || opts.height !== undefined) {
    // Fit the matrix into the requested size (two passes: rotation depends on the cell size).
    for (let pass = 0; pass < 2; pass++) {
      const w = opts.width !== undefined ? (opts.width - leftFor(cell, rot) - right) / n : Infinity;
      const h = opts.height !== undefined ? (opts.height - top - bottomFor(rot)) / n : Infinity;
      // Whole pixels, so neighbouring cells share an edge instead of showing an antialiased seam.
      cell = Math.floor(Math.min(w, h));
      rot = rotFor(cell);
    }
    if (!(cell >= 8)) throw new ValueError(`confusion_matrix_plot: a ${opts.width ?? "auto"}×${opts.height ?? "auto"} figure is too small for a ${n}×${n} matrix and its labels`);
  }
  const left = Math.ceil(leftFor(cell, rot));
  const width = opts.width ?? Math.ceil(left + n * cell + right);
  const height = opts.height ?? Math.ceil(top + n * cell + bottomFor(rot));
  const fig = new Figure(width, height);
  // Centre the matrix in whatever room is left over when the size was given.
  const x0 = left + Math.floor(Math.max(0, (width - left - right - n * cell) / 2));
  const y0 = Math.ceil(top);
  const plot = { x0, y0, x1: x0 + n * cell, y1: y0 + n * cell };
  fig.addAxes(plot);

  const cmin = colormap(cmap, 0);
  const cmax = colormap(cmap, 1);
  // Shrink the numbers to fit a small cell; past 6 px they would not be readable anyway.
  const size = Math.max(6, Math.min(13, cell * 0.32, (10 * cell * 0.85) / Math.max(1, widest10)));
  vals.forEach((r, i) => r.forEach((v, j) => {
    const bg = colormap(cmap, (v - vmin) / (vmax - vmin));
    fig.rect(x0 + j * cell, y0 + i * cell, cell, cell, bg, { role: "cell" });
    const fg = contrast(bg, cmin) >= contrast(bg, cmax) ? cmin : cmax;
    fig.text(x0 + (j + 0.5) * cell, y0 + (i + 0.5) * cell, texts[i]![j]!, { size, anchor: "middle", valign: "middle", color: fg, role: "cell_text" });
  }));
  const x: AxisSpec = { lim: [-0.5, n - 0.5], ticks: labels.map((_, i) => i), labels: xNames, rotate: -rot };
  const y: AxisSpec = { lim: [n - 0.5, -0.5], ticks: labels.map((_, i) => i), labels: yNames };
  drawDecor(fig, { x0: 0, y0: 0, x1: width, y1: height }, plot, x, y, { title: opts.title, xlabel: "Predicted label", ylabel: "True label" });

  if (showBar) {
    const bx = plot.x1 + 16;
    const bar = { x0: bx, y0: plot.y0, x1: bx + 16, y1: plot.y1 };
    fig.addAxes(bar);
    const stops = COLORMAPS[cmap]!.map((c, k, all): [number, string] => [k / (all.length - 1), c]);
    fig.rect(bar.x0, bar.y0, 16, bar.y1 - bar.y0, { x1: 0, y1: bar.y1, x2: 0, y2: bar.y0, stops }, { stroke: "#000000", role: "colorbar" });
    const sy = scale(vmin, vmax, bar.y1, bar.y0);
    cbTicks.ticks.forEach((t, k) => {
      if (t < vmin - 1e-12 || t > vmax + 1e-12) return;
      fig.line(bar.x1, sy(t), bar.x1 + TICK_LEN, sy(t), "#000000", 1, { role: "tick" });
      fig.text(bar.x1 + TICK_LEN + 3, sy(t), cbLabels[k]!, { size: TICK_SIZE, valign: "middle", role: "cbtick" });
    });
  }
  return fig;
}
