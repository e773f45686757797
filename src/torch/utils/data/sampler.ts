// Samplers (torch/utils/data/sampler.py): the index order of an epoch.
import { empty, randperm } from "../../factories.js";
import { int64 } from "../../dtype.js";
import { aten, callInplace } from "../../ops/dispatch.js";
import { Generator, withGenerator } from "../../random.js";

/**
 * `torch.empty((), dtype=torch.int64).random_(generator=g).item()`: one 63-bit draw, the way
 * PyTorch's RandomSampler and DataLoader iterator take their seeds (so the order matches Python).
 */
export function drawSeed(generator?: Generator | null): bigint {
  return withGenerator(generator, () => {
    const t = callInplace(aten("aten::random_"), empty([], { dtype: int64 }));
    // Read the int64 bits exactly (item() would round a 63-bit value to a double).
    const v = (t.toTypedArray() as BigInt64Array)[0];
    t.dispose();
    return v;
  });
}

export interface Sampler extends Iterable<number> {
  readonly length: number;
}

export class SequentialSampler implements Sampler {
  constructor(readonly length: number) {}
  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0; i < this.length; i++) yield i;
  }
}

/**
 * A fresh permutation every epoch, exactly as PyTorch's RandomSampler: from `generator` when given,
 * else from a new Generator seeded by one draw of the default generator — so
 * `torch.manual_seed(s)` (or a seeded generator) gives Python's order.
 */
export class RandomSampler implements Sampler {
  readonly generator: Generator | null;
  constructor(readonly length: number, options: { generator?: Generator | null } = {}) {
    this.generator = options.generator ?? null;
  }
  *[Symbol.iterator](): Iterator<number> {
    const generator = this.generator ?? new Generator().manual_seed(drawSeed());
    const perm = randperm(this.length, { generator });
    const order = perm.tolist() as number[];
    perm.dispose();
    yield* order;
    // PyTorch then takes `randperm(n)[:num_samples % n]` (empty here) once the epoch is read to the
    // end; the draw still advances a user's generator, so we take it too or epoch 2 would differ.
    randperm(this.length, { generator }).dispose();
  }
}

/** Groups a sampler's indices into batches. */
export class BatchSampler implements Iterable<number[]> {
  constructor(readonly sampler: Sampler, readonly batch_size: number, readonly drop_last: boolean) {
    if (!Number.isInteger(batch_size) || batch_size < 1) throw new RangeError(`batch_size should be a positive integer, got ${batch_size}`);
  }
  get length(): number {
    return this.drop_last ? Math.floor(this.sampler.length / this.batch_size) : Math.ceil(this.sampler.length / this.batch_size);
  }
  *[Symbol.iterator](): Iterator<number[]> {
    let batch: number[] = [];
    for (const i of this.sampler) {
      batch.push(i);
      if (batch.length === this.batch_size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length && !this.drop_last) yield batch;
  }
}
