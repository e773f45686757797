// torch.amp: automatic mixed precision (autocast regions and the gradient scaler).
export { autocast, is_autocast_enabled, get_autocast_dtype, is_autocast_available, type AutocastOptions, type AutocastDevice } from "./autocast_mode.js";
export { GradScaler, type GradScalerOptions, type GradScalerState } from "./grad_scaler.js";
