// Threads and versions (torch.get_num_threads, torch.__version__, torch.__config__.show()).
import { _C } from "./_C.js";

export function get_num_threads(): number {
  return _C.get_num_threads();
}
export function set_num_threads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`set_num_threads: expected a positive integer, got ${n}`);
  _C.set_num_threads(n);
}
export function get_num_interop_threads(): number {
  return _C.get_num_interop_threads();
}
/** Only before any inter-op parallel work starts, as in PyTorch. */
export function set_num_interop_threads(n: number): void {
  _C.set_num_interop_threads(n);
}
/** The libtorch version the addon was built against, e.g. "1.13.0". */
export const __version__: string = _C.build_info().torch_version;
/** libtorch's build configuration (`torch.__config__.show()`) and parallel info. */
export function build_info(): { torch_version: string; config: string; parallel: string; built_with_cuda: boolean } {
  return _C.build_info();
}
