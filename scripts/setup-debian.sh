#!/usr/bin/env bash
# Installs what finetune-ts needs from Debian 12 and makes the OpenMP OpenBLAS the active BLAS.
# Why the BLAS step: Debian's reference BLAS runs fp32 matmul ~35x slower, and the pthread
# OpenBLAS (pulled in by other packages, winning the alternative by priority) fights libtorch's
# OpenMP threads (~2.5x slower training). `node bin/finetune-ts.mjs env` shows which one is loaded.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
need=()
for p in libtorch-dev libopenblas0-openmp g++ make python3; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi
arch_dir=/usr/lib/x86_64-linux-gnu
for lib in libblas.so.3 liblapack.so.3; do
  target="$arch_dir/openblas-openmp/$lib"
  if [ -e "$target" ]; then
    $SUDO update-alternatives --set "$lib-x86_64-linux-gnu" "$target" >/dev/null
  fi
done
echo "finetune-ts: system packages ready (libtorch $(dpkg-query -W -f='${Version}' libtorch-dev), BLAS: $(readlink -f $arch_dir/libblas.so.3))"
