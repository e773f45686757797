// torch.optim
export { Optimizer, type ParamGroup, type ParamsArg, type OptimizerStateDict, type ParamState } from "./optimizer.js";
export { AdamW, Adam, type AdamOptions } from "./adamw.js";
export { SGD, type SGDOptions } from "./sgd.js";
export * as lr_scheduler from "./lr_scheduler.js";
