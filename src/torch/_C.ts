// The ONE file that loads the native addon (architecture §3). Everything else reaches libtorch
// through the typed surface below; nothing else may `require` the .node file.
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** An opaque native tensor handle (an N-API External around an at::Tensor). */
export type Handle = object & { readonly __handle: unique symbol };

export interface NativeMemory {
  live_tensors: number;
  live_bytes: number;
  peak_tensors: number;
  finalized: number;
  created: number;
}

export interface BuildInfo {
  torch_version: string;
  config: string;
  parallel: string;
  built_with_cuda: boolean;
  cxx11_abi?: number;
}

export interface Native {
  from_buffer(data: ArrayBufferView | ArrayBuffer, shape: number[], dtype: number): Handle;
  to_buffer(h: Handle): ArrayBuffer;
  copy_from_buffer(h: Handle, data: ArrayBufferView): void;
  /** Frees the tensor and its handle; the handle must never be passed again. */
  dispose(h: Handle): void;
  /** The GC backstop's dispose: counts the handle in `finalized`. */
  finalize(h: Handle): void;
  shape(h: Handle): number[];
  strides(h: Handle): number[];
  dtype(h: Handle): number;
  device(h: Handle): string;
  dim(h: Handle): number;
  numel(h: Handle): number;
  is_contiguous(h: Handle): boolean;
  alias(h: Handle): Handle;
  is_same(a: Handle, b: Handle): boolean;
  memory(): NativeMemory;
  reset_peak(): void;
  find_op(name: string): number;
  op_schema(id: number): string;
  call(id: number, ...args: unknown[]): unknown;
  backward(h: Handle, gradient: Handle | null, retain_graph?: boolean, create_graph?: boolean): void;
  grad(h: Handle, cached: Handle | null): Handle | null;
  set_grad(h: Handle, g: Handle | null): void;
  requires_grad(h: Handle): boolean;
  set_requires_grad(h: Handle, on: boolean): void;
  is_leaf(h: Handle): boolean;
  retain_grad(h: Handle): void;
  grad_fn(h: Handle): string | null;
  set_grad_enabled(on: boolean): void;
  is_grad_enabled(): boolean;
  enter_inference_mode(on: boolean): number;
  exit_inference_mode(depth: number): void;
  is_inference_mode_enabled(): boolean;
  is_inference(h: Handle): boolean;
  autocast_state(device: "cpu" | "cuda"): { enabled: boolean; dtype: number; cache_enabled: boolean };
  set_autocast(device: "cpu" | "cuda", enabled: boolean, dtype: number, cache_enabled: boolean): void;
  autocast_increment_nesting(): number;
  autocast_decrement_nesting(): number;
  manual_seed(seed: number | bigint): void;
  initial_seed(): bigint;
  get_rng_state(): Handle;
  set_rng_state(state: Handle): void;
  set_num_threads(n: number): void;
  get_num_threads(): number;
  set_num_interop_threads(n: number): void;
  get_num_interop_threads(): number;
  cuda_is_available(): boolean;
  cuda_device_count(): number;
  cuda_empty_cache(): void;
  cuda_memory(device: number): { allocated: number; reserved: number; peak_allocated: number };
  build_info(): BuildInfo;
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** Package root: this file lives in src/torch/ (tsx) or dist/torch/ (built). */
export const PACKAGE_ROOT = path.resolve(here, "..", "..");
export const ADDON_PATH = path.join(PACKAGE_ROOT, "build", "Release", "finetune_ts.node");

function load(): Native {
  const require = createRequire(import.meta.url);
  try {
    return require(ADDON_PATH) as Native;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(
      `finetune-ts: could not load the native addon at ${ADDON_PATH}: ${why}\n` +
        "Build it with `npm rebuild finetune-ts` (or `npm ci` in a checkout). It needs libtorch: set LIBTORCH=/path/to/libtorch, " +
        "or LIBTORCH_USE_PYTORCH=1 to use the installed PyTorch's, or on Debian 12 `apt-get install -y libtorch-dev libopenblas0-openmp`.",
    );
  }
}

export const _C: Native = load();

// libtorch (Debian's 1.13 at least) starts with one intra-op thread. Default to what OpenMP users
// expect: OMP_NUM_THREADS when set, else one thread per core.
{
  const fromEnv = Number.parseInt(process.env.OMP_NUM_THREADS ?? "", 10);
  const n = Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : os.availableParallelism();
  if (_C.get_num_threads() !== n) _C.set_num_threads(n);
}
