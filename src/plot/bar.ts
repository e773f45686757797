// pandas' `Series.plot.barh()`: one horizontal bar per label, as the seeds draw class probabilities
// (`pd.Series(probs, index=labels).plot.barh()`), plus the value printed at each bar's end.
import { ValueError } from "../utils/errors.js";
import {
  type AxisSpec, OUTER, PAD, TAB10, TICK_SIZE, checkFinite, drawDecor, drawGrid, format_ticks, format_value,
  inset, nice_ticks, panelMargins, scale,
} from "./_axes.js";
import { Figure, checkOptions, ellipsize, textWidth } from "./_figure.js";

export interface BarhOptions {
  /** Bar labels when `values` is an array (default "0", "1", …); ignored for a record. */
  labels?: string[];
  title?: string;
  xlabel?: string;
  ylabel?: string;
  /** x-axis limits; default from 0 (or the smallest negative value) to a nice number past the largest. */
  xlim?: [number, number];
  /**
   * Bar order top to bottom: `"descending"` puts the largest value on top, `"ascending"` the smallest.
   * Default `null` keeps pandas' order: the first value at the bottom.
   */
  sort?: "ascending" | "descending" | null;
  /** One colour for all bars or one per value (CSS colours); default matplotlib's "C0" blue. */
  color?: string | string[];
  /** Print each value at its bar's end (default true). */
  values_text?: boolean;
  /** Figure size in px; default 640 wide and tall enough for ~30 px per bar. */
  width?: number;
  height?: number;
}
const KEYS = ["labels", "title", "xlabel", "ylabel", "xlim", "sort", "color", "values_text", "width", "height"] as const;

/**
 * Horizontal bar chart of labelled values; the left margin is sized from the longest label, so
 * labels are never clipped.
 * @example
 * const fig = barh({ negative: 0.668, positive: 0.332 }, { title: "P(label)", sort: "descending" });
 * await fig.savefig("probs.png"); // 640×240 PNG, "0.668" printed at the end of the top bar
 */
export function barh(values: number[] | Record<string, number>, opts: BarhOptions = {}): Figure {
  checkOptions("barh", opts, KEYS);
  let labels: string[];
  let vals: number[];
  if (Array.isArray(values)) {
    vals = values.slice();
    if (opts.labels !== undefined && opts.labels.length !== vals.length) {
      throw new ValueError(`barh: labels has ${opts.labels.length} entries but values has ${vals.length}`);
    }
    labels = opts.labels ? opts.labels.map(String) : vals.map((_, i) => String(i));
  } else if (values !== null && typeof values === "object") {
    labels = Object.keys(values);
    vals = Object.values(values);
  } else {
    throw new ValueError(`barh: values must be an array of numbers or a { label: number } record, got ${values === null ? "null" : typeof values}`);
  }
  if (vals.length === 0) throw new ValueError("barh: values is empty; pass at least one number");
  checkFinite("barh", "values", vals);
  const colors = Array.isArray(opts.color) ? opts.color : vals.map(() => (opts.color as string | undefined) ?? TAB10[0]!);
  if (colors.length !== vals.length) throw new ValueError(`barh: color has ${colors.length} entries but values has ${vals.length}`);

  // Order bottom (index 0) to top, as matplotlib's y axis counts.
  let order = vals.map((_, i) => i);
  if (opts.sort === "descending") order.sort((a, b) => vals[a]! - vals[b]!);
  else if (opts.sort === "ascending") order.sort((a, b) => vals[b]! - vals[a]!);
  else if (opts.sort !== undefined && opts.sort !== null) throw new ValueError(`barh: sort must be "ascending", "descending" or null, got ${JSON.stringify(opts.sort)}`);
  const n = vals.length;
  order = order.slice();

  let lo: number;
  let hi: number;
  let ticks: number[];
  let step: number;
  if (opts.xlim) {
    checkFinite("barh", "xlim", opts.xlim);
    [lo, hi] = opts.xlim;
    if (!(hi > lo)) throw new ValueError(`barh: xlim must be increasing, got [${lo}, ${hi}]`);
    ({ ticks, step } = nice_ticks(lo, hi));
  } else {
    ({ ticks, step, lo, hi } = nice_ticks(Math.min(0, ...vals), Math.max(0, ...vals), { expand: true }));
    // Leave room past the longest bars for their value text (~12% of the span); the limits then
    // need not sit on a tick, as in matplotlib, rather than jumping a whole step.
    const room = (hi - lo) * 0.12;
    const [vmin, vmax] = [Math.min(...vals), Math.max(...vals)];
    if (opts.values_text !== false && ((vmax > 0 && vmax > hi - room) || (vmin < 0 && vmin < lo + room))) {
      if (vmax > 0 && vmax > hi - room) hi = vmax + room;
      if (vmin < 0 && vmin < lo + room) lo = vmin - room;
      ({ ticks, step } = nice_ticks(lo, hi));
    }
  }
  const x: AxisSpec = { lim: [lo, hi], ticks, labels: format_ticks(ticks, step) };
  const yLabels = order.map((i) => labels[i]!);

  const width = opts.width ?? Math.max(640, Math.min(1600, OUTER * 2 + Math.max(...yLabels.map((l) => textWidth(l, TICK_SIZE))) + 360));
  const height = opts.height ?? Math.max(240, 110 + n * 30);
  // A label wider than half the figure is shortened (with "…") rather than squeezing the bars away.
  const maxLabel = width * 0.5;
  const shown = yLabels.map((l) => ellipsize(l, TICK_SIZE, maxLabel));
  const y: AxisSpec = { lim: [-0.5, n - 0.5], ticks: order.map((_, k) => k), labels: shown };

  const fig = new Figure(width, height);
  const panel = { x0: 0, y0: 0, x1: fig.width, y1: fig.height };
  const text = { title: opts.title, xlabel: opts.xlabel, ylabel: opts.ylabel };
  const plot = inset(panel, panelMargins(x, y, text));
  if (plot.x1 - plot.x0 < 20 || plot.y1 - plot.y0 < 10) throw new ValueError(`barh: figure ${width}×${height} is too small for ${n} bars and their labels`);
  const clip = fig.addAxes(plot);
  drawGrid(fig, plot, x, null);

  const sx = scale(lo, hi, plot.x0, plot.x1);
  const sy = scale(-0.5, n - 0.5, plot.y1, plot.y0);
  const slot = (plot.y1 - plot.y0) / n;
  const barH = slot * 0.5; // pandas' default bar width
  const valueSize = Math.max(8, Math.min(TICK_SIZE, barH * 0.9));
  const x0 = sx(Math.max(lo, Math.min(hi, 0)));
  // One number of decimals for every bar, from the largest magnitude, so the values line up.
  const maxAbs = Math.max(...vals.map(Math.abs));
  const allInt = vals.every(Number.isInteger);
  const dec = allInt ? 0 : maxAbs === 0 ? 2 : Math.max(0, Math.min(6, 2 - Math.floor(Math.log10(maxAbs))));
  order.forEach((i, k) => {
    const v = vals[i]!;
    const cy = sy(k);
    const xv = sx(v);
    const left = Math.max(plot.x0, Math.min(x0, xv));
    const right = Math.min(plot.x1, Math.max(x0, xv));
    fig.rect(left, cy - barH / 2, Math.max(0, right - left), barH, colors[i]!, { role: "bar", clip });
    if (opts.values_text === false) return;
    // Outside the bar's end when it fits in the plot area, else inside it in white.
    const s = Math.abs(v) >= 1e6 ? format_value(v) : v.toFixed(dec);
    const w = textWidth(s, valueSize);
    const pos = v >= 0;
    const outsideFits = pos ? right + PAD / 2 + w <= plot.x1 - 2 : left - PAD / 2 - w >= plot.x0 + 2;
    if (outsideFits) {
      fig.text(pos ? right + PAD / 2 : left - PAD / 2, cy, s, { size: valueSize, anchor: pos ? "start" : "end", valign: "middle", role: "value", color: "#222222" });
    } else {
      const inside = right - left >= w + PAD;
      const at = pos ? right - PAD / 2 : left + PAD / 2;
      fig.text(inside ? at : (plot.x0 + plot.x1) / 2, cy, s, {
        size: valueSize, anchor: inside ? (pos ? "end" : "start") : "middle", valign: "middle", role: "value", color: inside ? "#ffffff" : "#222222",
      });
    }
  });
  if (lo < 0 && hi > 0) fig.line(x0, plot.y0, x0, plot.y1, "#000000", 1, { role: "zero" });
  drawDecor(fig, panel, plot, x, y, text);
  return fig;
}
