// sklearn.model_selection._split: KFold, StratifiedKFold, ShuffleSplit, StratifiedShuffleSplit and
// train_test_split, consuming the RandomState stream in exactly sklearn 1.9's order so that the
// same `random_state` yields the same indices as scikit-learn.
import { ValueError } from "../../utils/errors.js";
import { NDArray } from "../../utils/ndarray.js";
import { csr_matrix } from "../_sparse.js";
import { checkOptions, compareLabels, type Label } from "../_array.js";
import { check_random_state, RandomState, type RandomStateLike } from "../utils/random_state.js";

export type Split = [train: number[], test: number[]];

/** Anything with a splitter's interface; cross_val_score and GridSearchCV accept it as `cv`. */
export interface CrossValidator {
  /** `groups` (one label per sample) is read by group-aware splitters and ignored by the others, as in sklearn. */
  split(X: unknown, y?: ArrayLike<Label> | null, groups?: ArrayLike<Label> | null): Iterable<Split>;
  get_n_splits(X?: unknown, y?: unknown): number;
}

/** _num_samples: rows of a csr_matrix / NDArray, else the length. */
export function numSamples(X: unknown): number {
  if (X instanceof csr_matrix) return X.shape[0];
  if (X instanceof NDArray) return X.shape[0];
  if (X !== null && typeof X === "object" && "length" in X && typeof (X as { length: unknown }).length === "number") return (X as { length: number }).length;
  throw new ValueError(`Expected array-like (array or non-string sequence), got ${String(X)}`);
}

/** _safe_indexing(X, indices) along the first axis. */
export function safeIndexing<T>(X: T, indices: readonly number[]): T {
  if (X instanceof csr_matrix) return X.select_rows(indices) as T;
  if (X instanceof NDArray) {
    const row = X.shape.slice(1).reduce((a, b) => a * b, 1);
    const out = new Float64Array(indices.length * row);
    indices.forEach((i, r) => out.set(X.data.subarray(i * row, (i + 1) * row), r * row));
    return new NDArray(out, [indices.length, ...X.shape.slice(1)]) as T;
  }
  if (ArrayBuffer.isView(X)) {
    const src = X as unknown as { constructor: new (n: number) => { [k: number]: number }; [k: number]: number };
    const out = new src.constructor(indices.length);
    indices.forEach((i, r) => (out[r] = src[i]));
    return out as T;
  }
  if (Array.isArray(X)) return indices.map((i) => X[i]) as T;
  throw new ValueError(`Cannot index an object of type ${typeof X}`);
}

function labelsOf(y: ArrayLike<Label>): Label[] {
  return Array.from(y);
}

/** np.unique(y, return_inverse=True, return_counts=True). */
function uniqueInverse(y: readonly Label[]): { classes: Label[]; inverse: number[]; counts: number[] } {
  const classes = [...new Set(y)].sort(compareLabels);
  const pos = new Map(classes.map((c, i) => [c, i]));
  const inverse = y.map((v) => pos.get(v) as number);
  const counts = new Array<number>(classes.length).fill(0);
  for (const k of inverse) counts[k]++;
  return { classes, inverse, counts };
}

function checkSplits(n_splits: number, name: string): void {
  if (!Number.isInteger(n_splits) || n_splits <= 1) {
    throw new ValueError(`k-fold cross-validation requires at least one train/test split by setting n_splits=2 or more, got n_splits=${n_splits}.`);
  }
  void name;
}

export interface KFoldOptions {
  n_splits?: number;
  shuffle?: boolean;
  random_state?: RandomStateLike;
}

function initKFold(self: { n_splits: number; shuffle: boolean; random_state: RandomStateLike }, fn: string, options: KFoldOptions): void {
  checkOptions(fn, options, ["n_splits", "shuffle", "random_state"]);
  self.n_splits = options.n_splits ?? 5;
  self.shuffle = options.shuffle ?? false;
  self.random_state = options.random_state ?? null;
  checkSplits(self.n_splits, fn);
  if (!self.shuffle && self.random_state !== null) {
    throw new ValueError("Setting a random_state has no effect since shuffle is False. You should leave random_state to its default (None), or set shuffle=True.");
  }
}

/** Yields [train, test] from per-sample test masks, both ascending (sklearn's _iter_test_masks). */
function* fromTestFolds(testFolds: readonly number[], n_splits: number): Generator<Split> {
  for (let k = 0; k < n_splits; k++) {
    const train: number[] = [];
    const test: number[] = [];
    testFolds.forEach((f, i) => (f === k ? test : train).push(i));
    yield [train, test];
  }
}

export class KFold implements CrossValidator {
  n_splits = 5;
  shuffle = false;
  random_state: RandomStateLike = null;
  constructor(options: KFoldOptions = {}) {
    initKFold(this, "KFold", options);
  }
  get_n_splits(): number {
    return this.n_splits;
  }
  *split(X: unknown): Generator<Split> {
    const n = numSamples(X);
    if (this.n_splits > n) throw new ValueError(`Cannot have number of splits n_splits=${this.n_splits} greater than the number of samples: n_samples=${n}.`);
    const indices = Array.from({ length: n }, (_, i) => i);
    if (this.shuffle) check_random_state(this.random_state).shuffle(indices);
    // The first n % n_splits folds get one extra sample.
    const folds = new Array<number>(n);
    let current = 0;
    for (let k = 0; k < this.n_splits; k++) {
      const size = Math.floor(n / this.n_splits) + (k < n % this.n_splits ? 1 : 0);
      for (let i = current; i < current + size; i++) folds[indices[i]] = k;
      current += size;
    }
    // sklearn turns each fold into a boolean mask, so train and test both come out ascending.
    yield* fromTestFolds(folds, this.n_splits);
  }
}

export class StratifiedKFold implements CrossValidator {
  n_splits = 5;
  shuffle = false;
  random_state: RandomStateLike = null;
  constructor(options: KFoldOptions = {}) {
    initKFold(this, "StratifiedKFold", options);
  }
  get_n_splits(): number {
    return this.n_splits;
  }
  private makeTestFolds(y: readonly Label[]): number[] {
    const rng = check_random_state(this.random_state);
    const { inverse } = uniqueInverse(y);
    // Re-encode classes by order of first appearance (sklearn's y_encoded).
    const firstSeen = new Map<number, number>();
    inverse.forEach((c) => {
      if (!firstSeen.has(c)) firstSeen.set(c, firstSeen.size);
    });
    const yEnc = inverse.map((c) => firstSeen.get(c) as number);
    const nClasses = firstSeen.size;
    const counts = new Array<number>(nClasses).fill(0);
    for (const c of yEnc) counts[c]++;
    const minGroups = Math.min(...counts);
    if (counts.every((c) => this.n_splits > c)) throw new ValueError(`n_splits=${this.n_splits} cannot be greater than the number of members in each class.`);
    if (this.n_splits > minGroups) process.emitWarning(`The least populated class in y has only ${minGroups} members, which is less than n_splits=${this.n_splits}.`, "UserWarning");
    // allocation[i][k]: members of class k in fold i, round robin over the sorted encoded labels.
    const yOrder = yEnc.slice().sort((a, b) => a - b);
    const allocation = Array.from({ length: this.n_splits }, () => new Array<number>(nClasses).fill(0));
    yOrder.forEach((c, j) => allocation[j % this.n_splits][c]++);
    const testFolds = new Array<number>(y.length);
    for (let k = 0; k < nClasses; k++) {
      const foldsForClass: number[] = [];
      for (let i = 0; i < this.n_splits; i++) for (let r = 0; r < allocation[i][k]; r++) foldsForClass.push(i);
      if (this.shuffle) rng.shuffle(foldsForClass);
      let p = 0;
      yEnc.forEach((c, i) => {
        if (c === k) testFolds[i] = foldsForClass[p++];
      });
    }
    return testFolds;
  }
  *split(X: unknown, y?: ArrayLike<Label> | null): Generator<Split> {
    if (y === undefined || y === null) throw new ValueError("StratifiedKFold.split requires y");
    const n = numSamples(X);
    if (y.length !== n) throw new ValueError(`Found input variables with inconsistent numbers of samples: [${n}, ${y.length}]`);
    if (this.n_splits > n) throw new ValueError(`Cannot have number of splits n_splits=${this.n_splits} greater than the number of samples: n_samples=${n}.`);
    yield* fromTestFolds(this.makeTestFolds(labelsOf(y)), this.n_splits);
  }
}

export interface ShuffleSplitOptions {
  n_splits?: number;
  test_size?: number | null;
  train_size?: number | null;
  random_state?: RandomStateLike;
}

/** _validate_shuffle_split: float sizes are fractions (test ceil'd, train floor'd), ints counts. */
export function validateShuffleSplit(n: number, test_size: number | null | undefined, train_size: number | null | undefined, default_test_size: number | null): [number, number] {
  const test = test_size ?? (train_size === null || train_size === undefined ? default_test_size : null);
  const isFloat = (v: number): boolean => !Number.isInteger(v) || (v > 0 && v < 1);
  // A JS number cannot say float vs int, so 1.0 counts as the int 1 and 0.5 as a fraction.
  for (const [name, v] of [["test_size", test], ["train_size", train_size ?? null]] as const) {
    if (v === null) continue;
    const bad = isFloat(v) ? v <= 0 || v >= 1 : v <= 0 || v >= n;
    if (bad) throw new ValueError(`${name}=${v} should be either positive and smaller than the number of samples ${n} or a float in the (0, 1) range`);
  }
  let n_test = test === null ? null : isFloat(test) ? Math.ceil(test * n) : test;
  let n_train = train_size === null || train_size === undefined ? null : isFloat(train_size) ? Math.floor(train_size * n) : train_size;
  if (n_train === null) n_train = n - (n_test as number);
  else if (n_test === null) n_test = n - n_train;
  if (n_train + (n_test as number) > n) throw new ValueError(`The sum of train_size and test_size = ${n_train + (n_test as number)}, should be smaller than the number of samples ${n}. Reduce test_size and/or train_size.`);
  if (n_train === 0) throw new ValueError(`With n_samples=${n}, test_size=${test_size ?? null} and train_size=${train_size ?? null}, the resulting train set will be empty. Adjust any of the aforementioned parameters.`);
  return [n_train, n_test as number];
}

export class ShuffleSplit implements CrossValidator {
  n_splits = 10;
  test_size: number | null = null;
  train_size: number | null = null;
  random_state: RandomStateLike = null;
  protected readonly defaultTestSize = 0.1;
  constructor(options: ShuffleSplitOptions = {}) {
    checkOptions(this.constructor.name, options, ["n_splits", "test_size", "train_size", "random_state"]);
    this.n_splits = options.n_splits ?? 10;
    this.test_size = options.test_size ?? null;
    this.train_size = options.train_size ?? null;
    this.random_state = options.random_state ?? null;
  }
  get_n_splits(): number {
    return this.n_splits;
  }
  *split(X: unknown, y?: ArrayLike<Label> | null): Generator<Split> {
    void y;
    const n = numSamples(X);
    const [n_train, n_test] = validateShuffleSplit(n, this.test_size, this.train_size, this.defaultTestSize);
    const rng = check_random_state(this.random_state);
    for (let s = 0; s < this.n_splits; s++) {
      const perm = rng.permutation(n);
      yield [perm.slice(n_test, n_test + n_train), perm.slice(0, n_test)];
    }
  }
}

/** _approximate_mode: per-class draws summing to n_draws, ties broken with rng.choice. */
function approximateMode(counts: readonly number[], n_draws: number, rng: RandomState): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  const continuous = counts.map((c) => (c / total) * n_draws);
  const floored = continuous.map(Math.floor);
  let need = n_draws - floored.reduce((a, b) => a + b, 0);
  if (need > 0) {
    const remainder = continuous.map((c, i) => c - floored[i]);
    const values = [...new Set(remainder)].sort((a, b) => b - a);
    for (const v of values) {
      const inds = remainder.flatMap((r, i) => (r === v ? [i] : []));
      const addNow = Math.min(inds.length, need);
      for (const i of rng.choice_without_replacement(inds, addNow)) floored[i]++;
      need -= addNow;
      if (need === 0) break;
    }
  }
  return floored;
}

export class StratifiedShuffleSplit extends ShuffleSplit {
  override *split(X: unknown, y?: ArrayLike<Label> | null): Generator<Split> {
    if (y === undefined || y === null) throw new ValueError("StratifiedShuffleSplit.split requires y");
    const n = numSamples(X);
    const [n_train, n_test] = validateShuffleSplit(n, this.test_size, this.train_size, this.defaultTestSize);
    const { classes, inverse, counts } = uniqueInverse(labelsOf(y));
    const few = classes.filter((_, i) => counts[i] < 2);
    if (few.length > 0) throw new ValueError(`The least populated classes in y have only 1 member, which is too few. The minimum number of groups for any class cannot be less than 2. Classes with too few members are: [${few.map((c) => (typeof c === "string" ? `'${c}'` : String(c))).join(", ")}]`);
    if (n_train < classes.length) throw new ValueError(`The train_size = ${n_train} should be greater or equal to the number of classes = ${classes.length}`);
    if (n_test < classes.length) throw new ValueError(`The test_size = ${n_test} should be greater or equal to the number of classes = ${classes.length}`);
    // argsort(inverse, stable) split by class: each class's sample indices, ascending.
    const classIndices: number[][] = classes.map(() => []);
    inverse.forEach((c, i) => classIndices[c].push(i));
    const rng = check_random_state(this.random_state);
    for (let s = 0; s < this.n_splits; s++) {
      const n_i = approximateMode(counts, n_train, rng);
      const t_i = approximateMode(counts.map((c, i) => c - n_i[i]), n_test, rng);
      const train: number[] = [];
      const test: number[] = [];
      for (let k = 0; k < classes.length; k++) {
        const perm = rng.permutation(counts[k]).map((p) => classIndices[k][p]);
        train.push(...perm.slice(0, n_i[k]));
        test.push(...perm.slice(n_i[k], n_i[k] + t_i[k]));
      }
      yield [rng.permutation(train), rng.permutation(test)];
    }
  }
}

export interface TrainTestSplitOptions {
  test_size?: number | null;
  train_size?: number | null;
  random_state?: RandomStateLike;
  shuffle?: boolean;
  stratify?: ArrayLike<Label> | null;
}

function isOptions(x: unknown): x is TrainTestSplitOptions {
  return x !== null && typeof x === "object" && Object.getPrototypeOf(x) === Object.prototype;
}

/**
 * train_test_split(X, y, ..., {test_size, train_size, random_state, shuffle, stratify}):
 * returns [X_train, X_test, y_train, y_test, ...]. A trailing plain object is the options.
 */
export function train_test_split<T extends unknown[]>(...args: [...T, TrainTestSplitOptions] | T): unknown[] {
  const last = args[args.length - 1];
  const options: TrainTestSplitOptions = isOptions(last) ? last : {};
  const arrays = isOptions(last) ? args.slice(0, -1) : args;
  checkOptions("train_test_split", options, ["test_size", "train_size", "random_state", "shuffle", "stratify"]);
  if (arrays.length === 0) throw new ValueError("At least one array required as input");
  const n = numSamples(arrays[0]);
  for (const a of arrays) if (numSamples(a) !== n) throw new ValueError(`Found input variables with inconsistent numbers of samples: [${arrays.map(numSamples).join(", ")}]`);
  const [n_train, n_test] = validateShuffleSplit(n, options.test_size, options.train_size, 0.25);
  const shuffle = options.shuffle ?? true;
  const stratify = options.stratify ?? null;
  let train: number[];
  let test: number[];
  if (!shuffle) {
    if (stratify !== null) throw new ValueError("Stratified train/test split is not implemented for shuffle=False");
    train = Array.from({ length: n_train }, (_, i) => i);
    test = Array.from({ length: n_test }, (_, i) => n_train + i);
  } else {
    const Cls = stratify !== null ? StratifiedShuffleSplit : ShuffleSplit;
    const cv = new Cls({ test_size: n_test, train_size: n_train, random_state: options.random_state ?? null });
    [train, test] = cv.split(arrays[0], stratify).next().value as Split;
  }
  return arrays.flatMap((a) => [safeIndexing(a, train), safeIndexing(a, test)]);
}

/**
 * GroupKFold: k folds in which a group (e.g. a document whose sentences are separate samples) never
 * straddles train and test, so cross-validation does not score a model on text it trained on.
 * sklearn 1.9's algorithm: without shuffle, groups by size (largest first, stable order) each go to
 * the fold with the fewest samples so far; with shuffle, a permutation of the unique groups is cut
 * into n_splits nearly equal parts (np.array_split).
 */
export class GroupKFold implements CrossValidator {
  n_splits = 5;
  shuffle = false;
  random_state: RandomStateLike = null;
  constructor(options: KFoldOptions = {}) {
    checkOptions("GroupKFold", options, ["n_splits", "shuffle", "random_state"]);
    this.n_splits = options.n_splits ?? 5;
    this.shuffle = options.shuffle ?? false;
    this.random_state = options.random_state ?? null;
    checkSplits(this.n_splits, "GroupKFold");
  }
  get_n_splits(): number {
    return this.n_splits;
  }
  *split(X: unknown, _y?: ArrayLike<Label> | null, groups?: ArrayLike<Label> | null): Generator<Split> {
    if (groups === undefined || groups === null) throw new ValueError("The 'groups' parameter should not be None.");
    const n = numSamples(X);
    const g = labelsOf(groups);
    if (g.length !== n) throw new ValueError(`Found input variables with inconsistent numbers of samples: [${n}, ${g.length}]`);
    const { classes, inverse, counts } = uniqueInverse(g);
    if (this.n_splits > classes.length) throw new ValueError(`Cannot have number of splits n_splits=${this.n_splits} greater than the number of groups: ${classes.length}.`);
    const groupFold = new Array<number>(classes.length);
    if (this.shuffle) {
      const order = check_random_state(this.random_state).permutation(classes.length);
      const base = Math.floor(classes.length / this.n_splits);
      let at = 0;
      for (let k = 0; k < this.n_splits; k++) {
        const size = base + (k < classes.length % this.n_splits ? 1 : 0);
        for (let i = at; i < at + size; i++) groupFold[order[i]!] = k;
        at += size;
      }
    } else {
      // np.argsort(counts, kind="stable")[::-1]: largest first, and among equals the later group first.
      const order = counts.map((c, i) => [c, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i).reverse();
      const perFold = new Array<number>(this.n_splits).fill(0);
      for (const gi of order) {
        let lightest = 0; // np.argmin: the first minimum
        for (let k = 1; k < this.n_splits; k++) if (perFold[k]! < perFold[lightest]!) lightest = k;
        perFold[lightest] += counts[gi]!;
        groupFold[gi] = lightest;
      }
    }
    yield* fromTestFolds(inverse.map((gi) => groupFold[gi]!), this.n_splits);
  }
}

/** check_cv: an int means StratifiedKFold for classifiers (with binary/multiclass y), else KFold. */
export function check_cv(cv: number | CrossValidator | null | undefined, classifier: boolean): CrossValidator {
  const c = cv ?? 5;
  if (typeof c === "number") return classifier ? new StratifiedKFold({ n_splits: c }) : new KFold({ n_splits: c });
  return c;
}
