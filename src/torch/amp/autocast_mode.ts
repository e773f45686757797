// torch.autocast (torch/amp/autocast_mode.py): inside the region, ops that gain from lower
// precision (matmul, linear, bmm, conv, addmm, baddbmm…) run in float16/bfloat16 and ops that need
// range (softmax, log_softmax, layer_norm, losses…) run in float32 — libtorch's own per-op lists,
// applied by its Autocast dispatch keys, so every op we call through the dispatcher is covered.
// The two JS forms of a context manager: `torch.autocast("cpu", { dtype }, () => …)` or
// `using _ = torch.autocast("cpu", { dtype })`.
import { _C } from "../_C.js";
import { ValueError } from "../../utils/errors.js";
import { bfloat16, float16, float32, type dtype } from "../dtype.js";
import { __version__ } from "../runtime.js";

export type AutocastDevice = "cpu" | "cuda";
export interface AutocastOptions {
  /** Lower-precision dtype: PyTorch's default is float16 on CUDA and bfloat16 on the CPU. */
  dtype?: dtype | null;
  enabled?: boolean;
  /** Reuse each weight's cast within the region (PyTorch's default: true). */
  cache_enabled?: boolean | null;
}

const BY_CODE = new Map<number, dtype>([[float16.code, float16], [bfloat16.code, bfloat16], [float32.code, float32]]);

function versionAtLeast(major: number, minor: number): boolean {
  const [a, b] = __version__.split(".").map(Number);
  return a > major || (a === major && b >= minor);
}

/** The dtypes libtorch's autocast accepts on each device (PyTorch warns and disables otherwise; we throw). */
function supported(device: AutocastDevice): dtype[] {
  if (device === "cuda") return [float16, bfloat16];
  // CPU float16 autocast arrived in PyTorch 2.3 (with the CPU GradScaler); before, only bfloat16.
  return versionAtLeast(2, 3) ? [bfloat16, float16] : [bfloat16];
}

function isPromiseLike(v: unknown): boolean {
  return v !== null && (typeof v === "object" || typeof v === "function") && typeof (v as { then?: unknown }).then === "function";
}

function enter(device_type: string, opts: AutocastOptions): () => void {
  if (device_type !== "cpu" && device_type !== "cuda") throw new ValueError(`autocast: device_type must be 'cpu' or 'cuda', got '${device_type}'`);
  const device = device_type as AutocastDevice;
  const enabled = opts.enabled ?? true;
  const prev = _C.autocast_state(device);
  const want = opts.dtype ?? (device === "cuda" ? float16 : bfloat16);
  if (enabled && !supported(device).includes(want)) {
    throw new ValueError(`autocast: ${device} autocast supports ${supported(device).join(", ")} with libtorch ${__version__}, not ${want}`);
  }
  _C.set_autocast(device, enabled, want.code, opts.cache_enabled ?? prev.cache_enabled);
  _C.autocast_increment_nesting();
  let done = false;
  return () => {
    if (done) return;
    done = true;
    // Leaving the outermost region clears the weight-cast cache (the addon does it at nesting 0).
    _C.autocast_decrement_nesting();
    _C.set_autocast(device, prev.enabled, prev.dtype, prev.cache_enabled);
  };
}

/**
 * Mixed precision for a region of forward compute (not backward: the gradients follow the casts
 * recorded in the graph, as in PyTorch).
 * @example
 * const loss = torch.autocast("cpu", { dtype: torch.bfloat16 }, () => model.forward(batch).loss);
 * { using _ = torch.autocast("cuda"); logits = model.forward(batch).logits }   // float16 matmuls
 */
export function autocast<T>(device_type: AutocastDevice, opts: AutocastOptions, fn: () => T): T;
export function autocast<T>(device_type: AutocastDevice, fn: () => T): T;
export function autocast(device_type: AutocastDevice, opts?: AutocastOptions): Disposable;
export function autocast<T>(device_type: AutocastDevice, a?: AutocastOptions | (() => T), b?: () => T): T | Disposable {
  const fn = typeof a === "function" ? a : b;
  const opts = typeof a === "object" && a !== null ? a : {};
  const exit = enter(device_type, opts);
  if (fn === undefined) return { [Symbol.dispose]: exit };
  try {
    const r = fn();
    if (isPromiseLike(r)) throw new TypeError("autocast: fn returned a Promise. Autocast is thread state and must wrap synchronous compute; await I/O outside.");
    return r;
  } finally {
    exit();
  }
}

export function is_autocast_enabled(device_type: AutocastDevice = "cuda"): boolean {
  return _C.autocast_state(device_type).enabled;
}

export function get_autocast_dtype(device_type: AutocastDevice): dtype {
  const code = _C.autocast_state(device_type).dtype;
  const d = BY_CODE.get(code);
  if (d === undefined) throw new ValueError(`autocast: unexpected dtype code ${code}`);
  return d;
}

/** Whether `autocast(device, { dtype })` can run on this libtorch (the Trainer checks before training). */
export function is_autocast_available(device_type: AutocastDevice, d: dtype): boolean {
  return supported(device_type).includes(d);
}
