// The random numbers behind shuffle / train_test_split: NumPy's `np.random.default_rng(seed)`
// (a PCG64 bit generator seeded through SeedSequence) and `Generator.permutation(n)`, re-implemented
// so that `ds.shuffle({ seed: 42 })` puts rows in the SAME order as HF datasets' `ds.shuffle(seed=42)`
// (HF calls `np.random.default_rng(seed).permutation(len(ds))`).
//
// Sources mirrored: numpy/random/bit_generator.pyx (SeedSequence), numpy/random/src/pcg64/pcg64.h
// (PCG XSL-RR 128/64, buffered 32-bit draws), numpy/random/_generator.pyx (`shuffle` →
// `_shuffle_raw`, Fisher–Yates from the end) and distributions.c (`random_interval`: masked
// rejection sampling). tests/datasets/random.test.ts compares raw draws and permutations with NumPy.

const M32 = 0xffffffff;
const MASK64 = (1n << 64n) - 1n;
const MASK128 = (1n << 128n) - 1n;
const PCG_MULT = (2549297995355413924n << 64n) + 4865540595714422341n;

// SeedSequence constants (bit_generator.pyx).
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const POOL_SIZE = 4;

const mul32 = (a: number, b: number): number => Math.imul(a, b) >>> 0;

/** NumPy's SeedSequence(entropy).generate_state(n_words, uint32). */
export function seedSequenceState(seed: number | bigint, nWords32: number): Uint32Array {
  let n = BigInt(seed);
  if (n < 0n) throw new RangeError(`seed must be non-negative, got ${seed}`);
  const entropy: number[] = [];
  do {
    entropy.push(Number(n & 0xffffffffn));
    n >>= 32n;
  } while (n > 0n);
  let hashConst = INIT_A;
  const hashmix = (value: number): number => {
    let v = (value ^ hashConst) >>> 0;
    hashConst = mul32(hashConst, MULT_A);
    v = mul32(v, hashConst);
    return (v ^ (v >>> 16)) >>> 0;
  };
  const mix = (x: number, y: number): number => {
    const r = (mul32(MIX_MULT_L, x) - mul32(MIX_MULT_R, y)) >>> 0;
    return (r ^ (r >>> 16)) >>> 0;
  };
  const pool = new Array<number>(POOL_SIZE);
  for (let i = 0; i < POOL_SIZE; i++) pool[i] = hashmix(i < entropy.length ? entropy[i] : 0);
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
  }
  for (let src = POOL_SIZE; src < entropy.length; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst], hashmix(entropy[src]));
  }
  const out = new Uint32Array(nWords32);
  let h = INIT_B;
  for (let i = 0; i < nWords32; i++) {
    let v = (pool[i % POOL_SIZE] ^ h) >>> 0;
    h = mul32(h, MULT_B);
    v = mul32(v, h);
    out[i] = (v ^ (v >>> 16)) >>> 0;
  }
  return out;
}

/**
 * NumPy's `default_rng(seed)`: PCG64 (XSL-RR 128/64) seeded by SeedSequence, with NumPy's
 * buffered 32-bit draws. Not cryptographic.
 */
export class Generator {
  private state = 0n;
  private inc = 0n;
  private hasUint32 = false;
  private uinteger = 0;

  constructor(seed: number | bigint) {
    const w = seedSequenceState(seed, 8);
    const u64 = (i: number): bigint => (BigInt(w[2 * i + 1]) << 32n) | BigInt(w[2 * i]);
    // pcg64_set_seed: PCG_128BIT_CONSTANT(high = word 0, low = word 1) for both state and stream.
    const initstate = (u64(0) << 64n) | u64(1);
    const initseq = (u64(2) << 64n) | u64(3);
    this.inc = ((initseq << 1n) | 1n) & MASK128;
    this.step();
    this.state = (this.state + initstate) & MASK128;
    this.step();
  }

  private step(): void {
    this.state = (this.state * PCG_MULT + this.inc) & MASK128;
  }

  /** One raw 64-bit output (PCG64.random_raw). */
  next_uint64(): bigint {
    this.step();
    const s = this.state;
    const x = ((s >> 64n) ^ s) & MASK64;
    const rot = s >> 122n;
    return ((x >> rot) | (x << ((64n - rot) & 63n))) & MASK64;
  }

  /** The low half of a 64-bit draw, then its high half (pcg64_next32). */
  next_uint32(): number {
    if (this.hasUint32) {
      this.hasUint32 = false;
      return this.uinteger;
    }
    const v = this.next_uint64();
    this.hasUint32 = true;
    this.uinteger = Number(v >> 32n);
    return Number(v & 0xffffffffn);
  }

  /** A uniform integer in [0, max] by masked rejection (numpy's random_interval). */
  interval(max: number): number {
    if (max === 0) return 0;
    if (max > M32) {
      let mask = BigInt(max);
      for (let s = 1n; s <= 32n; s <<= 1n) mask |= mask >> s;
      let v: bigint;
      do v = this.next_uint64() & mask;
      while (v > BigInt(max));
      return Number(v);
    }
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let v: number;
    do v = (this.next_uint32() & mask) >>> 0;
    while (v > max);
    return v;
  }

  /** Shuffles in place from the end, like numpy's Generator.shuffle on a 1-d array. */
  shuffle<T extends { length: number; [i: number]: number }>(arr: T): T {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = this.interval(i);
      const t = arr[i];
      arr[i] = arr[j];
      arr[j] = t;
    }
    return arr;
  }

  /** `rng.permutation(n)`: 0..n-1 in a random order, as an Int32Array. */
  permutation(n: number): Int32Array {
    const a = new Int32Array(n);
    for (let i = 0; i < n; i++) a[i] = i;
    return this.shuffle(a);
  }

  /** A uniform integer in [0, max] by Lemire's method (numpy's random_bounded_uint64, unmasked). */
  bounded(max: number): number {
    if (max === 0) return 0;
    if (max > M32) return this.interval(max); // not reached by the sizes datasets uses
    if (max === M32) return this.next_uint32();
    const excl = max + 1;
    let r = this.next_uint32();
    let lo = Number((BigInt(r) * BigInt(excl)) & 0xffffffffn);
    if (lo < excl) {
      const threshold = 2 ** 32 % excl;
      while (lo < threshold) {
        r = this.next_uint32();
        lo = Number((BigInt(r) * BigInt(excl)) & 0xffffffffn);
      }
    }
    return Number((BigInt(r) * BigInt(excl)) >> 32n);
  }

  /** numpy's `_shuffle_int(n, first)`: Fisher–Yates down to `first` with Lemire draws. */
  private shuffleInt(data: Int32Array | number[], n: number, first: number): void {
    for (let i = n - 1; i >= first; i--) {
      const j = this.bounded(i);
      const t = data[j];
      data[j] = data[i];
      data[i] = t;
    }
  }

  /**
   * `rng.choice(pop_size, size, replace=False)` (shuffled), with numpy's two algorithms: a tail
   * shuffle for large draws from large populations, else Floyd's sampling with a hash set.
   */
  choice(popSize: number, size: number): number[] {
    if (size > popSize) throw new RangeError(`cannot take a larger sample (${size}) than the population (${popSize}) without replacement`);
    if (size === 0) return [];
    if (popSize > 10000 && size > Math.floor(popSize / 50)) {
      const idx = Array.from({ length: popSize }, (_, i) => i);
      this.shuffleInt(idx, popSize, Math.max(popSize - size, 1));
      return idx.slice(popSize - size);
    }
    const idx = new Array<number>(size);
    let mask = Math.floor(1.2 * size);
    for (let s = 1; s <= 16; s <<= 1) mask |= mask >>> s;
    const set = new Float64Array(mask + 1).fill(-1);
    for (let j = popSize - size; j < popSize; j++) {
      const val = this.bounded(j);
      let loc = val & mask;
      while (set[loc] !== -1 && set[loc] !== val) loc = (loc + 1) & mask;
      if (set[loc] === -1) {
        set[loc] = val;
        idx[j - popSize + size] = val;
      } else {
        loc = j & mask;
        while (set[loc] !== -1) loc = (loc + 1) & mask;
        set[loc] = j;
        idx[j - popSize + size] = j;
      }
    }
    this.shuffleInt(idx, size, 1);
    return idx;
  }

  /** A float in [0, 1) with 53 random bits (numpy's next_double). */
  random(): number {
    return Number(this.next_uint64() >> 11n) / 9007199254740992;
  }
}

/** `np.random.default_rng(seed)`; without a seed, one is drawn from the OS. */
export function default_rng(seed?: number | bigint | null): Generator {
  if (seed === undefined || seed === null) {
    const buf = new Uint32Array(2);
    crypto.getRandomValues(buf);
    return new Generator((BigInt(buf[0]) << 32n) | BigInt(buf[1]));
  }
  return new Generator(seed);
}
