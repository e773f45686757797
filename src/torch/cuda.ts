// torch.cuda: availability, device count and the caching allocator, as in PyTorch.
import { _C } from "./_C.js";

export function is_available(): boolean {
  return _C.cuda_is_available();
}
export function device_count(): number {
  return _C.cuda_device_count();
}
/** Releases cached blocks held by libtorch's CUDA caching allocator (a no-op without CUDA). */
export function empty_cache(): void {
  _C.cuda_empty_cache();
}
function idx(device?: number | string): number {
  if (device === undefined) return 0;
  if (typeof device === "number") return device;
  const m = /^cuda(?::(\d+))?$/.exec(device);
  if (!m) throw new TypeError(`expected a CUDA device, got '${device}'`);
  return Number(m[1] ?? 0);
}
export function memory_allocated(device?: number | string): number {
  return _C.cuda_memory(idx(device)).allocated;
}
export function memory_reserved(device?: number | string): number {
  return _C.cuda_memory(idx(device)).reserved;
}
export function max_memory_allocated(device?: number | string): number {
  return _C.cuda_memory(idx(device)).peak_allocated;
}
