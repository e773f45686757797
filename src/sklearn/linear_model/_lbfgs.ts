// scipy.optimize.minimize(method="L-BFGS-B") for the UNBOUNDED case, as sklearn's
// LogisticRegression(solver="lbfgs") calls it. Ported from scipy 1.17's C translation of
// L-BFGS-B 3.0 (scipy/optimize/src/lbfgsb.c: mainlb, lnsrlb, dcsrch, dcstep) and the Python
// driver in _lbfgsb_py.py, keeping the same control flow so the iterates, the iteration count and
// the stopping decision follow scipy's:
//  - first iteration: steepest descent from the generalized Cauchy point (z = x - g/theta) with
//    initial step 1/||d||; later iterations: quasi-Newton direction with initial step 1;
//  - More-Thuente line search (dcsrch) with ftol=1e-3, gtol=0.9, xtol=0.1, stpmax=1e10, at most
//    `maxls` trial points; a failed search with history restarts from steepest descent, one
//    without history stops (ABNORMAL_TERMINATION_IN_LNSRCH);
//  - after each accepted step the driver counts an iteration and stops at `maxiter` BEFORE the
//    convergence tests run (so hitting maxiter is status 1 even if that step would converge);
//    otherwise stop when max|g_i| <= gtol or (f_old - f) <= ftol * max(|f_old|, |f|, 1);
//  - the L-BFGS pair is skipped when s'y <= eps * (-g_old's).
// Without bounds, L-BFGS-B's subspace minimisation (compact form B = theta*I - W M W') gives the
// same direction as the classic two-loop recursion with H0 = I/theta, which is what we compute:
// it is shorter and avoids forming the 2m x 2m middle matrix. Results agree with scipy to rounding.
// Everything is Float64Array and allocated once before the loop.

const EPS = 2.220446049250313e-16;

/** f(x), writing the gradient into `grad` (same length as x). */
export type LossGradFn = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Number of stored correction pairs (scipy's maxcor, default 10). */
  maxcor?: number;
  /** Maximum iterations (accepted steps). */
  maxiter?: number;
  /** Maximum function evaluations (scipy default 15000). */
  maxfun?: number;
  /** Maximum trial points per line search (scipy default 20; sklearn passes 50). */
  maxls?: number;
  /** Stop when max_i |g_i| <= gtol (scipy's pgtol). */
  gtol?: number;
  /** Stop when the relative reduction of f is <= ftol (scipy's factr * eps). */
  ftol?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  fun: number;
  jac: Float64Array;
  nit: number;
  nfev: number;
  /** 0 converged, 1 maxiter/maxfun reached, 2 line-search failure (scipy's warnflag). */
  status: 0 | 1 | 2;
  message: string;
  success: boolean;
}

// ---------------------------------------------------------------------------------------------
// More-Thuente line search (MINPACK-2 dcsrch / dcstep), a reverse-communication state machine.

const LS_FG = 0;
const LS_CONV = 1;
const LS_WARN = 2;
const LS_ERROR = 3;

class Dcsrch {
  task = LS_FG;
  private brackt = false;
  private stage = 1;
  private ginit = 0;
  private gtest = 0;
  private gx = 0;
  private gy = 0;
  private finit = 0;
  private fx = 0;
  private fy = 0;
  private stx = 0;
  private sty = 0;
  private stmin = 0;
  private stmax = 0;
  private width = 0;
  private width1 = 0;

  constructor(
    private readonly ftol: number,
    private readonly gtol: number,
    private readonly xtol: number,
    private readonly stpmin: number,
    private readonly stpmax: number,
  ) {}

  /** Initial call: f, g at step 0 and the first trial step. Returns the step to evaluate. */
  start(f: number, g: number, stp: number): number {
    if (stp < this.stpmin || stp > this.stpmax || g >= 0 || this.stpmax < this.stpmin) {
      this.task = LS_ERROR;
      return stp;
    }
    this.brackt = false;
    this.stage = 1;
    this.finit = f;
    this.ginit = g;
    this.gtest = this.ftol * this.ginit;
    this.width = this.stpmax - this.stpmin;
    this.width1 = this.width / 0.5;
    this.stx = 0;
    this.fx = f;
    this.gx = g;
    this.sty = 0;
    this.fy = f;
    this.gy = g;
    this.stmin = 0;
    this.stmax = stp + 4.0 * stp;
    this.task = LS_FG;
    return stp;
  }

  /** f, g at the current trial `stp`; returns the next trial step (or the final one when task != FG). */
  next(f: number, g: number, stp: number): number {
    const ftest = this.finit + stp * this.gtest;
    if (this.stage === 1 && f <= ftest && g >= 0) this.stage = 2;

    let task = LS_FG;
    if (this.brackt && (stp <= this.stmin || stp >= this.stmax)) task = LS_WARN; // rounding errors
    if (this.brackt && this.stmax - this.stmin <= this.xtol * this.stmax) task = LS_WARN; // xtol
    if (stp === this.stpmax && f <= ftest && g <= this.gtest) task = LS_WARN;
    if (stp === this.stpmin && (f > ftest || g >= this.gtest)) task = LS_WARN;
    if (f <= ftest && Math.abs(g) <= this.gtol * -this.ginit) task = LS_CONV;
    if (task !== LS_FG) {
      this.task = task;
      return stp;
    }

    // In stage 1, with a lower f but not a sufficient decrease, use the modified function
    // psi(stp) = f(stp) - f(0) - ftol*stp*f'(0) to choose the step.
    if (this.stage === 1 && f <= this.fx && f > ftest) {
      const fm = f - stp * this.gtest;
      const st = { stx: this.stx, fx: this.fx - this.stx * this.gtest, dx: this.gx - this.gtest, sty: this.sty, fy: this.fy - this.sty * this.gtest, dy: this.gy - this.gtest, stp, brackt: this.brackt };
      dcstep(st, fm, g - this.gtest, this.stmin, this.stmax);
      this.stx = st.stx;
      this.sty = st.sty;
      this.brackt = st.brackt;
      stp = st.stp;
      this.fx = st.fx + this.stx * this.gtest;
      this.fy = st.fy + this.sty * this.gtest;
      this.gx = st.dx + this.gtest;
      this.gy = st.dy + this.gtest;
    } else {
      const st = { stx: this.stx, fx: this.fx, dx: this.gx, sty: this.sty, fy: this.fy, dy: this.gy, stp, brackt: this.brackt };
      dcstep(st, f, g, this.stmin, this.stmax);
      this.stx = st.stx;
      this.fx = st.fx;
      this.gx = st.dx;
      this.sty = st.sty;
      this.fy = st.fy;
      this.gy = st.dy;
      this.brackt = st.brackt;
      stp = st.stp;
    }

    // Bisect when the interval does not shrink fast enough.
    if (this.brackt) {
      if (Math.abs(this.sty - this.stx) >= 0.66 * this.width1) stp = this.stx + 0.5 * (this.sty - this.stx);
      this.width1 = this.width;
      this.width = Math.abs(this.sty - this.stx);
    }
    if (this.brackt) {
      this.stmin = Math.min(this.stx, this.sty);
      this.stmax = Math.max(this.stx, this.sty);
    } else {
      this.stmin = stp + 1.1 * (stp - this.stx);
      this.stmax = stp + 4.0 * (stp - this.stx);
    }
    stp = Math.max(stp, this.stpmin);
    stp = Math.min(stp, this.stpmax);
    // No further progress possible: fall back to the best step so far.
    if ((this.brackt && (stp <= this.stmin || stp >= this.stmax)) || (this.brackt && this.stmax - this.stmin <= this.xtol * this.stmax)) stp = this.stx;
    this.task = LS_FG;
    return stp;
  }
}

interface StepState {
  stx: number;
  fx: number;
  dx: number;
  sty: number;
  fy: number;
  dy: number;
  stp: number;
  brackt: boolean;
}

/** MINPACK-2 dcstep: safeguarded cubic/quadratic step and interval update. */
function dcstep(s: StepState, fp: number, dp: number, stpmin: number, stpmax: number): void {
  const { stx, fx, dx, sty, fy, dy, stp } = s;
  const sgnd = dp * (dx / Math.abs(dx));
  let stpf: number;
  if (fp > fx) {
    // Higher function value: the minimum is bracketed.
    const theta = (3.0 * (fx - fp)) / (stp - stx) + dx + dp;
    const sm = Math.max(Math.abs(theta), Math.max(Math.abs(dx), Math.abs(dp)));
    let gamma = sm * Math.sqrt((theta / sm) ** 2 - (dx / sm) * (dp / sm));
    if (stp < stx) gamma = -gamma;
    const p = gamma - dx + theta;
    const q = gamma - dx + gamma + dp;
    const r = p / q;
    const stpc = stx + r * (stp - stx);
    const stpq = stx + (dx / ((fx - fp) / (stp - stx) + dx) / 2.0) * (stp - stx);
    stpf = Math.abs(stpc - stx) < Math.abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2.0;
    s.brackt = true;
  } else if (sgnd < 0.0) {
    // Lower function value, derivatives of opposite sign: bracketed.
    const theta = (3.0 * (fx - fp)) / (stp - stx) + dx + dp;
    const sm = Math.max(Math.abs(theta), Math.max(Math.abs(dx), Math.abs(dp)));
    let gamma = sm * Math.sqrt((theta / sm) ** 2 - (dx / sm) * (dp / sm));
    if (stp > stx) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma - dp + gamma + dx;
    const r = p / q;
    const stpc = stp + r * (stx - stp);
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
    s.brackt = true;
  } else if (Math.abs(dp) < Math.abs(dx)) {
    // Lower function value, same-sign derivatives, decreasing magnitude.
    const theta = (3.0 * (fx - fp)) / (stp - stx) + dx + dp;
    const sm = Math.max(Math.abs(theta), Math.max(Math.abs(dx), Math.abs(dp)));
    let gamma = sm * Math.sqrt(Math.max(0.0, (theta / sm) ** 2 - (dx / sm) * (dp / sm)));
    if (stp > stx) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma + (dx - dp) + gamma;
    const r = p / q;
    let stpc: number;
    if (r < 0.0 && gamma !== 0.0) stpc = stp + r * (stx - stp);
    else if (stp > stx) stpc = stpmax;
    else stpc = stpmin;
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    if (s.brackt) {
      stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
      stpf = stp > stx ? Math.min(stp + 0.66 * (sty - stp), stpf) : Math.max(stp + 0.66 * (sty - stp), stpf);
    } else {
      stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
      stpf = Math.min(stpmax, stpf);
      stpf = Math.max(stpmin, stpf);
    }
  } else {
    // Lower function value, same-sign derivatives, magnitude not decreasing.
    if (s.brackt) {
      const theta = (3.0 * (fp - fy)) / (sty - stp) + dy + dp;
      const sm = Math.max(Math.abs(theta), Math.max(Math.abs(dy), Math.abs(dp)));
      let gamma = sm * Math.sqrt((theta / sm) ** 2 - (dy / sm) * (dp / sm));
      if (stp > sty) gamma = -gamma;
      const p = gamma - dp + theta;
      const q = gamma - dp + gamma + dy;
      const r = p / q;
      stpf = stp + r * (sty - stp);
    } else stpf = stp > stx ? stpmax : stpmin;
  }
  // Update the interval that contains a minimizer.
  if (fp > fx) {
    s.sty = stp;
    s.fy = fp;
    s.dy = dp;
  } else {
    if (sgnd < 0.0) {
      s.sty = stx;
      s.fy = fx;
      s.dy = dx;
    }
    s.stx = stp;
    s.fx = fp;
    s.dx = dp;
  }
  s.stp = stpf;
}

// ---------------------------------------------------------------------------------------------

// Small BLAS-like helpers: hot, monomorphic and tiny, so V8 optimises them after a few calls
// (a big function with many loops stays in the interpreter much longer on the first fit).

/** a[ao:ao+n] . b[0:n] */
function dot(a: Float64Array, ao: number, b: Float64Array, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += a[ao + i]! * b[i]!;
    s1 += a[ao + i + 1]! * b[i + 1]!;
    s2 += a[ao + i + 2]! * b[i + 2]!;
    s3 += a[ao + i + 3]! * b[i + 3]!;
  }
  for (; i < n; i++) s0 += a[ao + i]! * b[i]!;
  return s0 + s1 + (s2 + s3);
}

/** y[0:n] += alpha * x[xo:xo+n] */
function axpy(alpha: number, x: Float64Array, xo: number, y: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) y[i] = y[i]! + alpha * x[xo + i]!;
}

/** out = a + alpha * b (element-wise) */
function addScaled(out: Float64Array, a: Float64Array, alpha: number, b: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = alpha * b[i]! + a[i]!;
}

/** out = a - b */
function sub(out: Float64Array, a: Float64Array, b: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i]! - b[i]!;
}

/** z = x + scale * q (the trial point at step 1) and d = z - x, as mainlb forms them; returns d'd. */
function formStep(z: Float64Array, d: Float64Array, x: Float64Array, q: Float64Array, scale: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const z0 = scale * q[i]! + x[i]!;
    const z1 = scale * q[i + 1]! + x[i + 1]!;
    z[i] = z0;
    z[i + 1] = z1;
    const d0 = z0 - x[i]!;
    const d1 = z1 - x[i + 1]!;
    d[i] = d0;
    d[i + 1] = d1;
    s0 += d0 * d0;
    s1 += d1 * d1;
  }
  for (; i < n; i++) {
    const z0 = scale * q[i]! + x[i]!;
    z[i] = z0;
    const d0 = z0 - x[i]!;
    d[i] = d0;
    s0 += d0 * d0;
  }
  return s0 + s1;
}

/**
 * The two-loop recursion: q <- H q with the stored pairs (oldest at `head`) and H0 = h0 * I.
 * Each update of q is fused with the dot product the next step needs, halving the passes over q
 * The dot products use four partial sums, as BLAS ddot does.
 */
function twoLoop(q: Float64Array, S: Float64Array, Y: Float64Array, sy: Float64Array, alpha: Float64Array, head: number, col: number, m: number, n: number, h0: number): void {
  // First loop, newest pair first: a_c = (s_c . q) / (s_c' y_c); q -= a_c y_c.
  let p = (head + col - 1) % m;
  let a = dot(S, p * n, q, n) / sy[p]!;
  for (let c = col - 1; c >= 0; c--) {
    alpha[p] = a;
    const yo = p * n;
    if (c === 0) {
      // last update, fused with the H0 scaling
      for (let i = 0; i < n; i++) q[i] = (q[i]! - a * Y[yo + i]!) * h0;
      break;
    }
    const pn = (head + c - 1) % m;
    const so = pn * n;
    // Four partial sums (like BLAS ddot) so the additions do not wait on each other.
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let i = 0;
    for (; i + 3 < n; i += 4) {
      const v0 = q[i]! - a * Y[yo + i]!;
      const v1 = q[i + 1]! - a * Y[yo + i + 1]!;
      const v2 = q[i + 2]! - a * Y[yo + i + 2]!;
      const v3 = q[i + 3]! - a * Y[yo + i + 3]!;
      q[i] = v0;
      q[i + 1] = v1;
      q[i + 2] = v2;
      q[i + 3] = v3;
      a0 += S[so + i]! * v0;
      a1 += S[so + i + 1]! * v1;
      a2 += S[so + i + 2]! * v2;
      a3 += S[so + i + 3]! * v3;
    }
    for (; i < n; i++) {
      const v = q[i]! - a * Y[yo + i]!;
      q[i] = v;
      a0 += S[so + i]! * v;
    }
    p = pn;
    a = (a0 + a1 + (a2 + a3)) / sy[p]!;
  }
  // Second loop, oldest pair first: b = (y_c . q) / (s_c' y_c); q += (a_c - b) s_c.
  p = head;
  let b = dot(Y, p * n, q, n) / sy[p]!;
  for (let c = 0; c < col; c++) {
    const coef = alpha[p]! - b;
    const so = p * n;
    if (c === col - 1) {
      axpy(coef, S, so, q, n);
      break;
    }
    const pn = (head + c + 1) % m;
    const yo = pn * n;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let i = 0;
    for (; i + 3 < n; i += 4) {
      const v0 = q[i]! + coef * S[so + i]!;
      const v1 = q[i + 1]! + coef * S[so + i + 1]!;
      const v2 = q[i + 2]! + coef * S[so + i + 2]!;
      const v3 = q[i + 3]! + coef * S[so + i + 3]!;
      q[i] = v0;
      q[i + 1] = v1;
      q[i + 2] = v2;
      q[i + 3] = v3;
      a0 += Y[yo + i]! * v0;
      a1 += Y[yo + i + 1]! * v1;
      a2 += Y[yo + i + 2]! * v2;
      a3 += Y[yo + i + 3]! * v3;
    }
    for (; i < n; i++) {
      const v = q[i]! + coef * S[so + i]!;
      q[i] = v;
      a0 += Y[yo + i]! * v;
    }
    p = pn;
    b = (a0 + a1 + (a2 + a3)) / sy[p]!;
  }
}

function maxAbs(g: Float64Array): number {
  let m = 0;
  for (let i = 0; i < g.length; i++) {
    const v = g[i]!;
    if (v !== v) return v; // NaN propagates, as projgr
    const a = Math.abs(v);
    if (a > m) m = a;
  }
  return m;
}

function result(x: Float64Array, fun: number, jac: Float64Array, nit: number, nfev: number, status: 0 | 1 | 2, message: string): LbfgsResult {
  return { x, fun, jac, nit, nfev, status, message, success: status === 0 };
}

/** Minimise fg from x0 with L-BFGS (no bounds), following scipy's L-BFGS-B step for step. */
export function minimizeLbfgs(fg: LossGradFn, x0: ArrayLike<number>, options: LbfgsOptions = {}): LbfgsResult {
  const m = options.maxcor ?? 10;
  const maxiter = options.maxiter ?? 15000;
  const maxfun = options.maxfun ?? 15000;
  const maxls = options.maxls ?? 20;
  const pgtol = options.gtol ?? 1e-5;
  const ftolOpt = options.ftol ?? 2.2204460492503131e-9;
  const tol = (ftolOpt / EPS) * EPS; // factr * epsmch, as scipy passes factr = ftol / eps

  const n = x0.length;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  const z = new Float64Array(n); // trial point at stp = 1
  const d = new Float64Array(n); // search direction
  const t = new Float64Array(n); // x at the start of the line search
  const r = new Float64Array(n); // g at the start of the line search, then y = g_new - g_old
  const q = new Float64Array(n); // two-loop work vector
  const S = new Float64Array(m * n); // ring buffers of s- and y-vectors
  const Y = new Float64Array(m * n);
  const sy = new Float64Array(m); // s'y of each stored pair
  const alpha = new Float64Array(m);

  // No closures over the hot arrays or counters: captured variables live in a context object
  // and make every access in the loops below slower.
  let nfev = 1;
  let f = fg(x, g);
  let nit = 0; // the driver's n_iterations
  let iter = 0; // mainlb's iteration counter (decides the first step length)
  let col = 0;
  let head = 0;
  let theta = 1.0;
  let sbgnrm = maxAbs(g);

  if (sbgnrm <= pgtol) return result(x, f, g, nit, nfev, 0, "CONVERGENCE: NORM OF PROJECTED GRADIENT <= PGTOL");

  for (;;) {
    // ---- search direction: z = x + H(-g); d = z - x (as mainlb forms d from the point) ----
    for (let i = 0; i < n; i++) q[i] = -g[i]!;
    // Without history: the generalized Cauchy point without bounds, x + (1/theta)(-g).
    if (col > 0) twoLoop(q, S, Y, sy, alpha, head, col, m, n, 1.0 / theta);
    const dtd = formStep(z, d, x, q, col > 0 ? 1.0 : 1.0 / theta, n);

    // ---- line search (lnsrlb) ----
    const dnorm = Math.sqrt(dtd);
    const stpmx = 1.0e10;
    let stp = iter === 0 ? Math.min(1.0 / dnorm, stpmx) : 1.0;
    t.set(x);
    r.set(g);
    const fold = f;
    let ifun = 0;
    let iback = 0;
    let gd = dot(g, 0, d, n);
    const gdold = gd;
    let failed = gd >= 0; // not a descent direction: line search impossible (info = -4)
    if (!failed) {
      const ls = new Dcsrch(1e-3, 0.9, 0.1, 0.0, stpmx);
      stp = ls.start(f, gd, stp);
      for (;;) {
        if (ls.task === LS_ERROR) {
          failed = true;
          break;
        }
        if (ls.task !== LS_FG) break; // CONV or WARN: accept the step
        ifun++;
        iback = ifun - 1;
        if (stp === 1.0) x.set(z);
        else addScaled(x, t, stp, d, n);
        if (iback >= maxls) {
          failed = true;
          break;
        }
        nfev++;
        f = fg(x, g);
        gd = dot(g, 0, d, n);
        stp = ls.next(f, gd, stp);
      }
    }
    if (failed) {
      x.set(t);
      g.set(r);
      f = fold;
      if (col === 0) return result(x, f, g, nit, nfev, 2, "ABNORMAL: ");
      // Drop the history and restart from steepest descent (task RESTART, no iteration counted).
      col = 0;
      head = 0;
      theta = 1.0;
      continue;
    }

    // ---- new iterate ----
    iter++;
    sbgnrm = maxAbs(g);
    nit++;
    if (nit >= maxiter) return result(x, f, g, nit, nfev, 1, "STOP: TOTAL NO. OF ITERATIONS REACHED LIMIT");
    if (nfev > maxfun) return result(x, f, g, nit, nfev, 1, "STOP: TOTAL NO. OF F,G EVALUATIONS EXCEEDS LIMIT");
    if (sbgnrm <= pgtol) return result(x, f, g, nit, nfev, 0, "CONVERGENCE: NORM OF PROJECTED GRADIENT <= PGTOL");
    if (fold - f <= tol * Math.max(Math.abs(fold), Math.abs(f), 1.0)) return result(x, f, g, nit, nfev, 0, "CONVERGENCE: RELATIVE REDUCTION OF F <= FACTR*EPSMCH");

    // ---- L-BFGS update with s = stp*d, y = g - g_old ----
    sub(r, g, r, n);
    const rr = dot(r, 0, r, n);
    let dr: number;
    let ddum: number;
    if (stp === 1.0) {
      dr = gd - gdold;
      ddum = -gdold;
    } else {
      dr = (gd - gdold) * stp;
      for (let i = 0; i < n; i++) d[i] = stp * d[i]!;
      ddum = -gdold * stp;
    }
    if (dr <= EPS * ddum) continue; // curvature too small: skip this pair
    let tail: number;
    if (col < m) {
      tail = (head + col) % m;
      col++;
    } else {
      tail = head;
      head = (head + 1) % m;
    }
    S.set(d, tail * n);
    Y.set(r, tail * n);
    sy[tail] = dr;
    theta = rr / dr;
  }
}
