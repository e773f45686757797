// torch.utils.data.DataLoader: batches of a map-style dataset, optionally shuffled, collated by
// `collate_fn`. Memory rule (architecture §4): the loader owns each batch's tensors and disposes
// them when the next batch is requested or the loop ends, so a training loop never calls dispose.
// Tensors that a dataset's getItem returns belong to the loader too (they are freed after collation).
import { asMapStyle, type DatasetLike, type MapStyleDataset } from "./dataset.js";
import { BatchSampler, RandomSampler, SequentialSampler, drawSeed, type Sampler } from "./sampler.js";
import type { Generator } from "../../random.js";
import { default_collate, tensorsIn } from "./collate.js";
import { keep } from "../../scope.js";

export interface DataLoaderOptions<T, B> {
  batch_size?: number;
  shuffle?: boolean;
  sampler?: Sampler;
  collate_fn?: (samples: T[]) => B;
  drop_last?: boolean;
  /** Seeds the shuffle order independently of the default generator (torch.Generator). */
  generator?: Generator | null;
}

/**
 * @example
 * const loader = new DataLoader(new TextDataset(texts, labels), { batch_size: 8, shuffle: true });
 * for (const [x, y] of loader) { … }   // x: string[], y: int64 tensor
 */
export class DataLoader<T, B = unknown> implements Iterable<B> {
  readonly dataset: MapStyleDataset<T>;
  readonly batch_size: number;
  readonly drop_last: boolean;
  readonly collate_fn: (samples: T[]) => B;
  readonly generator: Generator | null;
  private readonly sampler: Sampler;

  constructor(dataset: DatasetLike<T>, options: DataLoaderOptions<T, B> = {}) {
    this.dataset = asMapStyle(dataset);
    this.batch_size = options.batch_size ?? 1;
    this.drop_last = options.drop_last ?? false;
    this.collate_fn = options.collate_fn ?? ((s: T[]) => default_collate(s) as B);
    if (options.sampler && options.shuffle) throw new RangeError("DataLoader: sampler option is mutually exclusive with shuffle");
    this.generator = options.generator ?? null;
    this.sampler = options.sampler ?? (options.shuffle ? new RandomSampler(this.dataset.length, { generator: this.generator }) : new SequentialSampler(this.dataset.length));
  }

  /** Number of batches per epoch (`len(loader)`). */
  get length(): number {
    return new BatchSampler(this.sampler, this.batch_size, this.drop_last).length;
  }

  *[Symbol.iterator](): Iterator<B> {
    let previous: ReturnType<typeof tensorsIn> = [];
    // PyTorch's iterator takes a base seed (for worker processes) before the sampler runs; we
    // have no workers but take the draw too, so a seeded run consumes the generators as Python does.
    drawSeed(this.generator);
    try {
      for (const indices of new BatchSampler(this.sampler, this.batch_size, this.drop_last)) {
        const samples = indices.map((i) => this.dataset.getItem(i));
        const batch = this.collate_fn(samples);
        // Tensors that getItem made (and collate copied) are the loader's to free, as in PyTorch
        // where they would simply be garbage.
        const inBatch = new Set(tensorsIn(batch));
        for (const t of tensorsIn(samples)) if (!inBatch.has(t)) t.dispose();
        for (const t of previous) t.dispose();
        // Kept out of tidy scopes: the loader, not the step's scope, decides when they go.
        previous = tensorsIn(batch).map((t) => keep(t));
        yield batch;
      }
    } finally {
      for (const t of previous) t.dispose();
    }
  }
}
