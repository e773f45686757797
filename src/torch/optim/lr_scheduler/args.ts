// Python-style argument binding for the schedulers (see ../lr_scheduler.ts): positional values, then
// one trailing options object, with Python's TypeErrors. Internal: not re-exported from
// lr_scheduler.ts except `_bind_args` and `_did_you_mean`, which transformers/optimization.ts reuses.
import { ValueError } from "../../../utils/errors.js";
import type { OptimizerLike } from "./base.js";

/** @internal Python keyword arguments: name → value. */
export type Kwargs = { [key: string]: unknown };

// ---- Python-style argument binding (internal; optimization.ts reuses it) ----
function isKwargs(v: unknown): v is Kwargs {
  if (typeof v !== "object" || v === null || Array.isArray(v) || "param_groups" in v) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
/** @internal Suffix naming the closest valid name, for "unknown key" errors. */
export function _did_you_mean(key: string, valid: readonly string[]): string {
  const best = [...valid].sort((x, y) => editDistance(key, x) - editDistance(key, y))[0];
  return best !== undefined && editDistance(key, best) <= Math.max(2, best.length / 3) ? ` (did you mean '${best}'?)` : "";
}
/**
 * @internal Bind `args` to Python parameter `names` like a Python call: positional values first, then
 * at most one trailing options object with the remaining names. Throws Python's TypeErrors.
 */
export function _bind_args(fn: string, names: readonly string[], args: readonly unknown[]): Kwargs {
  const out: Kwargs = {};
  let i = 0;
  for (; i < args.length && !isKwargs(args[i]); i++) {
    if (args[i] === undefined) continue;
    if (i >= names.length) throw new TypeError(`${fn}() takes at most ${names.length} positional arguments after the optimizer`);
    out[names[i]!] = args[i];
  }
  if (i < args.length) {
    if (args.slice(i + 1).some((a) => a !== undefined)) throw new TypeError(`${fn}(): the options object must be the last argument`);
    for (const [k, v] of Object.entries(args[i] as Kwargs)) {
      if (!names.includes(k)) throw new TypeError(`${fn}() got an unexpected keyword argument '${k}'${_did_you_mean(k, names)}`);
      if (k in out) throw new TypeError(`${fn}() got multiple values for argument '${k}'`);
      if (v !== undefined) out[k] = v;
    }
  }
  return out;
}
// ---- Typed readers of bound arguments (internal to the schedulers) ----
export function kind(v: unknown): string { return v === null ? "null" : Array.isArray(v) ? "array" : typeof v; }
export function arg<T>(a: Kwargs, fn: string, name: string, type: string, ok: (v: unknown) => boolean, dflt?: T): T {
  const v = a[name] ?? dflt;
  if (v === undefined) throw new TypeError(`${fn}() missing 1 required argument: '${name}'`);
  if (!ok(v)) throw new TypeError(`${fn}(): '${name}' must be ${type}, got ${kind(v)}`);
  return v as T;
}
export const isNum = (v: unknown): boolean => typeof v === "number" && !Number.isNaN(v);
export const num = (a: Kwargs, fn: string, name: string, d?: number): number => arg(a, fn, name, "a number", isNum, d);
export const str = (a: Kwargs, fn: string, name: string, d?: string): string => arg(a, fn, name, "a string", (v) => typeof v === "string", d);
export const bool = (a: Kwargs, fn: string, name: string, d?: boolean): boolean => arg(a, fn, name, "a boolean", (v) => typeof v === "boolean", d);
export const nums = (a: Kwargs, fn: string, name: string, d?: number): number | number[] =>
  arg(a, fn, name, "a number or an array of numbers", (v) => isNum(v) || (Array.isArray(v) && v.every(isNum)), d);
export function optNum(a: Kwargs, fn: string, name: string): number | null {
  return a[name] == null ? null : num(a, fn, name);
}
export function formatParam(name: string, optimizer: OptimizerLike, param: number | number[]): number[] {
  const n = optimizer.param_groups.length;
  if (!Array.isArray(param)) return new Array<number>(n).fill(param);
  if (param.length !== n) {
    throw new ValueError(`${name} must have the same length as optimizer.param_groups. ${name} has ${param.length} values, param_groups has ${n}.`);
  }
  return [...param];
}
