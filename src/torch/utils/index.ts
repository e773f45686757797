// torch.utils
export * as collect_env from "./collect_env.js";
