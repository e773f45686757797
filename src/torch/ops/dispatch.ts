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

function unwrapArg(a: unknown, op: Op): unknown {
  if (a instanceof Tensor) return a._handle(op.name);
  if (Array.isArray(a)) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (v instanceof Tensor || (v === null && a.some((x) => x instanceof Tensor))) {
        return a.map((x) => (x instanceof Tensor ? x._handle(op.name) : x));
      }
    }
  }
  return a;
}

/** Calls the op with args in schema order; returns what the addon returns (handles unwrapped). */
export function callRaw(op: Op, ...args: unknown[]): unknown {
  const id = resolve(op);
  for (let i = 0; i < args.length; i++) args[i] = unwrapArg(args[i], op);
  return _C.call(id, ...args);
}

function wrap(h: unknown): Tensor {
  return new Tensor(h as Handle);
}

/** One tensor out. */
export function callT(op: Op, ...args: unknown[]): Tensor {
  return wrap(callRaw(op, ...args));
}

/** Several tensors out (a tuple or a Tensor[] return). */
export function callTs(op: Op, ...args: unknown[]): Tensor[] {
  return (callRaw(op, ...args) as unknown[]).map(wrap);
}

/** An in-place op: mutates `self`, returns it (no new handle). */
export function callInplace<T extends Tensor>(op: Op, self: T, ...args: unknown[]): T {
  callRaw(op, self, ...args);
  return self;
}

/** Python's namedtuple(values, indices): destructures as [values, indices] and has the fields. */
export type ValuesIndices = [Tensor, Tensor] & { values: Tensor; indices: Tensor };
export function valuesIndices(pair: Tensor[]): ValuesIndices {
  const [values, indices] = pair;
  return Object.assign([values, indices] as [Tensor, Tensor], { values, indices });
}
