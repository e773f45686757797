// Samplers (torch/utils/data/sampler.py): the index order of an epoch.
import { randperm } from "../../factories.js";

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
 * A fresh permutation every epoch from torch.randperm on the default generator, so
 * `torch.manual_seed(s)` makes the order reproducible.
 */
export class RandomSampler implements Sampler {
  constructor(readonly length: number) {}
  *[Symbol.iterator](): Iterator<number> {
    const perm = randperm(this.length);
    const order = perm.tolist() as number[];
    perm.dispose();
    yield* order;
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
