// Axes shared by every chart: nice tick positions (1-2-5 steps), tick-label formatting, margins
// sized from the measured labels (so nothing is clipped), and the frame/ticks/labels drawing.
import { ValueError } from "../utils/errors.js";
import { type Box, type Figure, textHeight, textWidth } from "./_figure.js";

export const TICK_SIZE = 11;
export const LABEL_SIZE = 12;
export const TITLE_SIZE = 13;
export const TICK_LEN = 4;
export const PAD = 6;
export const OUTER = 10;
/** matplotlib's "tab10", the default colour cycle users expect. */
export const TAB10 = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

export interface Ticks {
  /** Tick positions, multiples of `step`, inside [lo, hi]. */
  ticks: number[];
  step: number;
  /** The axis limits: the input range, or the enclosing multiples of `step` with `expand`. */
  lo: number;
  hi: number;
}

/**
 * Ticks at multiples of 1, 2 or 5 × 10^k: the smallest such step that gives at most `max_ticks`
 * ticks over [lo, hi]. With `expand`, the limits grow outward to the nearest multiples.
 * @example nice_ticks(0, 0.668, { expand: true }) // { ticks: [0, 0.2, 0.4, 0.6, 0.8], step: 0.2, lo: 0, hi: 0.8 }
 */
export function nice_ticks(lo: number, hi: number, opts: { max_ticks?: number; expand?: boolean } = {}): Ticks {
  const maxTicks = opts.max_ticks ?? 6;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new ValueError(`nice_ticks: limits must be finite, got [${lo}, ${hi}]`);
  if (hi < lo) throw new ValueError(`nice_ticks: lo (${lo}) must not exceed hi (${hi})`);
  if (!(maxTicks >= 2)) throw new ValueError(`nice_ticks: max_ticks must be at least 2, got ${maxTicks}`);
  if (hi === lo) {
    // A constant series still needs an axis; centre it like matplotlib does.
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const span = hi - lo;
  let k = Math.floor(Math.log10(span / maxTicks)) - 1;
  for (;;) {
    for (const m of [1, 2, 5]) {
      const step = m * 10 ** k;
      const first = Math.ceil(lo / step - 1e-9);
      const last = Math.floor(hi / step + 1e-9);
      const eFirst = Math.floor(lo / step + 1e-9);
      const eLast = Math.ceil(hi / step - 1e-9);
      const n = opts.expand ? eLast - eFirst + 1 : last - first + 1;
      if (n <= maxTicks) {
        const dec = decimalsFor(step);
        const a = opts.expand ? eFirst : first;
        const b = opts.expand ? eLast : last;
        const ticks: number[] = [];
        for (let i = a; i <= b; i++) ticks.push(roundTo(i * step, dec));
        return opts.expand ? { ticks, step, lo: ticks[0]!, hi: ticks[ticks.length - 1]! } : { ticks, step, lo, hi };
      }
    }
    k++;
  }
}

function decimalsFor(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}
function roundTo(v: number, dec: number): number {
  const r = Number(v.toFixed(Math.min(dec, 20)));
  return r === 0 ? 0 : r; // no "-0" labels
}

/**
 * Labels for one axis' ticks, with as many decimals as the step needs ("0.3", never
 * "0.30000000000000004"). One notation for the whole axis: scientific ("5e-5") when the largest
 * tick is ≥ 1e6 or < 1e-3, with zero written "0", so an axis never mixes "4e-5" and "0.00000".
 * @example format_ticks([0, 0.2, 0.4], 0.2) // ["0.0", "0.2", "0.4"]
 */
export function format_ticks(ticks: readonly number[], step: number): string[] {
  const maxAbs = Math.max(0, ...ticks.map(Math.abs));
  const sci = maxAbs >= 1e6 || (maxAbs > 0 && maxAbs < 1e-3);
  // Mantissa decimals from the largest tick, so "5.0e5" sits beside "1.0e6", not "5e5".
  const mant = sci ? Math.min(6, decimalsFor(step / 10 ** Math.floor(Math.log10(maxAbs) + 1e-9))) : 0;
  return ticks.map((v) => {
    if (!sci) return roundTo(v, decimalsFor(step)).toFixed(decimalsFor(step));
    if (v === 0) return "0";
    return v.toExponential(mant).replace("e+", "e");
  });
}

/** A value printed on a chart: integers as such, others with three significant digits or more. */
export function format_value(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-4) return v.toExponential(2);
  return v.toFixed(Math.max(0, 2 - Math.floor(Math.log10(a))));
}

/** Data → pixels; `d0` maps to `p0` (for a y axis pass the bottom pixel as p0). */
export function scale(d0: number, d1: number, p0: number, p1: number): (v: number) => number {
  const k = d1 === d0 ? 0 : (p1 - p0) / (d1 - d0);
  return (v) => p0 + (v - d0) * k;
}

/** One axis: its limits and the tick positions and labels, in data units. */
export interface AxisSpec {
  lim: [number, number];
  ticks: number[];
  labels: string[];
  /** Rotation of the tick labels in degrees (x axis only; -45 reads like matplotlib's `rotation=45, ha="right"`). */
  rotate?: number;
}
export interface PanelText {
  title?: string;
  xlabel?: string;
  ylabel?: string;
}
export interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Vertical room a row of x tick labels needs (rotated ones need their rotated height). */
function xTickDepth(x: AxisSpec): number {
  if (!x.rotate) return textHeight(TICK_SIZE);
  const a = (Math.abs(x.rotate) * Math.PI) / 180;
  const w = Math.max(0, ...x.labels.map((l) => textWidth(l, TICK_SIZE)));
  return w * Math.sin(a) + textHeight(TICK_SIZE) * Math.cos(a);
}

/** Margins around a plot area so that every tick label and axis label fits inside the panel. */
export function panelMargins(x: AxisSpec, y: AxisSpec, text: PanelText): Margins {
  const yw = Math.max(0, ...y.labels.map((l) => textWidth(l, TICK_SIZE)));
  const lastX = x.labels.length ? textWidth(x.labels[x.labels.length - 1]!, TICK_SIZE) : 0;
  const firstX = x.labels.length ? textWidth(x.labels[0]!, TICK_SIZE) : 0;
  const left = OUTER + (text.ylabel ? textHeight(LABEL_SIZE) + PAD : 0) + yw + TICK_LEN + 3;
  return {
    // x tick labels are centred on their tick; the outer ones may hang past the plot area.
    left: x.rotate ? left : Math.max(left, OUTER + firstX / 2),
    right: OUTER + (x.rotate ? 0 : lastX / 2),
    top: OUTER + (text.title ? textHeight(TITLE_SIZE) + PAD : 0),
    bottom: OUTER + TICK_LEN + 3 + xTickDepth(x) + (text.xlabel ? PAD + textHeight(LABEL_SIZE) : 0),
  };
}

export function inset(b: Box, m: Margins): Box {
  return { x0: b.x0 + m.left, y0: b.y0 + m.top, x1: b.x1 - m.right, y1: b.y1 - m.bottom };
}

/** Light grid lines behind the data (call before drawing the data). */
export function drawGrid(fig: Figure, plot: Box, x: AxisSpec | null, y: AxisSpec | null): void {
  if (x) {
    const sx = scale(x.lim[0], x.lim[1], plot.x0, plot.x1);
    for (const t of x.ticks) fig.line(sx(t), plot.y0, sx(t), plot.y1, "#e5e5e5", 1, { role: "grid" });
  }
  if (y) {
    const sy = scale(y.lim[0], y.lim[1], plot.y1, plot.y0);
    for (const t of y.ticks) fig.line(plot.x0, sy(t), plot.x1, sy(t), "#e5e5e5", 1, { role: "grid" });
  }
}

/** Frame, ticks, tick labels, axis labels and title of one panel whose outer box is `panel`. */
export function drawDecor(fig: Figure, panel: Box, plot: Box, x: AxisSpec, y: AxisSpec, text: PanelText): void {
  const sx = scale(x.lim[0], x.lim[1], plot.x0, plot.x1);
  const sy = scale(y.lim[0], y.lim[1], plot.y1, plot.y0);
  const k = "#000000";
  fig.line(plot.x0, plot.y0, plot.x1, plot.y0, k, 1, { role: "spine" });
  fig.line(plot.x0, plot.y1, plot.x1, plot.y1, k, 1, { role: "spine" });
  fig.line(plot.x0, plot.y0, plot.x0, plot.y1, k, 1, { role: "spine" });
  fig.line(plot.x1, plot.y0, plot.x1, plot.y1, k, 1, { role: "spine" });
  x.ticks.forEach((t, i) => {
    const px = sx(t);
    fig.line(px, plot.y1, px, plot.y1 + TICK_LEN, k, 1, { role: "tick" });
    const label = x.labels[i] ?? "";
    if (x.rotate) fig.text(px + 3, plot.y1 + TICK_LEN + 3, label, { size: TICK_SIZE, anchor: "end", valign: "top", rotate: x.rotate, role: "xtick" });
    else fig.text(px, plot.y1 + TICK_LEN + 3, label, { size: TICK_SIZE, anchor: "middle", valign: "top", role: "xtick" });
  });
  y.ticks.forEach((t, i) => {
    const py = sy(t);
    fig.line(plot.x0 - TICK_LEN, py, plot.x0, py, k, 1, { role: "tick" });
    fig.text(plot.x0 - TICK_LEN - 3, py, y.labels[i] ?? "", { size: TICK_SIZE, anchor: "end", valign: "middle", role: "ytick" });
  });
  const cx = (plot.x0 + plot.x1) / 2;
  if (text.xlabel) fig.text(cx, panel.y1 - OUTER, text.xlabel, { size: LABEL_SIZE, anchor: "middle", valign: "bottom", role: "xlabel" });
  if (text.ylabel) {
    fig.text(panel.x0 + OUTER + textHeight(LABEL_SIZE) / 2, (plot.y0 + plot.y1) / 2, text.ylabel, {
      size: LABEL_SIZE, anchor: "middle", valign: "middle", rotate: -90, role: "ylabel",
    });
  }
  if (text.title) fig.text(cx, panel.y0 + OUTER, text.title, { size: TITLE_SIZE, anchor: "middle", valign: "top", role: "title" });
}

/** Reject NaN/±Infinity with a message naming the argument and the index, as users need to find it. */
export function checkFinite(fn: string, name: string, values: readonly number[]): void {
  values.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new ValueError(`${fn}: ${name}[${i}] is ${typeof v === "number" ? v : typeof v}; every value must be a finite number`);
  });
}
