#!/usr/bin/env node
// Finds the libtorch the addon builds against, in the order the README documents:
//   1. LIBTORCH=/path/to/libtorch        (a folder with include/ and lib/, as PyTorch's zip ships)
//   2. LIBTORCH_USE_PYTORCH=1            (ask `python3 -c "import torch"` where its libtorch is, as tch-rs does)
//   3. the system                        (Debian 12: apt-get install -y libtorch-dev libopenblas0-openmp)
// Prints one field for binding.gyp (`--include`, `--libdir`, `--libs`, `--defines`, `--cflags`) or,
// with `--json`, everything. Exits non-zero with a message naming the three ways when none is found.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const HOW_TO = `finetune-ts could not find libtorch. Give it one of:
  1. LIBTORCH=/path/to/libtorch   a libtorch folder (include/ and lib/), e.g. unzipped from pytorch.org
  2. LIBTORCH_USE_PYTORCH=1       use the libtorch inside the PyTorch that \`python3 -c "import torch"\` finds
                                  (set PYTHON=/path/to/python to pick the interpreter)
  3. the system package           Debian 12: apt-get install -y libtorch-dev libopenblas0-openmp
then run \`npm rebuild finetune-ts\` (or \`npm ci\` in a checkout).`;

function fail(why) {
  process.stderr.write(`${why ? why + "\n\n" : ""}${HOW_TO}\n`);
  process.exit(1);
}

function fromFolder(root, source) {
  const include = [path.join(root, "include"), path.join(root, "include/torch/csrc/api/include")];
  const libdir = path.join(root, "lib");
  if (!existsSync(path.join(include[0], "ATen/ATen.h"))) fail(`${source}: ${root}/include/ATen/ATen.h not found.`);
  if (!existsSync(path.join(libdir, "libtorch_cpu.so")) && !existsSync(path.join(libdir, "libtorch.so")))
    fail(`${source}: no libtorch_cpu.so in ${libdir}.`);
  return { source, root, include, libdir, cxx11abi: null };
}

function fromPyTorch() {
  const python = process.env.PYTHON || "python3";
  let out;
  try {
    out = execFileSync(
      python,
      ["-c", "import torch, os; print(os.path.dirname(torch.__file__)); print(int(torch._C._GLIBCXX_USE_CXX11_ABI)); print(torch.__version__)"],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
  } catch (e) {
    fail(`LIBTORCH_USE_PYTORCH=1 but \`${python} -c "import torch"\` failed: ${String(e.stderr || e.message).trim()}`);
  }
  const [dir, abi] = out.trim().split("\n");
  const found = fromFolder(dir, `LIBTORCH_USE_PYTORCH (${python})`);
  found.cxx11abi = Number(abi);
  return found;
}

function fromSystem() {
  const multiarch = "/usr/lib/x86_64-linux-gnu";
  for (const libdir of [multiarch, "/usr/lib64", "/usr/lib", "/usr/local/lib"]) {
    if (existsSync(path.join(libdir, "libtorch_cpu.so")) && existsSync("/usr/include/ATen/ATen.h")) {
      return { source: "system", root: "/usr", include: ["/usr/include", "/usr/include/torch/csrc/api/include"], libdir, cxx11abi: null };
    }
  }
  return null;
}

function locate() {
  if (process.env.LIBTORCH) return fromFolder(path.resolve(process.env.LIBTORCH), "LIBTORCH");
  if (process.env.LIBTORCH_USE_PYTORCH === "1" || process.env.LIBTORCH_USE_PYTORCH === "true") return fromPyTorch();
  return fromSystem() ?? fail("No LIBTORCH, no LIBTORCH_USE_PYTORCH, and no system libtorch (libtorch-dev).");
}

const lt = locate();
const libs = ["c10", "torch_cpu", "torch"].filter((l) => existsSync(path.join(lt.libdir, `lib${l}.so`)));
const hasCuda = existsSync(path.join(lt.libdir, "libtorch_cuda.so"));
if (hasCuda) libs.push("torch_cuda", "c10_cuda");
const defines = [];
if (hasCuda) defines.push("FTS_WITH_CUDA=1");
if (lt.cxx11abi !== null) defines.push(`_GLIBCXX_USE_CXX11_ABI=${lt.cxx11abi}`);

let version = "unknown";
// PyTorch 2.x moved the numbers to torch/headeronly/version.h; 1.13 has them in csrc/api.
const candidates = lt.include.flatMap((d) => [
  path.join(d, "torch/csrc/api/include/torch/version.h"),
  path.join(d, "torch/version.h"),
  path.join(d, "torch/headeronly/version.h"),
]);
for (const vh of candidates.filter((p) => existsSync(p))) {
  const text = readFileSync(vh, "utf8");
  const part = (k) => new RegExp(`TORCH_VERSION_${k}\\s+(\\d+)`).exec(text)?.[1];
  if (part("MAJOR")) {
    version = `${part("MAJOR")}.${part("MINOR")}.${part("PATCH")}`;
    break;
  }
}

const result = { ...lt, libs, hasCuda, defines, version };
const arg = process.argv[2];
if (arg === "--json") process.stdout.write(JSON.stringify(result, null, 2) + "\n");
else if (arg === "--include") process.stdout.write(lt.include.join(" "));
else if (arg === "--libdir") process.stdout.write(lt.libdir);
// Linking torch with --no-as-needed keeps libtorch_cuda loaded even though no symbol of it is
// referenced directly; without it CUDA kernels never register (the known libtorch CUDA trap).
else if (arg === "--libs") process.stdout.write(`-L${lt.libdir} -Wl,--no-as-needed ${libs.map((l) => `-l${l}`).join(" ")} -Wl,--as-needed -Wl,-rpath,${lt.libdir}`);
else if (arg === "--defines") process.stdout.write(defines.join(" "));
else if (arg === "--version") process.stdout.write(version);
else {
  process.stderr.write("usage: find-libtorch.mjs --json|--include|--libdir|--libs|--defines|--version\n");
  process.exit(2);
}
