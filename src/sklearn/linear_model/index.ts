// sklearn.linear_model: LogisticRegression (solver="lbfgs") and the L-BFGS minimiser it uses.
export { LogisticRegression, LogisticLoss, type LogisticRegressionOptions, type LinearInput } from "./_logistic.js";
export { minimizeLbfgs, type LbfgsOptions, type LbfgsResult, type LossGradFn } from "./_lbfgs.js";
