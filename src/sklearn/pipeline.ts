// sklearn.pipeline: Pipeline chains transformers and a final estimator; make_pipeline names steps
// after their lower-cased class names. Parameters are reachable as `step__param`, which is how
// GridSearchCV tunes e.g. `nb__alpha` or `vec__min_df` of a whole text-classification chain.
import { ValueError } from "../utils/errors.js";
import { BaseEstimator, clone, type Params } from "./base.js";
import { checkOptions, type Label } from "./_array.js";

/** A pipeline step: any estimator, or "passthrough"/null for identity (skipped). */
export type Step = BaseEstimator | "passthrough" | null;
export type NamedStep = [name: string, estimator: Step];

interface Fittable {
  fit(X: unknown, y?: unknown): unknown;
}
interface Transformer extends Fittable {
  transform(X: unknown): unknown;
  fit_transform?(X: unknown, y?: unknown): unknown;
}

function hasMethod<K extends string>(o: unknown, k: K): o is Record<K, (...a: unknown[]) => unknown> {
  return o !== null && typeof o === "object" && typeof (o as Record<string, unknown>)[k] === "function";
}

export interface PipelineOptions {
  memory?: null;
  verbose?: boolean;
  transform_input?: string[] | null;
}

export class Pipeline extends BaseEstimator {
  static override _parameter_names = ["steps", "transform_input", "memory", "verbose"] as const;
  steps: NamedStep[] = [];
  transform_input: string[] | null = null;
  memory: null = null;
  verbose = false;

  /**
   * `new Pipeline([[name, est], ...], {verbose})`. The one-object form `new Pipeline({steps, ...})`
   * is what `clone` uses: base.clone copies only one level of arrays, so here the step estimators
   * are cloned (sklearn's clone recurses into the steps list).
   */
  constructor(steps?: NamedStep[] | (PipelineOptions & { steps?: NamedStep[] }), options: PipelineOptions = {}) {
    super();
    if (steps !== undefined && !Array.isArray(steps)) {
      checkOptions("Pipeline", steps, Pipeline._parameter_names);
      const { steps: s = [], ...rest } = steps;
      options = rest;
      steps = s.map(([n, e]): NamedStep => [n, e instanceof BaseEstimator ? clone(e) : e]);
    }
    checkOptions("Pipeline", options, ["memory", "verbose", "transform_input"]);
    if (options.memory !== undefined && options.memory !== null) throw new ValueError("Pipeline: memory caching is not supported (use memory=null)");
    this.steps = steps ?? [];
    this.verbose = options.verbose ?? false;
    this.transform_input = options.transform_input ?? null;
    this.validateSteps();
  }

  private validateSteps(): void {
    const names = this.steps.map(([n]) => n);
    const dup = names.filter((n, i) => names.indexOf(n) !== i);
    if (dup.length > 0) throw new ValueError(`Names provided are not unique: [${names.map((n) => `'${n}'`).join(", ")}]`);
    for (const n of names) {
      if (n.includes("__")) throw new ValueError(`Estimator names must not contain __: got ['${n}']`);
      if (Pipeline._parameter_names.includes(n as never)) throw new ValueError(`Estimator names conflict with constructor arguments: ['${n}']`);
    }
    for (const [n, t] of this.steps.slice(0, -1)) {
      if (t === null || t === "passthrough") continue;
      if (!hasMethod(t, "fit") || !hasMethod(t, "transform")) {
        throw new ValueError(`All intermediate steps should be transformers and implement fit and transform or be the string 'passthrough' '${n}' (type ${t.constructor.name}) doesn't`);
      }
    }
  }

  /** Steps by name (`pipe.named_steps.clf`). */
  get named_steps(): Record<string, Step> {
    return Object.fromEntries(this.steps);
  }

  /** The final step (`_final_estimator`); "passthrough" when it is null/passthrough. */
  get _final_estimator(): Step {
    const last = this.steps[this.steps.length - 1]?.[1] ?? null;
    return last === null ? "passthrough" : last;
  }

  /** `pipe.slice(a, b)` is sklearn's `pipe[a:b]`: a new Pipeline sharing the step estimators. */
  slice(start?: number, end?: number): Pipeline {
    return new Pipeline(this.steps.slice(start, end), { verbose: this.verbose });
  }

  override get_params(deep = true): Params {
    const out: Params = { steps: this.steps, transform_input: this.transform_input, memory: this.memory, verbose: this.verbose };
    if (!deep) return out;
    for (const [name, est] of this.steps) {
      out[name] = est;
      if (est instanceof BaseEstimator) for (const [k, v] of Object.entries(est.get_params(true))) out[`${name}__${k}`] = v;
    }
    return out;
  }

  /** Step names replace whole steps first, then `step__param` keys go to the step (sklearn's order). */
  override set_params(params: Params): this {
    const names = this.steps.map(([n]) => n);
    const rest: Params = {};
    if ("steps" in params) {
      this.steps = params.steps as NamedStep[];
    }
    for (const [k, v] of Object.entries(params)) {
      if (k === "steps") continue;
      if (names.includes(k)) this.steps[names.indexOf(k)] = [k, v as Step];
      else rest[k] = v;
    }
    for (const [k, v] of Object.entries(rest)) {
      const [head, ...tail] = k.split("__");
      if (tail.length > 0 && names.includes(head)) {
        const est = this.steps[names.indexOf(head)][1];
        if (!(est instanceof BaseEstimator)) throw new ValueError(`Step '${head}' is ${String(est)}, so '${k}' cannot be set`);
        est.set_params({ [tail.join("__")]: v });
      } else if (tail.length === 0 && (Pipeline._parameter_names as readonly string[]).includes(head)) {
        (this as unknown as Params)[head] = v;
      } else {
        throw new ValueError(`Invalid parameter '${head}' for estimator Pipeline. Valid parameters are: [${["steps", "transform_input", "memory", "verbose", ...names].map((n) => `'${n}'`).join(", ")}].`);
      }
    }
    this.validateSteps();
    return this;
  }

  /** Fit every transformer in turn (fit_transform) and return what reaches the final step. */
  private fitTransformers(X: unknown, y: unknown): unknown {
    let Xt = X;
    for (const [, t] of this.steps.slice(0, -1)) {
      if (t === null || t === "passthrough") continue;
      const tr = t as unknown as Transformer;
      Xt = tr.fit_transform !== undefined ? tr.fit_transform(Xt, y) : (tr.fit(Xt, y), tr.transform(Xt));
    }
    return Xt;
  }

  private transformAll(X: unknown, withFinal = false): unknown {
    let Xt = X;
    for (const [, t] of withFinal ? this.steps : this.steps.slice(0, -1)) {
      if (t === null || t === "passthrough") continue;
      Xt = (t as unknown as Transformer).transform(Xt);
    }
    return Xt;
  }

  private final<K extends string>(method: K): Record<K, (...a: unknown[]) => unknown> {
    const f = this._final_estimator;
    if (!hasMethod(f, method)) throw new ValueError(`This 'Pipeline' has no attribute '${method}' (final step is ${f === "passthrough" ? "'passthrough'" : (f as object).constructor.name})`);
    return f;
  }

  fit(X: unknown, y?: unknown): this {
    const Xt = this.fitTransformers(X, y);
    const f = this._final_estimator;
    if (f !== "passthrough") (f as unknown as Fittable).fit(Xt, y);
    return this;
  }

  fit_transform(X: unknown, y?: unknown): unknown {
    const Xt = this.fitTransformers(X, y);
    const f = this._final_estimator;
    if (f === "passthrough") return Xt;
    const tr = f as unknown as Transformer;
    if (tr.fit_transform !== undefined) return tr.fit_transform(Xt, y);
    tr.fit(Xt, y);
    return tr.transform(Xt);
  }

  fit_predict(X: unknown, y?: unknown): Label[] {
    const Xt = this.fitTransformers(X, y);
    const f = this.final("fit_predict");
    return f.fit_predict(Xt, y) as Label[];
  }

  predict(X: unknown): Label[] {
    return this.final("predict").predict(this.transformAll(X)) as Label[];
  }

  predict_proba(X: unknown): unknown {
    return this.final("predict_proba").predict_proba(this.transformAll(X));
  }

  predict_log_proba(X: unknown): unknown {
    return this.final("predict_log_proba").predict_log_proba(this.transformAll(X));
  }

  decision_function(X: unknown): unknown {
    return this.final("decision_function").decision_function(this.transformAll(X));
  }

  /** transform through every step, the last included ("passthrough" last step is identity). */
  transform(X: unknown): unknown {
    const f = this._final_estimator;
    if (f !== "passthrough" && !hasMethod(f, "transform")) throw new ValueError(`This 'Pipeline' has no attribute 'transform'`);
    return this.transformAll(X, true);
  }

  inverse_transform(X: unknown): unknown {
    let Xt = X;
    for (const [, t] of [...this.steps].reverse()) {
      if (t === null || t === "passthrough") continue;
      if (!hasMethod(t, "inverse_transform")) throw new ValueError(`This 'Pipeline' has no attribute 'inverse_transform'`);
      Xt = t.inverse_transform(Xt);
    }
    return Xt;
  }

  score(X: unknown, y?: unknown, options: { sample_weight?: ArrayLike<number> } = {}): number {
    const f = this.final("score");
    const Xt = this.transformAll(X);
    return (options.sample_weight === undefined ? f.score(Xt, y) : f.score(Xt, y, options)) as number;
  }

  /** The final step's `classes_` (sklearn exposes it as a pipeline property). */
  get classes_(): unknown {
    return (this._final_estimator as unknown as { classes_?: unknown }).classes_;
  }

  /** Classifier-ness follows the final step, so cross_val_score(cv=int) stratifies. */
  get _estimator_type(): string | undefined {
    return (this._final_estimator as unknown as { _estimator_type?: string })._estimator_type;
  }
}

/** make_pipeline(...steps): names are lower-cased class names, de-duplicated with "-1", "-2". */
export function make_pipeline(...steps: Array<Exclude<Step, null>>): Pipeline {
  const names = steps.map((s) => (s === "passthrough" ? "passthrough" : s.constructor.name.toLowerCase()));
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  const seen = new Map<string, number>();
  const named = steps.map((s, i): NamedStep => {
    const n = names[i];
    if ((counts.get(n) ?? 0) <= 1) return [n, s];
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return [`${n}-${k}`, s];
  });
  return new Pipeline(named);
}
