// Grad modes as PyTorch's context managers, in the two JS forms: a synchronous callback
// (`torch.no_grad(() => model.forward(x))`) and a `using` guard (`using _ = torch.no_grad()`).
import { _C } from "./_C.js";

function isPromiseLike(v: unknown): boolean {
  return v !== null && (typeof v === "object" || typeof v === "function") && typeof (v as { then?: unknown }).then === "function";
}

function guarded<T>(name: string, enter: () => () => void, fn?: () => T): T | Disposable {
  const exit = enter();
  if (fn === undefined) {
    let done = false;
    return { [Symbol.dispose]: () => { if (!done) { done = true; exit(); } } };
  }
  try {
    const r = fn();
    if (isPromiseLike(r)) {
      throw new TypeError(`${name}: fn returned a Promise. Grad modes are thread state and must wrap synchronous compute; await I/O outside.`);
    }
    return r;
  } finally {
    exit();
  }
}

function gradMode(on: boolean): () => () => void {
  return () => {
    const prev = _C.is_grad_enabled();
    _C.set_grad_enabled(on);
    return () => _C.set_grad_enabled(prev);
  };
}

/**
 * Disables gradient recording.
 * @example
 * const logits = torch.no_grad(() => model.forward(batch).logits);
 * { using _ = torch.no_grad(); const y = w.mul(2); y.requires_grad }   // false
 */
export function no_grad<T>(fn: () => T): T;
export function no_grad(): Disposable;
export function no_grad<T>(fn?: () => T): T | Disposable {
  return guarded("no_grad", gradMode(false), fn);
}

/** Re-enables gradient recording inside a no_grad region. */
export function enable_grad<T>(fn: () => T): T;
export function enable_grad(): Disposable;
export function enable_grad<T>(fn?: () => T): T | Disposable {
  return guarded("enable_grad", gradMode(true), fn);
}

/** set_grad_enabled(mode): as a guard or callback like the others; `set_grad_enabled(false)` alone also works as a plain setter once its guard is dropped. */
export function set_grad_enabled<T>(mode: boolean, fn: () => T): T;
export function set_grad_enabled(mode: boolean): Disposable;
export function set_grad_enabled<T>(mode: boolean, fn?: () => T): T | Disposable {
  return guarded("set_grad_enabled", gradMode(mode), fn);
}

export function is_grad_enabled(): boolean {
  return _C.is_grad_enabled();
}

/**
 * torch.inference_mode: like no_grad, and tensors made inside can never join autograd later
 * (faster: no version counters or view tracking).
 */
export function inference_mode<T>(fn: () => T): T;
export function inference_mode(mode?: boolean): Disposable;
export function inference_mode<T>(arg?: boolean | (() => T)): T | Disposable {
  const mode = typeof arg === "boolean" ? arg : true;
  const fn = typeof arg === "function" ? arg : undefined;
  return guarded("inference_mode", () => {
    const depth = _C.enter_inference_mode(mode);
    return () => _C.exit_inference_mode(depth);
  }, fn);
}

export function is_inference_mode_enabled(): boolean {
  return _C.is_inference_mode_enabled();
}
