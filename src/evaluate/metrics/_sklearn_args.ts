// The metrics below hand HF evaluate's columns to scikit-learn's functions in sklearn's argument
// order (references = y_true first); option values are checked by the sklearn port itself.
import type { LabelInput, NumericInput } from "../../sklearn/_array.js";

export function labels(col: unknown[] | undefined): LabelInput {
  return (col ?? []) as LabelInput;
}

export function numbers(col: unknown[] | undefined): NumericInput {
  return (col ?? []) as NumericInput;
}

/** HF's `float(score) if score.size == 1 else score`. */
export function scalarIfSingle(v: number | number[]): number | number[] {
  return Array.isArray(v) && v.length === 1 ? v[0]! : v;
}

export const SKLEARN_CITATION_URL = "https://scikit-learn.org/stable/modules/generated/sklearn.metrics.";
