// finetune-ts/evaluate — `import evaluate; evaluate.load("accuracy")` becomes
// `import { load } from "finetune-ts/evaluate"; await load("accuracy")`. Offline, built-in
// metrics computed by finetune-ts/sklearn/metrics; no torch import.
export { load, combine, list_evaluation_modules, type MetricName, type MetricResults } from "./load.js";
export {
  EvaluationModule,
  CombinedEvaluations,
  type ComputeArgs,
  type InputColumn,
  type MetricDefinition,
  type MetricResult,
  type MetricValue,
} from "./module.js";
