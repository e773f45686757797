// finetune-ts/transformers: HF transformers' names. So far: optimization (get_scheduler & co).
export * from "./optimization.js";
