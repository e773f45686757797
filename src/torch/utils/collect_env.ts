// torch.utils.collect_env: what a bug report (and `finetune-ts env`) needs — versions, the BLAS
// library really loaded in this process, threads and CUDA. BLAS decides CPU speed: Debian's
// reference BLAS is ~35x slower than OpenBLAS, and the pthread OpenBLAS fights libtorch's OpenMP
// threads (~2.5x slower training), so both get a warning.
import { readFileSync } from "node:fs";
import os from "node:os";
import { _C, ADDON_PATH } from "../_C.js";

export type BlasKind = "openblas-openmp" | "openblas-pthread" | "openblas" | "reference" | "mkl" | "blis" | "atlas" | "unknown";

export interface BlasInfo {
  kind: BlasKind;
  /** the shared libraries mapped into this process that provide BLAS/LAPACK/OpenMP */
  libraries: string[];
  /** libtorch's own build setting (BLAS_INFO=…) */
  build_blas: string;
  warning: string | null;
}

export interface EnvInfo {
  finetune_ts_version: string;
  node_version: string;
  platform: string;
  libtorch_version: string;
  addon_path: string;
  blas: BlasInfo;
  num_threads: number;
  num_interop_threads: number;
  omp_num_threads: string | null;
  cpu_count: number;
  parallel_backend: string;
  cuda_available: boolean;
  cuda_device_count: number;
  built_with_cuda: boolean;
}

function mappedLibraries(): string[] {
  try {
    const maps = readFileSync("/proc/self/maps", "utf8");
    const libs = new Set<string>();
    for (const line of maps.split("\n")) {
      const file = line.trim().split(/\s+/).slice(5).join(" ");
      if (/blas|lapack|mkl|blis|atlas|gomp|iomp/i.test(file)) libs.add(file);
    }
    return [...libs];
  } catch {
    return [];
  }
}

/** Classifies the BLAS this process really runs (not what libtorch was built with). */
export function blas_info(): BlasInfo {
  const libs = mappedLibraries();
  const config = _C.build_info().config;
  const build = /BLAS_INFO=([^,\s]+)/.exec(config)?.[1] ?? "unknown";
  const has = (re: RegExp): boolean => libs.some((l) => re.test(l));
  let kind: BlasKind = "unknown";
  if (has(/openblas-openmp/)) kind = "openblas-openmp";
  else if (has(/openblas-pthread/)) kind = "openblas-pthread";
  else if (has(/openblas/i)) kind = "openblas";
  else if (has(/mkl/i) || build === "mkl") kind = "mkl";
  else if (has(/blis/i)) kind = "blis";
  else if (has(/atlas/i)) kind = "atlas";
  else if (has(/\/blas\/libblas\.so/)) kind = "reference";
  let warning: string | null = null;
  const fix = "On Debian: apt-get install -y libopenblas0-openmp && update-alternatives --set libblas.so.3-x86_64-linux-gnu /usr/lib/x86_64-linux-gnu/openblas-openmp/libblas.so.3";
  if (kind === "reference") warning = `the reference BLAS is loaded: matmul runs ~35x slower than OpenBLAS. ${fix}`;
  if (kind === "openblas-pthread") warning = `the pthread OpenBLAS is loaded: its threads fight libtorch's OpenMP threads (~2.5x slower training). ${fix}`;
  return { kind, libraries: libs, build_blas: build, warning };
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
    return pkg.version;
  } catch {
    return "unknown";
  }
}

export function get_env_info(): EnvInfo {
  const info = _C.build_info();
  const backend = /ATen parallel backend: (.*)/.exec(info.parallel)?.[1]?.trim() ?? "unknown";
  return {
    finetune_ts_version: packageVersion(),
    node_version: process.version,
    platform: `${os.type()}-${os.release()}-${os.arch()}`,
    libtorch_version: info.torch_version,
    addon_path: ADDON_PATH,
    blas: blas_info(),
    num_threads: _C.get_num_threads(),
    num_interop_threads: _C.get_num_interop_threads(),
    omp_num_threads: process.env.OMP_NUM_THREADS ?? null,
    cpu_count: os.availableParallelism(),
    parallel_backend: backend,
    cuda_available: _C.cuda_is_available(),
    cuda_device_count: _C.cuda_device_count(),
    built_with_cuda: info.built_with_cuda,
  };
}

/** The report `finetune-ts env` prints, in transformers-cli env's "- key: value" style. */
export function pretty_str(e: EnvInfo = get_env_info()): string {
  const lines = [
    `- finetune-ts version: ${e.finetune_ts_version}`,
    `- Platform: ${e.platform}`,
    `- Node.js version: ${e.node_version}`,
    `- libtorch version: ${e.libtorch_version}${e.built_with_cuda ? " (CUDA build)" : " (CPU build)"}`,
    `- Native addon: ${e.addon_path}`,
    `- BLAS in use: ${e.blas.kind}${e.blas.libraries.length ? ` (${e.blas.libraries.join(", ")})` : ""}; libtorch built with BLAS_INFO=${e.blas.build_blas}`,
    `- Intra-op threads: ${e.num_threads} (OMP_NUM_THREADS=${e.omp_num_threads ?? "unset"}, ${e.cpu_count} CPUs)`,
    `- Inter-op threads: ${e.num_interop_threads}`,
    `- Parallel backend: ${e.parallel_backend}`,
    `- CUDA available: ${e.cuda_available ? "True" : "False"}`,
    `- CUDA devices: ${e.cuda_device_count}`,
  ];
  if (e.blas.warning) lines.push(`WARNING: ${e.blas.warning}`);
  return lines.join("\n");
}
