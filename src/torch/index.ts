// finetune-ts/torch: `import * as torch from "finetune-ts/torch"`, PyTorch's names throughout.
import "./ops/index.js";
export { Tensor, is_tensor, type GradFn, type NestedList } from "./tensor.js";
export {
  dtype, uint8, int8, int16, int32, int64, float16, float32, float64, bool, bfloat16,
  float, double, half, long, int, short, set_default_dtype, get_default_dtype, type DTypeLike, type TypedArray,
} from "./dtype.js";
export { device, type DeviceLike } from "./device.js";
export * from "./factories.js";
export * from "./ops/index.js";
export * from "./ops/functional.js";
export { var_ as var } from "./ops/functional.js";
export { tidy, keep } from "./scope.js";
export { no_grad, enable_grad, set_grad_enabled, is_grad_enabled, inference_mode, is_inference_mode_enabled } from "./autograd.js";
export { manual_seed, initial_seed, seed, get_rng_state, set_rng_state, Generator } from "./random.js";
export { memory, reset_peak_memory, assert_no_leak, type MemoryStats } from "./memory.js";
export * as cuda from "./cuda.js";
export * as nn from "./nn/index.js";
export { get_num_threads, set_num_threads, get_num_interop_threads, set_num_interop_threads, __version__, build_info } from "./runtime.js";
export * as optim from "./optim/index.js";
export * as amp from "./amp/index.js";
export { autocast, is_autocast_enabled, get_autocast_dtype } from "./amp/autocast_mode.js";
export * as utils from "./utils/index.js";
export { load } from "./serialization/index.js";
