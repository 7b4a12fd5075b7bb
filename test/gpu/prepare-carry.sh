#!/usr/bin/env bash
# Prepares what the CUDA benchmark needs on a GPU machine that has no network and no Node.js (run it HERE, on a
# machine with the repository built and, for route B, npm registry access). Output: .build/gpu/ (≤ 60 MiB),
# the folder to carry; route B adds .build/gpu-part-1 … -N (≤ 60 MiB each), one per staged call.
#
#   bash test/gpu/prepare-carry.sh            # route A: onnxruntime-node 1.30 + CUDA provider from the GPU
#                                             #   machine's own Python onnxruntime-gpu 1.30 (if it has one)
#   bash test/gpu/prepare-carry.sh --route-b  # route B: onnxruntime-node 1.29 + the CUDA 13 provider from the npm
#                                             #   package com.github.asus4.onnxruntime.linux-x64-gpu@0.4.9
#
# Then on the GPU machine: bash test/gpu/cuda-bench.sh (see README.md, "GPU").
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUTE=a
[ "${1:-}" = "--route-b" ] && ROUTE=b
G=.build/gpu
CACHE=.build/gpu-cache
LIMIT=$((60 * 1024 * 1024))
HIFIGAN=${TTS_BENCH_HIFIGAN:-../shared/models/hifigan_v2_lj.onnx}
rm -rf "$G" .build/gpu-part-*
mkdir -p "$G" "$CACHE"

echo "== building into $G/build"
TTS_BUILD_DIR="$G/build" node scripts/build.mjs
# Only the runtime pieces travel: the worker, the CLI, the benchmark and its voice (no maps, no tests).
find "$G/build" -name '*.map' -delete
rm -rf "$G/build/out/test" "$G/build/out/scripts"

echo "== Node.js $(node --version) (the GPU machine has none)"
NODE_XZ="$CACHE/node-$(node --version).xz"
[ -f "$NODE_XZ" ] || xz -T0 -6 -c "$(readlink -f "$(command -v node)")" > "$NODE_XZ"
cp "$NODE_XZ" "$G/node.xz"

ORT_DIR="$G/build/node_modules/onnxruntime-node"
mkdir -p "$ORT_DIR/bin/napi-v6/linux/x64" "$G/build/node_modules"
if [ "$ROUTE" = a ]; then
  SRC=node_modules/onnxruntime-node
else
  # Route B: the provider is built for ORT 1.29.0, so the core must be 1.29.0 too.
  SRC="$CACHE/ort129/package"
  if [ ! -d "$SRC" ]; then
    mkdir -p "$CACHE/ort129"
    (cd "$CACHE/ort129" && npm pack onnxruntime-node@1.29.0 >/dev/null && tar xzf onnxruntime-node-1.29.0.tgz && rm onnxruntime-node-1.29.0.tgz)
    (cd "$CACHE/ort129" && npm pack onnxruntime-common@1.29.0 >/dev/null && mkdir -p common && tar xzf onnxruntime-common-1.29.0.tgz -C common && rm onnxruntime-common-1.29.0.tgz)
  fi
fi
cp -r "$SRC/package.json" "$SRC/dist" "$ORT_DIR/"
cp "$SRC/bin/napi-v6/linux/x64/onnxruntime_binding.node" "$ORT_DIR/bin/napi-v6/linux/x64/"
gzip -6 -c "$SRC/bin/napi-v6/linux/x64/libonnxruntime.so.1" > "$ORT_DIR/bin/napi-v6/linux/x64/libonnxruntime.so.1.gz"
if [ "$ROUTE" = a ]; then cp -r node_modules/onnxruntime-common "$G/build/node_modules/"; else cp -r "$CACHE/ort129/common/package" "$G/build/node_modules/onnxruntime-common"; fi

echo "== benchmark model"
mkdir -p "$G/models"
cp "$HIFIGAN" "$G/models/hifigan_v2_lj.onnx"

if [ "$ROUTE" = b ]; then
  echo "== CUDA provider (route B): com.github.asus4.onnxruntime.linux-x64-gpu@0.4.9"
  P="$CACHE/asus4"
  if [ ! -f "$P/providers.tar.xz" ]; then
    mkdir -p "$P"
    (cd "$P" && npm pack com.github.asus4.onnxruntime.linux-x64-gpu@0.4.9 >/dev/null && tar xzf com.github.asus4.onnxruntime.linux-x64-gpu-0.4.9.tgz)
    tar -C "$P/package/Plugins/Linux/x64" -cf - libonnxruntime_providers_shared.so libonnxruntime_providers_cuda.so | xz -T0 -9 > "$P/providers.tar.xz"
  fi
  # Split into parts that each fit one carry, with a manifest the GPU side checks before assembling.
  mkdir -p "$CACHE/parts" && rm -f "$CACHE/parts/"*
  split -b $((55 * 1024 * 1024)) -d "$P/providers.tar.xz" "$CACHE/parts/providers.tar.xz.part-"
  (cd "$CACHE/parts" && sha256sum providers.tar.xz.part-* > "$OLDPWD/$G/providers.manifest")
  (cd "$P" && sha256sum providers.tar.xz | sed 's/providers.tar.xz/whole/' >> "$OLDPWD/$G/providers.manifest")
  i=1
  for part in "$CACHE/parts/"*; do
    mkdir -p ".build/gpu-part-$i" && cp "$part" ".build/gpu-part-$i/"
    i=$((i + 1))
  done
fi

SIZE=$(du -sb "$G" | cut -f1)
echo "== $G: $((SIZE / 1024 / 1024)) MiB"
for d in .build/gpu-part-*; do [ -d "$d" ] && echo "== $d: $(($(du -sb "$d" | cut -f1) / 1024 / 1024)) MiB"; done
if [ "$SIZE" -gt "$LIMIT" ]; then echo "too large to carry (limit 60 MiB)" >&2; exit 1; fi
echo "carry .build/gpu and run: bash test/gpu/cuda-bench.sh"
