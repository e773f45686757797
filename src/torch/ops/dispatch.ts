// The TS side of the generic door: ATen ops by schema name, looked up once, called with
// Tensors unwrapped to handles. Per-op knowledge (overload choice, argument order, defaults)
// lives in the small ops/*.ts files that call these.
import { _C, type Handle } from "../_C.js";
import { Tensor } from "../tensor.js";

/** A resolved ATen operator: its schema name and the addon's id (looked up on first use). */
export interface Op {
  readonly name: string;
  id: number;
}

const ops = new Map<string, Op>();

/** `aten("aten::add.Tensor")`: the op, cached; the schema is found on first call. */
export function aten(name: string): Op {
  let op = ops.get(name);
  if (op === undefined) {
    op = { name, id: -1 };
    ops.set(name, op);
  }
  return op;
}

function resolve(op: Op): number {
  if (op.id < 0) op.id = _C.find_op(op.name);
  return op.id;
}

/** True when this libtorch has the operator (version differences). */
export function hasOp(name: string): boolean {
  try {
    resolve(aten(name));
    return true;
  } catch {
    return false;
  }
}

/** The schema text, e.g. for error messages and docs. */
export function schemaOf(name: string): string {
  return _C.op_schema(resolve(aten(name)));
}

function unwrapList(a: unknown[], op: Op): unknown[] {
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v instanceof Tensor || (v === null && a.some((x) => x instanceof Tensor))) {
      return a.map((x) => (x instanceof Tensor ? x._handle(op.name) : x));
    }
  }
  return a;
}

function u(a: unknown, op: Op): unknown {
  if (a instanceof Tensor) return a._handle(op.name);
  if (Array.isArray(a)) return unwrapList(a, op);
  return a;
}

/**
 * Calls the op with args in schema order (at most 8; trailing `undefined`s take the schema
 * defaults); returns what the addon returns. Fixed parameters instead of rest/spread keep the
 * hot path free of argument arrays (measured: fewer allocations, less GC per op).
 */
export function callRaw(op: Op, a0?: unknown, a1?: unknown, a2?: unknown, a3?: unknown, a4?: unknown, a5?: unknown, a6?: unknown, a7?: unknown): unknown {
  if (arguments.length > 9) throw new TypeError(`${op.name}: the generic door takes at most 8 arguments`);
  const id = op.id >= 0 ? op.id : resolve(op);
  return _C.call(id, u(a0, op), u(a1, op), u(a2, op), u(a3, op), u(a4, op), u(a5, op), u(a6, op), u(a7, op));
}

/** Any number of arguments (for long schemas such as the fused optimizers); slower, not for hot ops. */
export function callList(op: Op, args: unknown[]): unknown {
  const id = op.id >= 0 ? op.id : resolve(op);
  return _C.call(id, ...args.map((a) => u(a, op)));
}

/** One tensor out. */
export function callT(op: Op, a0?: unknown, a1?: unknown, a2?: unknown, a3?: unknown, a4?: unknown, a5?: unknown, a6?: unknown, a7?: unknown): Tensor {
  return new Tensor(callRaw(op, a0, a1, a2, a3, a4, a5, a6, a7) as Handle);
}

/** Several tensors out (a tuple or a Tensor[] return). */
export function callTs(op: Op, a0?: unknown, a1?: unknown, a2?: unknown, a3?: unknown, a4?: unknown, a5?: unknown, a6?: unknown, a7?: unknown): Tensor[] {
  return (callRaw(op, a0, a1, a2, a3, a4, a5, a6, a7) as Handle[]).map((h) => new Tensor(h));
}

/** An in-place op: mutates `self`, returns it (no new handle). */
export function callInplace<T extends Tensor>(op: Op, self: T, a1?: unknown, a2?: unknown, a3?: unknown, a4?: unknown, a5?: unknown, a6?: unknown, a7?: unknown): T {
  callRaw(op, self, a1, a2, a3, a4, a5, a6, a7);
  return self;
}

/** Python's namedtuple(values, indices): destructures as [values, indices] and has the fields. */
export type ValuesIndices = [Tensor, Tensor] & { values: Tensor; indices: Tensor };
export function valuesIndices(pair: Tensor[]): ValuesIndices {
  const [values, indices] = pair;
  return Object.assign([values, indices] as [Tensor, Tensor], { values, indices });
}
