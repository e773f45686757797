// A small progress reporter for long work (downloads now; training loops use the same shape):
// a redrawn line on a TTY, a few plain lines otherwise (CI logs), with rate and ETA.
export interface ProgressOptions {
  total: number | null;
  label: string;
  unit?: "B" | "it";
  stream?: NodeJS.WriteStream;
  /** Minimum milliseconds between redraws. */
  interval?: number;
}

function human(n: number, unit: "B" | "it"): string {
  if (unit === "it") return String(Math.round(n));
  const units = ["B", "kB", "MB", "GB", "TB"];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${n.toFixed(i === 0 ? 0 : 1)}${units[i]}`;
}

function eta(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}:${String(s % 60).padStart(2, "0")}` : `${s}s`;
}

export class Progress {
  private done = 0;
  private readonly start = Date.now();
  private last = 0;
  private lastPct = -1;
  private readonly unit: "B" | "it";
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  constructor(private readonly opts: ProgressOptions) {
    this.unit = opts.unit ?? "it";
    this.stream = opts.stream ?? process.stderr;
    this.tty = Boolean(this.stream.isTTY) && !process.env.CI;
  }
  update(delta: number): void {
    this.done += delta;
    const now = Date.now();
    if (now - this.last < (this.opts.interval ?? 100)) return;
    this.last = now;
    this.render(false);
  }
  /** Starts from an offset (a resumed download) without counting it into the rate. */
  resume(already: number): void {
    this.done = already;
  }
  close(): void {
    this.render(true);
  }
  line(): string {
    const elapsed = (Date.now() - this.start) / 1000;
    const rate = elapsed > 0 ? this.done / elapsed : 0;
    const total = this.opts.total;
    const pct = total ? Math.min(100, (100 * this.done) / total) : null;
    const parts = [
      `${this.opts.label}:`,
      pct === null ? "" : `${pct.toFixed(0).padStart(3)}%`,
      total ? `${human(this.done, this.unit)}/${human(total, this.unit)}` : human(this.done, this.unit),
      `[${eta(elapsed)}<${total && rate > 0 ? eta((total - this.done) / rate) : "?"}, ${human(rate, this.unit)}${this.unit === "B" ? "/s" : " it/s"}]`,
    ];
    return parts.filter(Boolean).join(" ");
  }
  private render(final: boolean): void {
    if (this.tty) {
      this.stream.write(`\r${this.line()}${final ? "\n" : ""}`);
      return;
    }
    // Off a TTY: one line per 25% and a final one, so logs stay readable.
    const total = this.opts.total;
    const pct = total ? Math.floor((100 * this.done) / total / 25) * 25 : 0;
    if (final || pct > this.lastPct) {
      this.lastPct = pct;
      this.stream.write(`${this.line()}\n`);
    }
  }
}
