// sklearn.base: the estimator contract every finetune-ts/sklearn class follows, so Pipeline,
// GridSearchCV, clone and save/load work on any of them without per-class code.
//  - Hyper-parameters are public fields named exactly as in sklearn, set from ONE options object
//    in the constructor; `static _parameter_names` lists them (sklearn reads the __init__ signature,
//    which TypeScript cannot). get_params/set_params/clone use that list.
//  - Fitted state lives in public fields ending in "_" (`classes_`, `vocabulary_`, `coef_`), holding
//    only plain data: numbers, strings, booleans, null, arrays, plain objects, Map, typed arrays,
//    NDArray, csr_matrix or nested estimators. Persistence serialises exactly those.
import { ValueError } from "../utils/errors.js";
import { accuracy_score } from "./metrics/index.js";
import type { Label } from "./_array.js";

export type Params = Record<string, unknown>;

export abstract class BaseEstimator {
  /** The constructor's option keys, in sklearn's order. */
  static _parameter_names: readonly string[] = [];

  protected paramNames(): readonly string[] {
    return (this.constructor as typeof BaseEstimator)._parameter_names;
  }

  /** Assign options to fields, rejecting unknown keys (a typo is an error, not a silent default). */
  protected initParams(options: Params | undefined): void {
    if (options !== undefined) this.set_params(options);
  }

  get_params(deep = true): Params {
    const out: Params = {};
    for (const k of this.paramNames()) {
      const v = (this as unknown as Params)[k];
      out[k] = v;
      if (deep && v instanceof BaseEstimator) for (const [sk, sv] of Object.entries(v.get_params(true))) out[`${k}__${sk}`] = sv;
    }
    return out;
  }

  set_params(params: Params): this {
    const names = this.paramNames();
    for (const [key, value] of Object.entries(params)) {
      const [head, ...rest] = key.split("__");
      if (!names.includes(head)) {
        throw new ValueError(`Invalid parameter '${head}' for estimator ${this.constructor.name}. Valid parameters are: [${names.map((n) => `'${n}'`).join(", ")}].`);
      }
      if (rest.length > 0) {
        const sub = (this as unknown as Params)[head];
        if (!(sub instanceof BaseEstimator)) throw new ValueError(`Parameter '${head}' of ${this.constructor.name} is not an estimator, so '${key}' cannot be set`);
        sub.set_params({ [rest.join("__")]: value });
      } else {
        (this as unknown as Params)[head] = value;
      }
    }
    return this;
  }

  /** `repr(est)`: the class name and the parameters that differ from the defaults. */
  toString(): string {
    const ctor = this.constructor as new (o?: Params) => BaseEstimator;
    const defaults = new ctor().get_params(false);
    const changed = Object.entries(this.get_params(false)).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(defaults[k]));
    return `${ctor.name}(${changed.map(([k, v]) => `${k}=${v instanceof BaseEstimator ? v.toString() : JSON.stringify(v)}`).join(", ")})`;
  }
}

/** sklearn.base.clone: a new, unfitted estimator with the same parameters (nested ones cloned too). */
export function clone<E extends BaseEstimator>(est: E): E {
  const ctor = est.constructor as new (o?: Params) => E;
  const params = est.get_params(false);
  for (const [k, v] of Object.entries(params)) {
    if (v instanceof BaseEstimator) params[k] = clone(v);
    else if (Array.isArray(v)) params[k] = v.map((x) => (x instanceof BaseEstimator ? clone(x) : x));
  }
  return new ctor(params);
}

/** A classifier: `score` is mean accuracy, as sklearn's ClassifierMixin. */
export abstract class ClassifierMixin extends BaseEstimator {
  readonly _estimator_type = "classifier";
  abstract fit(X: unknown, y: unknown, ...rest: unknown[]): this;
  abstract predict(X: unknown): Label[];
  score(X: unknown, y: ArrayLike<Label>, options: { sample_weight?: ArrayLike<number> } = {}): number {
    return accuracy_score(y, this.predict(X), options.sample_weight === undefined ? {} : { sample_weight: options.sample_weight }) as number;
  }
}

/** A transformer: fit_transform = fit then transform (estimators may override with a faster path). */
export abstract class TransformerMixin extends BaseEstimator {
  abstract fit(X: unknown, y?: unknown): this;
  abstract transform(X: unknown): unknown;
  fit_transform(X: unknown, y?: unknown): unknown {
    return this.fit(X, y).transform(X);
  }
}

/** Raised by predict/transform before fit (sklearn.exceptions.NotFittedError). */
export class NotFittedError extends ValueError {
  constructor(est: BaseEstimator) {
    super(`This ${est.constructor.name} instance is not fitted yet. Call 'fit' with appropriate arguments before using this estimator.`);
    this.name = "NotFittedError";
  }
}
