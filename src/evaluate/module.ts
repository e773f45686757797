// Mirrors evaluate/module.py (Hugging Face `evaluate`): an EvaluationModule collects inputs with
// add / add_batch, compute() runs the metric on everything collected (plus what it is given) and
// empties the collection; CombinedEvaluations runs several modules on the same inputs. Everything
// is in memory and offline (no Arrow cache files, no hub): the metrics are built in.
import { ValueError } from "../utils/errors.js";
import { checkOptions, toNested, type ToList } from "../sklearn/_array.js";

/** One value of a metric result: a score, per-class scores, or a matrix. */
export type MetricValue = number | number[] | number[][];
/** What compute() returns, keyed as in HF evaluate (`{ accuracy }`, `{ f1 }`, ...). */
export type MetricResult = Record<string, MetricValue>;

/** An input column: an array (of labels, numbers or rows) or anything with `tolist()`. */
export type InputColumn = ArrayLike<unknown> | ToList;

/** A built-in metric: its input columns, accepted keyword arguments and computation. */
export interface MetricDefinition<R extends MetricResult = MetricResult> {
  name: string;
  description: string;
  /** Accepted sets of input columns; the first one names the module's `features`. */
  inputs: ReadonlyArray<readonly string[]>;
  /** Keyword arguments compute() accepts besides the inputs. */
  kwargs: readonly string[];
  /** Config names HF uses (e.g. "multilabel"); accepted by load() and otherwise ignored. */
  config_names?: readonly string[];
  reference_urls: readonly string[];
  compute(inputs: Record<string, unknown[]>, kwargs: Record<string, unknown>): R;
}

/** compute() / add_batch() arguments: input columns (predictions, references, ...) and kwargs. */
export interface ComputeArgs {
  predictions?: InputColumn | null;
  references?: InputColumn | null;
  [key: string]: unknown;
}

function pyList(names: readonly string[]): string {
  return `[${names.map((n) => `'${n}'`).join(", ")}]`;
}

/**
 * A loaded metric (what `evaluate.load(name)` returns).
 *
 * @example
 * const accuracy = await load("accuracy");
 * accuracy.add_batch({ predictions: [0, 1], references: [0, 0] });
 * accuracy.add_batch({ predictions: [1, 1], references: [1, 1] });
 * accuracy.compute(); // { accuracy: 0.75 }
 */
export class EvaluationModule<R extends MetricResult = MetricResult> {
  readonly name: string;
  readonly config_name: string;
  readonly description: string;
  readonly reference_urls: readonly string[];
  private readonly def: MetricDefinition<R>;
  private buffer: Record<string, unknown[]> | null = null;
  private columns: readonly string[] | null = null;

  constructor(def: MetricDefinition<R>, config_name = "default") {
    this.def = def;
    this.name = def.name;
    this.config_name = config_name;
    this.description = def.description;
    this.reference_urls = def.reference_urls;
  }

  /** Names of the input columns (HF's `_feature_names()`), e.g. `["predictions", "references"]`. */
  get features(): readonly string[] {
    return this.columns ?? this.def.inputs[0]!;
  }

  /** Every accepted set of input columns (perplexity takes `predictions` or `losses`). */
  get input_columns(): ReadonlyArray<readonly string[]> {
    return this.def.inputs;
  }

  /** Keyword arguments compute() accepts (besides the inputs). */
  get compute_kwargs(): readonly string[] {
    return this.def.kwargs;
  }

  private pickColumns(given: readonly string[]): readonly string[] {
    if (this.columns !== null) return this.columns;
    const set = this.def.inputs.find((cols) => cols.every((c) => given.includes(c)));
    if (!set) {
      throw new ValueError(
        `Evaluation module inputs are missing: ${pyList(this.def.inputs[0]!.filter((c) => !given.includes(c)))}. All required inputs are ${pyList(this.def.inputs[0]!)}`,
      );
    }
    return set;
  }

  /** Add a batch of inputs (`{ predictions, references }` for most metrics). */
  add_batch(batch: ComputeArgs): void {
    const given = Object.keys(batch).filter((k) => batch[k] !== undefined && batch[k] !== null);
    const allInputs = new Set(this.def.inputs.flat());
    const bad = given.filter((k) => !allInputs.has(k));
    if (bad.length > 0) throw new ValueError(`Bad inputs for evaluation module: ${pyList(bad)}. All required inputs are ${pyList(this.features)}`);
    const cols = this.pickColumns(given);
    const data: Record<string, unknown[]> = {};
    for (const c of cols) data[c] = toNested(batch[c], c).data;
    const col0 = cols[0]!;
    for (const c of cols) {
      if (data[c]!.length !== data[col0]!.length) {
        throw new ValueError(`Mismatch in the number of ${col0} (${data[col0]!.length}) and ${c} (${data[c]!.length})`);
      }
    }
    if (this.buffer === null) {
      this.buffer = Object.fromEntries(cols.map((c) => [c, [] as unknown[]]));
      this.columns = cols;
    }
    for (const c of cols) for (const v of data[c]!) this.buffer[c]!.push(v);
  }

  /** Add one example: `{ prediction, reference }` (singular, as in HF). */
  add(example: { prediction?: unknown; reference?: unknown; [key: string]: unknown }): void {
    const batch: ComputeArgs = {};
    for (const [k, v] of Object.entries(example)) {
      const key = k === "prediction" ? "predictions" : k === "reference" ? "references" : k;
      batch[key] = [v];
    }
    this.add_batch(batch);
  }

  /**
   * Compute the metric on everything added so far plus the given inputs, then start afresh.
   * Keyword arguments (e.g. `average: "macro"`) go in the same object, as in HF.
   */
  compute(args: ComputeArgs = {}): R {
    const allInputs = new Set(this.def.inputs.flat());
    const inputs: ComputeArgs = {};
    const kwargs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(args)) {
      if (allInputs.has(k)) {
        if (v !== undefined && v !== null) inputs[k] = v;
      } else kwargs[k] = v;
    }
    checkOptions(`${this.name}.compute`, kwargs, this.def.kwargs);
    if (Object.keys(inputs).length > 0) {
      const given = Object.keys(inputs);
      const cols = this.pickColumns(given);
      const missing = cols.filter((c) => !given.includes(c));
      if (missing.length > 0) {
        throw new ValueError(`Evaluation module inputs are missing: ${pyList(missing)}. All required inputs are ${pyList(cols)}`);
      }
      this.add_batch(inputs);
    }
    if (this.buffer === null) {
      throw new ValueError(
        "Evaluation module cache file doesn't exist. Please make sure that you call `add` or `add_batch` at least once before calling `compute`.",
      );
    }
    const data = this.buffer;
    this.buffer = null;
    this.columns = null;
    return this.def.compute(data, kwargs);
  }
}

/**
 * Several modules run on the same inputs, results merged into one object (HF's `combine`).
 *
 * @example
 * const clf = combine(["accuracy", "f1"]);
 * clf.compute({ predictions: [0, 1, 1], references: [0, 1, 0] }); // { accuracy: 0.6666666666666666, f1: 0.6666666666666666 }
 */
export class CombinedEvaluations {
  readonly evaluation_modules: EvaluationModule[];
  readonly force_prefix: boolean;

  constructor(modules: EvaluationModule[], force_prefix = false) {
    this.evaluation_modules = modules;
    this.force_prefix = force_prefix;
  }

  private split(module: EvaluationModule, args: ComputeArgs): ComputeArgs {
    const out: ComputeArgs = {};
    const cols = new Set(module.input_columns.flat());
    for (const [k, v] of Object.entries(args)) if (cols.has(k) || module.compute_kwargs.includes(k)) out[k] = v;
    return out;
  }

  add_batch(batch: ComputeArgs): void {
    for (const m of this.evaluation_modules) m.add_batch(this.split(m, batch));
  }

  add(example: { prediction?: unknown; reference?: unknown; [key: string]: unknown }): void {
    for (const m of this.evaluation_modules) m.add(example);
  }

  /** Each module gets the inputs it declares and the keyword arguments it accepts. */
  compute(args: ComputeArgs = {}): MetricResult {
    const known = new Set<string>(["predictions", "references"]);
    for (const m of this.evaluation_modules) {
      for (const c of m.input_columns.flat()) known.add(c);
      for (const k of m.compute_kwargs) known.add(k);
    }
    checkOptions("combine(...).compute", args, [...known]);
    const merged: MetricResult = {};
    for (const m of this.evaluation_modules) {
      const result = m.compute(this.split(m, args));
      for (const [k, v] of Object.entries(result)) {
        if (!this.force_prefix && !(k in merged)) merged[k] = v;
        else merged[`${m.name}_${k}`] = v;
      }
    }
    return merged;
  }
}
