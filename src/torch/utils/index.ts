// torch.utils
export * as collect_env from "./collect_env.js";
export * as data from "./data/index.js";
