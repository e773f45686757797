// torch.nn
export { Module, type LoadStateDictResult } from "./module.js";
export { Parameter } from "./parameter.js";
export { Linear, Identity } from "./modules/linear.js";
export { Embedding } from "./modules/embedding.js";
export { LayerNorm } from "./modules/normalization.js";
export { Dropout } from "./modules/dropout.js";
export { ReLU, GELU, Tanh, Sigmoid, SiLU, LeakyReLU, Softmax, LogSoftmax } from "./modules/activation.js";
export { Sequential, ModuleList, ModuleDict, type TensorModule } from "./modules/container.js";
export { CrossEntropyLoss, NLLLoss, MSELoss, L1Loss, BCEWithLogitsLoss, BCELoss } from "./modules/loss.js";
export * as functional from "./functional.js";
export * as init from "./init.js";
export * as utils from "./utils/index.js";
