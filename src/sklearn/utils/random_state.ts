// numpy.random.RandomState (the legacy MT19937 generator sklearn's check_random_state returns),
// mirrored bit for bit so `random_state=42` gives the same splits here as in scikit-learn.
//  - An int seed uses MT19937 `init_genrand` (numpy's mt19937_seed), not init_by_array.
//  - random_sample: 53-bit doubles from two 32-bit draws ((a>>5)*2^26 + (b>>6)) / 2^53.
//  - shuffle/permutation: Fisher-Yates from the end, j = random_interval(i), which draws 32-bit
//    words masked to the smallest all-ones mask >= i and rejects values > i.
//  - randint(low, high): the same masked rejection on range high-1-low (numpy's `use_masked`).
import { ValueError } from "../../utils/errors.js";

const N = 624;
const M = 397;

export class RandomState {
  private readonly mt = new Uint32Array(N);
  private mti = N + 1;

  constructor(seed?: number | null) {
    this.seed(seed);
  }

  /** Re-seed; null/undefined draws a seed from Math.random (numpy would read OS entropy). */
  seed(seed?: number | null): void {
    let s = seed ?? Math.floor(Math.random() * 0x100000000);
    if (!Number.isInteger(s) || s < 0 || s > 0xffffffff) throw new ValueError("Seed must be between 0 and 2**32 - 1");
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      s = mt[i - 1] ^ (mt[i - 1] >>> 30);
      // 1812433253 * s without losing bits beyond 2^53: split the multiplier into 16-bit halves.
      mt[i] = ((((s & 0xffff0000) >>> 16) * 1812433253) << 16) + (s & 0x0000ffff) * 1812433253 + i;
    }
    this.mti = N;
  }

  /** One 32-bit word (genrand_int32). */
  next_uint32(): number {
    const mt = this.mt;
    if (this.mti >= N) {
      let kk = 0;
      let y: number;
      for (; kk < N - M; kk++) {
        y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
        mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      for (; kk < N - 1; kk++) {
        y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
        mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      y = (mt[N - 1] & 0x80000000) | (mt[0] & 0x7fffffff);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      this.mti = 0;
    }
    let y = mt[this.mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double in [0, 1) with 53 random bits. */
  random_sample(): number;
  random_sample(size: number): Float64Array;
  random_sample(size?: number): number | Float64Array {
    if (size === undefined) return this.nextDouble();
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = this.nextDouble();
    return out;
  }

  /** `rand(n)`: n uniform doubles (no argument: one). */
  rand(): number;
  rand(size: number): Float64Array;
  rand(size?: number): number | Float64Array {
    return size === undefined ? this.nextDouble() : this.random_sample(size);
  }

  private nextDouble(): number {
    const a = this.next_uint32() >>> 5;
    const b = this.next_uint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** numpy's random_interval(max): uniform in [0, max] by masked rejection (max < 2^32 only). */
  random_interval(max: number): number {
    if (max === 0) return 0;
    if (max > 0xffffffff) throw new ValueError("random_interval: ranges above 2**32 - 1 are not supported");
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

  /** randint(low, high): integers in [low, high); high omitted means [0, low). */
  randint(low: number, high?: number): number;
  randint(low: number, high: number | undefined, size: number): number[];
  randint(low: number, high?: number, size?: number): number | number[] {
    const [lo, hi] = high === undefined ? [0, low] : [low, high];
    if (!(lo < hi)) throw new ValueError("low >= high");
    const rng = hi - 1 - lo;
    const one = (): number => lo + (rng === 0xffffffff ? this.next_uint32() : this.random_interval(rng));
    if (size === undefined) return one();
    return Array.from({ length: size }, one);
  }

  /** Shuffle in place (numpy's legacy Fisher-Yates from the last element). */
  shuffle<T>(x: T[] | Int32Array | Float64Array | Uint32Array): void {
    for (let i = x.length - 1; i >= 1; i--) {
      const j = this.random_interval(i);
      const t = x[i];
      x[i] = x[j];
      x[j] = t;
    }
  }

  /** permutation(n): a shuffled arange(n); permutation(array): a shuffled copy. */
  permutation(n: number): number[];
  permutation<T>(x: readonly T[]): T[];
  permutation<T>(x: number | readonly T[]): Array<number | T> {
    const arr: Array<number | T> = typeof x === "number" ? Array.from({ length: x }, (_, i) => i) : x.slice();
    this.shuffle(arr);
    return arr;
  }

  /** choice(a, size, replace=false) without p: numpy's legacy permutation(pop)[:size]. */
  choice_without_replacement<T>(a: readonly T[], size: number): T[] {
    if (size > a.length) throw new ValueError("Cannot take a larger sample than population when 'replace=False'");
    return this.permutation(a.length).slice(0, size).map((i) => a[i]);
  }
}

export type RandomStateLike = number | RandomState | null | undefined;

/** sklearn.utils.check_random_state: int -> a new seeded RandomState; instance -> itself. */
export function check_random_state(seed: RandomStateLike): RandomState {
  if (seed instanceof RandomState) return seed;
  return new RandomState(seed ?? null);
}
