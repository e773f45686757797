// The default generator. Same seed → same numbers as PyTorch's CPU generator (mt19937 in
// libtorch), so seeded initialisation matches Python bit for bit.
import { _C } from "./_C.js";
import { Tensor } from "./tensor.js";
import { uint8 } from "./dtype.js";

/** torch.manual_seed(seed): seeds the CPU generator and every CUDA device's. */
export function manual_seed(seed: number | bigint): void {
  if (typeof seed === "number" && (!Number.isInteger(seed) || seed < 0)) {
    throw new RangeError(`manual_seed: seed must be a non-negative integer, got ${seed}`);
  }
  _C.manual_seed(seed);
}

/** torch.initial_seed(): the seed of the default CPU generator. */
export function initial_seed(): bigint {
  return _C.initial_seed();
}

/** torch.seed(): seeds from a non-deterministic source and returns the seed. */
export function seed(): bigint {
  const s = BigInt(Date.now()) * 1000003n + BigInt(process.pid) * 7919n + BigInt(Math.floor(Math.random() * 1e9));
  const v = s & 0x7fffffffffffffffn;
  _C.manual_seed(v);
  return v;
}

/** torch.get_rng_state(): the default CPU generator's state as a uint8 tensor (save it to resume). */
export function get_rng_state(): Tensor {
  return new Tensor(_C.get_rng_state());
}

/** torch.set_rng_state(state): restores a state from get_rng_state, so draws repeat exactly. */
export function set_rng_state(state: Tensor): void {
  _C.set_rng_state(state._handle("set_rng_state"));
}

/**
 * torch.Generator (CPU): an independent random stream, e.g. `DataLoader({ shuffle: true, generator })`
 * so the data order does not move when model code draws from the default generator.
 * It holds its own mt19937 state and draws by swapping that state into libtorch's default CPU
 * generator for the duration of one op, then swapping it back: the same engine and state layout
 * PyTorch's CPUGeneratorImpl uses, so `new Generator().manual_seed(s)` gives PyTorch's numbers.
 */
export class Generator {
  // The mt19937 state as plain bytes (JS memory, freed by the GC like any object), so a Generator
  // never holds a libtorch tensor and needs no dispose.
  private state: Uint8Array;
  private seed_: bigint;

  constructor(options: { device?: string } = {}) {
    if (options.device !== undefined && options.device !== "cpu") {
      throw new RangeError(`torch.Generator: only device "cpu" is supported, got ${JSON.stringify(options.device)}`);
    }
    // PyTorch seeds a new CPU generator with default_rng_seed_val (67280421310721).
    this.seed_ = 67280421310721n;
    this.state = this.seeded(this.seed_);
  }

  private seeded(s: number | bigint): Uint8Array {
    return this._draw(() => {
      _C.manual_seed(s);
    }, true);
  }

  /** Seeds this generator only; returns it, so `new Generator().manual_seed(42)` chains as in Python. */
  manual_seed(s: number | bigint): this {
    if (typeof s === "number" && (!Number.isInteger(s) || s < 0)) throw new RangeError(`Generator.manual_seed: seed must be a non-negative integer, got ${s}`);
    this.state = this.seeded(s);
    this.seed_ = BigInt(s);
    return this;
  }

  initial_seed(): bigint {
    return this.seed_;
  }

  /** The state as a uint8 tensor, as Generator.get_state(). */
  get_state(): Tensor {
    return bytesTensor(this.state);
  }

  set_state(state: Tensor): this {
    this.state = new Uint8Array(state.toTypedArray() as Uint8Array);
    return this;
  }

  /** Runs `draw` with this generator as libtorch's default CPU generator. */
  _draw<T>(draw: () => T): T;
  /** @internal Runs `draw` from the current default state and returns the state it leaves. */
  _draw(draw: () => void, returnState: true): Uint8Array;
  _draw<T>(draw: () => T, returnState = false): T | Uint8Array {
    const saved = get_rng_state();
    try {
      if (!returnState) {
        const mine = bytesTensor(this.state);
        set_rng_state(mine);
        mine.dispose();
      }
      const out = draw();
      const next = get_rng_state();
      const bytes = new Uint8Array(next.toTypedArray() as Uint8Array);
      next.dispose();
      if (returnState) return bytes;
      this.state = bytes;
      return out;
    } finally {
      set_rng_state(saved);
      saved.dispose();
    }
  }
}

function bytesTensor(bytes: Uint8Array): Tensor {
  return new Tensor(_C.from_buffer(new Uint8Array(bytes), [bytes.length], uint8.code));
}

/** Runs `draw` on `generator`, or on the default generator when none is given. */
export function withGenerator<T>(generator: Generator | null | undefined, draw: () => T): T {
  return generator ? generator._draw(draw) : draw();
}
