/**
 * A safe pickle VM (protocols 0–5) that only builds plain JS values.
 *
 * Mirrors `torch/_weights_only_unpickler.py` (what `torch.load(weights_only=True)` runs) rather
 * than CPython's `pickle.Unpickler`: there is no import, no attribute lookup and no eval. A
 * GLOBAL/STACK_GLOBAL/INST opcode is resolved only through the caller's allow-list
 * (`findGlobal`), and anything else is refused *at the GLOBAL opcode*, before any REDUCE could
 * run it. REDUCE/NEWOBJ only call allow-listed JS functions, BUILD only targets objects that
 * implement {@link Buildable}, APPEND only plain lists, SETITEM only dicts. Modules the torch
 * unpickler hard-blocks (sys, os, posix, nt) are refused whatever the allow-list says.
 *
 * Python → JS values: None → null, bool → boolean, int → number (bigint beyond 2^53), float →
 * number, str → string, bytes → Uint8Array, list → array, tuple → frozen array, dict → Map,
 * set/frozenset → Set, allow-listed global → {@link PickleGlobal} (or what its `call` returns).
 */

export class UnpicklingError extends Error {
  override name = "UnpicklingError";
}

/** The pickle ended before STOP: a caller reading a growing prefix of a file may retry with more bytes. */
export class PickleTruncatedError extends UnpicklingError {}

/** What an allow-list entry may do. Neither member is ever invoked for a global that is not listed. */
export interface SafeGlobal {
  /** REDUCE (`f(*args)`), INST and OBJ. */
  call?(args: readonly unknown[]): unknown;
  /** NEWOBJ / NEWOBJ_EX (`cls.__new__(cls, *args)`); defaults to `call`. */
  construct?(args: readonly unknown[]): unknown;
}

/** An allow-listed global on the stack, e.g. `torch.FloatStorage` passed inside a persistent id. */
export class PickleGlobal {
  constructor(readonly module: string, readonly name: string, readonly impl: SafeGlobal) {}
  get qualname(): string {
    return `${this.module}.${this.name}`;
  }
}

/** Objects that accept BUILD (Python's `__setstate__`). */
export interface Buildable {
  pickleBuild(state: unknown): void;
}

export function isBuildable(x: unknown): x is Buildable {
  return typeof x === "object" && x !== null && typeof (x as Partial<Buildable>).pickleBuild === "function";
}

/** `collections.OrderedDict`: a Map that also keeps instance attributes set by BUILD (state_dict's `_metadata`). */
export class OrderedDict extends Map<unknown, unknown> implements Buildable {
  readonly attributes = new Map<string, unknown>();
  pickleBuild(state: unknown): void {
    // weights_only does `inst.__dict__.update(state)`; a (state, slotstate) pair is also legal pickle.
    const parts = Array.isArray(state) && Object.isFrozen(state) && state.length === 2 ? state : [state];
    for (const part of parts) {
      if (part === null) continue;
      if (!(part instanceof Map)) throw new UnpicklingError(`OrderedDict BUILD state must be a dict, got ${describe(part)}`);
      for (const [k, v] of part) {
        if (typeof k !== "string") throw new UnpicklingError(`OrderedDict attribute names must be strings, got ${describe(k)}`);
        this.attributes.set(k, v);
      }
    }
  }
}

export interface UnpicklerOptions {
  /** Named in every error message. */
  file?: string;
  /** The allow-list. Return undefined to refuse (the default refuses every global). */
  findGlobal?: (module: string, name: string) => SafeGlobal | undefined;
  /** BINPERSID/PERSID handler; without one, persistent ids are an error. */
  persistentLoad?: (pid: unknown) => unknown;
}

/** Modules `torch._weights_only_unpickler` refuses even when a user allow-lists them. */
const BLOCKED_MODULES = new Set(["sys", "os", "posix", "nt"]);

/** Short, safe description of a value for error messages. */
export function describe(x: unknown): string {
  if (x === null) return "None";
  if (x instanceof PickleGlobal) return `global ${x.qualname}`;
  if (Array.isArray(x)) return Object.isFrozen(x) ? `tuple of ${x.length}` : `list of ${x.length}`;
  if (x instanceof Map) return `dict of ${x.size}`;
  if (x instanceof Uint8Array) return `bytes of ${x.length}`;
  if (typeof x === "string") return JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x);
  if (typeof x === "object") return x.constructor?.name ?? "object";
  return `${typeof x} ${String(x)}`;
}

const MAX_LONG_BYTES = 4096;
const tuple = (items: unknown[]): readonly unknown[] => Object.freeze(items);
const isList = (x: unknown): x is unknown[] => Array.isArray(x) && !Object.isFrozen(x);
const isTuple = (x: unknown): x is readonly unknown[] => Array.isArray(x) && Object.isFrozen(x);
const utf8 = new TextDecoder("utf-8", { fatal: true });
const latin1 = new TextDecoder("latin1");

/** Python int from little-endian two's complement bytes (LONG1/LONG4); number when exact. */
function decodeLong(b: Uint8Array): number | bigint {
  if (b.length === 0) return 0;
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i] as number);
  if ((b[b.length - 1] as number) & 0x80) v -= 1n << BigInt(8 * b.length);
  return intValue(v);
}

function intValue(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** Unpickles one pickle starting at `offset`; returns the value and the offset just after STOP. */
export function unpickleAt(bytes: Uint8Array, offset: number, opts: UnpicklerOptions = {}): { value: unknown; end: number } {
  const file = opts.file ?? "<pickle>";
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = offset;
  let opPos = offset;
  let op = 0;
  let stack: unknown[] = [];
  const metastack: unknown[][] = [];
  const memo = new Map<number, unknown>();

  const err = (msg: string): UnpicklingError =>
    new UnpicklingError(`${file}: bad pickle at byte ${opPos} (opcode 0x${op.toString(16).padStart(2, "0")}): ${msg}`);
  const need = (n: number): number => {
    if (n > bytes.length - pos) {
      throw new PickleTruncatedError(`${file}: truncated pickle: opcode at byte ${opPos} needs ${n} more bytes but only ${bytes.length - pos} remain`);
    }
    const at = pos;
    pos += n;
    return at;
  };
  const take = (n: number): Uint8Array => bytes.subarray(need(n), pos);
  const u8 = (): number => view.getUint8(need(1));
  const u32 = (): number => view.getUint32(need(4), true);
  const u64 = (): number => {
    const v = view.getBigUint64(need(8), true);
    if (v > BigInt(bytes.length)) throw new PickleTruncatedError(`${file}: truncated pickle: opcode at byte ${opPos} declares ${v} bytes, more than the data holds`);
    return Number(v);
  };
  const line = (): string => {
    const nl = bytes.indexOf(0x0a, pos);
    if (nl < 0) throw new PickleTruncatedError(`${file}: truncated pickle: unterminated text line at byte ${pos}`);
    const s = latin1.decode(bytes.subarray(pos, nl));
    pos = nl + 1;
    return s;
  };
  const str = (b: Uint8Array): string => {
    try {
      return utf8.decode(b);
    } catch {
      throw err("string is not valid UTF-8");
    }
  };
  // `stack` is reassigned by MARK/popMark, so never hold `stack.push` across an argument that pops a mark.
  const push = (v: unknown): void => {
    stack.push(v);
  };
  const pop = (): unknown => {
    if (stack.length === 0) throw err("stack underflow");
    return stack.pop();
  };
  const top = (): unknown => {
    if (stack.length === 0) throw err("stack underflow");
    return stack[stack.length - 1];
  };
  const popMark = (): unknown[] => {
    const items = stack;
    const prev = metastack.pop();
    if (prev === undefined) throw err("no MARK on the stack");
    stack = prev;
    return items;
  };
  const resolve = (module: string, name: string): PickleGlobal => {
    const qual = `${module}.${name}`;
    const impl = BLOCKED_MODULES.has(module.split(".")[0] as string) ? undefined : opts.findGlobal?.(module, name);
    if (!impl) {
      throw new UnpicklingError(
        `refusing to load '${qual}' from ${file}: only tensor/state-dict globals are allowed (weights_only semantics); nothing was executed`,
      );
    }
    return new PickleGlobal(module, name, impl);
  };
  const callGlobal = (f: unknown, args: unknown, how: "call" | "construct"): unknown => {
    if (!(f instanceof PickleGlobal)) throw err(`${how === "call" ? "REDUCE" : "NEWOBJ"} target is ${describe(f)}, not an allow-listed global`);
    if (!isTuple(args)) throw err(`arguments to ${f.qualname} must be a tuple, got ${describe(args)}`);
    const fn = how === "construct" ? (f.impl.construct ?? f.impl.call) : f.impl.call;
    if (!fn) throw err(`${f.qualname} is allow-listed as a value and cannot be called`);
    return guarded(f.qualname, () => fn.call(f.impl, args));
  };
  // Errors raised by allow-listed code get the file, byte offset and opcode prepended.
  const guarded = <T>(what: string, fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      throw err(`${what}: ${(e as Error).message}`);
    }
  };
  const memoGet = (i: number): unknown => {
    if (!memo.has(i)) throw err(`memo key ${i} was never stored`);
    return memo.get(i);
  };
  const setItems = (target: unknown, items: unknown[]): void => {
    if (!(target instanceof Map)) throw err(`SETITEM(S) target must be a dict, got ${describe(target)}`);
    if (items.length % 2) throw err("SETITEMS needs key/value pairs");
    for (let i = 0; i < items.length; i += 2) target.set(items[i], items[i + 1]);
  };
  const persistent = (pid: unknown): unknown => {
    const load = opts.persistentLoad;
    if (!load) throw err("persistent id found but no persistent_load handler is set");
    return guarded("persistent_load", () => load(pid));
  };

  for (;;) {
    opPos = pos;
    if (pos >= bytes.length) throw new PickleTruncatedError(`${file}: truncated pickle: reached the end of the data at byte ${pos} without a STOP opcode`);
    op = bytes[pos++] as number;
    switch (op) {
      case 0x80: { const p = u8(); if (p > 5) throw err(`unsupported pickle protocol ${p}`); break; } // PROTO
      case 0x95: u64(); break; // FRAME: a framing hint only
      case 0x2e: { // STOP
        if (metastack.length) throw err("STOP inside an unclosed MARK");
        const value = pop();
        if (stack.length) throw err(`STOP with ${stack.length} extra values on the stack`);
        return { value, end: pos };
      }
      case 0x28: metastack.push(stack); stack = []; break; // MARK
      case 0x30: pop(); break; // POP
      case 0x31: popMark(); break; // POP_MARK
      case 0x32: push(top()); break; // DUP
      // --- scalars
      case 0x4e: push(null); break; // NONE
      case 0x88: push(true); break; // NEWTRUE
      case 0x89: push(false); break; // NEWFALSE
      case 0x4a: push(view.getInt32(need(4), true)); break; // BININT
      case 0x4b: push(u8()); break; // BININT1
      case 0x4d: push(view.getUint16(need(2), true)); break; // BININT2
      case 0x8a: push(decodeLong(take(u8()))); break; // LONG1
      case 0x8b: { // LONG4: decoding is quadratic in the length, so cap it (no checkpoint holds such ints)
        const n = view.getInt32(need(4), true);
        if (n < 0 || n > MAX_LONG_BYTES) throw err(`LONG4 of ${n} bytes is refused (limit ${MAX_LONG_BYTES})`);
        push(decodeLong(take(n)));
        break;
      }
      case 0x47: push(view.getFloat64(need(8), false)); break; // BINFLOAT (big-endian)
      case 0x49: { // INT (text); "01"/"00" are protocol-0 booleans
        const s = line();
        if (s === "01" || s === "00") { push(s === "01"); break; }
        if (!/^[-+]?\d+$/.test(s) || s.length > MAX_LONG_BYTES) throw err(`bad INT ${JSON.stringify(s.slice(0, 40))}`);
        push(intValue(BigInt(s)));
        break;
      }
      case 0x4c: { const s = line().replace(/L$/, ""); if (!/^[-+]?\d+$/.test(s) || s.length > MAX_LONG_BYTES) throw err(`bad LONG ${JSON.stringify(s.slice(0, 40))}`); push(intValue(BigInt(s))); break; }
      case 0x46: { // FLOAT (text, repr() of a float: also "inf", "-inf", "nan")
        const s = line().trim();
        const v = /^[-+]?inf$/i.test(s) ? (s.startsWith("-") ? -Infinity : Infinity) : /^[-+]?nan$/i.test(s) ? NaN : Number(s);
        if (s === "" || (Number.isNaN(v) && !/nan/i.test(s))) throw err(`bad FLOAT ${JSON.stringify(s)}`);
        push(v);
        break;
      }
      // --- strings and bytes
      case 0x58: push(str(take(u32()))); break; // BINUNICODE
      case 0x8c: push(str(take(u8()))); break; // SHORT_BINUNICODE
      case 0x8d: push(str(take(u64()))); break; // BINUNICODE8
      case 0x54: { const n = view.getInt32(need(4), true); if (n < 0) throw err("negative BINSTRING length"); push(str(take(n))); break; }
      case 0x55: push(str(take(u8()))); break; // SHORT_BINSTRING (py2 str, decoded as torch.load's default utf-8)
      case 0x42: push(take(u32()).slice()); break; // BINBYTES
      case 0x43: push(take(u8()).slice()); break; // SHORT_BINBYTES
      case 0x8e: push(take(u64()).slice()); break; // BINBYTES8
      case 0x96: push(take(u64()).slice()); break; // BYTEARRAY8
      // --- containers
      case 0x29: push(tuple([])); break; // EMPTY_TUPLE
      case 0x74: push(tuple(popMark())); break; // TUPLE
      case 0x85: push(tuple([pop()])); break; // TUPLE1
      case 0x86: { const b = pop(); const a = pop(); push(tuple([a, b])); break; }
      case 0x87: { const c = pop(); const b = pop(); const a = pop(); push(tuple([a, b, c])); break; }
      case 0x5d: push([]); break; // EMPTY_LIST
      case 0x6c: push(popMark()); break; // LIST
      case 0x7d: push(new Map()); break; // EMPTY_DICT
      case 0x64: { const m = new Map(); setItems(m, popMark()); push(m); break; } // DICT
      case 0x8f: push(new Set()); break; // EMPTY_SET
      case 0x91: push(new Set(popMark())); break; // FROZENSET
      case 0x61: { const v = pop(); const l = top(); if (!isList(l)) throw err(`APPEND target must be a list, got ${describe(l)}`); l.push(v); break; }
      case 0x65: { const items = popMark(); const l = top(); if (!isList(l)) throw err(`APPENDS target must be a list, got ${describe(l)}`); for (const v of items) l.push(v); break; }
      case 0x73: { const v = pop(); const k = pop(); setItems(top(), [k, v]); break; } // SETITEM
      case 0x75: { const items = popMark(); setItems(top(), items); break; } // SETITEMS
      case 0x90: { const items = popMark(); const s = top(); if (!(s instanceof Set)) throw err(`ADDITEMS target must be a set, got ${describe(s)}`); for (const v of items) s.add(v); break; }
      // --- memo
      case 0x71: memo.set(u8(), top()); break; // BINPUT
      case 0x72: memo.set(u32(), top()); break; // LONG_BINPUT
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      case 0x70: { const s = line(); if (!/^\d+$/.test(s)) throw err(`bad PUT ${JSON.stringify(s)}`); memo.set(Number(s), top()); break; }
      case 0x68: push(memoGet(u8())); break; // BINGET
      case 0x6a: push(memoGet(u32())); break; // LONG_BINGET
      case 0x67: { const s = line(); if (!/^\d+$/.test(s)) throw err(`bad GET ${JSON.stringify(s)}`); push(memoGet(Number(s))); break; }
      // --- the risky opcodes: every one goes through the allow-list
      case 0x63: { const module = line(); const name = line(); push(resolve(module, name)); break; } // GLOBAL
      case 0x93: { // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== "string" || typeof name !== "string") throw err("STACK_GLOBAL needs two strings");
        push(resolve(module, name));
        break;
      }
      case 0x69: { const g = resolve(line(), line()); push(callGlobal(g, tuple(popMark()), "construct")); break; } // INST
      case 0x6f: { const items = popMark(); const g = items.shift(); push(callGlobal(g, tuple(items), "construct")); break; } // OBJ
      case 0x52: { const args = pop(); const f = pop(); push(callGlobal(f, args, "call")); break; } // REDUCE
      case 0x81: { const args = pop(); const cls = pop(); push(callGlobal(cls, args, "construct")); break; } // NEWOBJ
      case 0x92: { // NEWOBJ_EX
        const kwargs = pop();
        const args = pop();
        const cls = pop();
        if (!(kwargs instanceof Map) || kwargs.size) throw err("NEWOBJ_EX with keyword arguments is not supported");
        push(callGlobal(cls, args, "construct"));
        break;
      }
      case 0x62: { // BUILD
        const state = pop();
        const inst = top();
        if (!isBuildable(inst)) throw err(`BUILD is only allowed on allow-listed objects (OrderedDict, tensors), got ${describe(inst)}`);
        guarded("BUILD", () => inst.pickleBuild(state));
        break;
      }
      case 0x51: push(persistent(pop())); break; // BINPERSID
      case 0x50: push(persistent(line())); break; // PERSID
      case 0x82: case 0x83: case 0x84:
        throw err("extension-registry opcodes (EXT1/2/4) are refused: they name arbitrary globals");
      case 0x97: case 0x98:
        throw err("out-of-band buffers (pickle protocol 5 NEXT_BUFFER) are not supported");
      default:
        throw err(`unknown or unsupported opcode 0x${op.toString(16)}`);
    }
  }
}

/** Unpickles a buffer holding exactly one pickle (trailing bytes are an error). */
export function unpickle(bytes: Uint8Array, opts: UnpicklerOptions = {}): unknown {
  const { value, end } = unpickleAt(bytes, 0, opts);
  if (end !== bytes.length) {
    throw new UnpicklingError(`${opts.file ?? "<pickle>"}: ${bytes.length - end} unexpected bytes after the pickle's STOP at byte ${end - 1}`);
  }
  return value;
}

/**
 * Allow-list entries for plain Python types that `torch.load(weights_only=True)` also accepts.
 * Keyed by qualified name; combine with the torch entries in torch_bin.ts.
 */
export const PYTHON_SAFE_GLOBALS: ReadonlyMap<string, SafeGlobal> = new Map<string, SafeGlobal>([
  ["collections.OrderedDict", {
    call(args) {
      const d = new OrderedDict();
      const init = args[0];
      if (init instanceof Map) for (const [k, v] of init) d.set(k, v);
      else if (Array.isArray(init)) for (const kv of init) if (Array.isArray(kv) && kv.length === 2) d.set(kv[0], kv[1]);
      return d;
    },
  }],
  // Protocol-2 pickles encode bytes as `_codecs.encode(str, "latin1")`.
  ["_codecs.encode", {
    call([s, enc]) {
      if (typeof s !== "string") throw new UnpicklingError(`_codecs.encode expects a str, got ${describe(s)}`);
      if (enc !== "latin1" && enc !== "latin-1" && enc !== undefined) throw new UnpicklingError(`_codecs.encode: only latin1 is supported, got ${describe(enc)}`);
      return Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
    },
  }],
  ["builtins.bytearray", { call: ([b]) => (b instanceof Uint8Array ? b.slice() : new Uint8Array(0)) }],
  ["builtins.set", { call: ([items]) => new Set(Array.isArray(items) ? items : []) }],
]);
