// Memory scopes (architecture §4). Tensors created while a tidy() runs are recorded in its scope
// and disposed when it ends, except what fn returns (moved to the enclosing scope) and what was
// keep()-ed. Parameters and optimizer state are kept by their owners, so scopes never free them.
export interface Scoped {
  dispose(): void;
  readonly isDisposed: boolean;
  /** set by keep(): survives every enclosing tidy */
  _kept: boolean;
}

const scopes: Scoped[][] = [];
let current: Scoped[] | null = null;
let isTensor: (v: unknown) => v is Scoped = (_v: unknown): _v is Scoped => false;

/** @internal Called by tensor.ts once, to tell scopes which values are tensors. */
export function _setTensorCheck(check: (v: unknown) => v is Scoped): void {
  isTensor = check;
}

/** @internal Every new Tensor calls this. */
export function track(t: Scoped): void {
  if (current !== null) current.push(t);
}

/** Marks a tensor to survive the tidy scopes around it; its owner disposes it. */
export function keep<T extends Scoped>(t: T): T {
  t._kept = true;
  return t;
}

/** @internal Cancels keep(), handing a tensor back to scope management (e.g. a released buffer). */
export function unkeep<T extends Scoped>(t: T): T {
  t._kept = false;
  return t;
}

function collect(value: unknown, out: Set<Scoped>, seen: Set<unknown>): void {
  if (value === null || typeof value !== "object" || seen.has(value)) return;
  seen.add(value);
  if (isTensor(value)) {
    out.add(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) collect(v, out, seen);
    return;
  }
  if (value instanceof Map) {
    for (const v of value.values()) collect(v, out, seen);
    return;
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    for (const v of Object.values(value)) collect(v, out, seen);
  }
}

function isPromiseLike(v: unknown): boolean {
  return v !== null && (typeof v === "object" || typeof v === "function") && typeof (v as { then?: unknown }).then === "function";
}

/**
 * Runs `fn` and disposes every tensor it created except those it returns (in a Tensor, an array,
 * a Map or a plain object) and those passed to `keep()`. `fn` must be synchronous.
 * @example
 * const y = torch.tidy(() => x.matmul(w).relu().sum(1));   // the matmul and relu results are freed
 */
export function tidy<T>(fn: () => T): T {
  const scope: Scoped[] = [];
  scopes.push(scope);
  current = scope;
  let result: T;
  let ok = false;
  try {
    result = fn();
    if (isPromiseLike(result)) {
      throw new TypeError(
        "tidy: fn returned a Promise. Scopes must be synchronous (compute is synchronous in finetune-ts): " +
          "await the I/O outside tidy and run only the tensor work inside it.",
      );
    }
    ok = true;
  } finally {
    scopes.pop();
    current = scopes.length ? scopes[scopes.length - 1] : null;
    const survivors = new Set<Scoped>();
    if (ok) collect(result!, survivors, new Set());
    for (const t of scope) {
      if (t._kept) continue;
      // Returned tensors made in this scope move to the enclosing one; tensors made outside
      // stay where they were tracked.
      if (survivors.has(t)) current?.push(t);
      else t.dispose();
    }
  }
  return result!;
}

/** @internal The depth of nested tidy scopes (tests). */
export function scopeDepth(): number {
  return scopes.length;
}
