#!/usr/bin/env bash
# One command for a GPU machine (no network, no Node.js): runs `bench:infer` with --ep cuda and prints the
# provider actually used, then the same benchmark on the CPU of that machine as the baseline, and one
# `tts-batch synth --ep cuda`. Needs .build/gpu from test/gpu/prepare-carry.sh carried along.
#
# Where the CUDA provider library comes from, first found wins:
#   1. .build/gpu/providers/ (already assembled), or route B parts: .build/gpu-part-N/ folders carried in
#      earlier calls on the same warm machine are collected in $TTS_GPU_STAGE (default /tmp/tts-batch-gpu-stage)
#      and assembled once the manifest is complete;
#   2. route A: the machine's Python onnxruntime, if it is onnxruntime-gpu of the same version (its capi/ folder
#      holds libonnxruntime_providers_cuda.so).
# CUDA/cuDNN runtime libraries come from the Python environment's nvidia-* wheels (PyTorch's).
# Results: stdout, and $OUT/bench-cuda.json, $OUT/bench-cpu.json when $OUT is set.
set -uo pipefail
cd "$(dirname "$0")/../.."
G=.build/gpu
STAGE=${TTS_GPU_STAGE:-/tmp/tts-batch-gpu-stage}
OUTDIR=${OUT:-/tmp/tts-batch-gpu-out}
mkdir -p "$OUTDIR" "$STAGE"
say() { printf '== %s\n' "$*"; }
# Route B parts come one per call (each carry holds at most 64 MiB): stage whatever this call brought first.
for d in .build/gpu-part-*; do [ -d "$d" ] && cp -n "$d"/* "$STAGE"/ && echo "staged $(ls "$d") in $STAGE"; done
if [ ! -d "$G/build" ]; then
  if ls .build/gpu-part-* >/dev/null 2>&1; then echo "parts staged; carry .build/gpu (and any remaining part) in the next call"; exit 0; fi
  echo "missing $G: run test/gpu/prepare-carry.sh here first and carry .build/gpu" >&2
  exit 2
fi

unpack() { # file.xz|file.gz → target, with xz/gzip or Python when the tools are missing
  local src=$1 dst=$2
  [ -f "$dst" ] && return 0
  case "$src" in
    *.xz) (xz -dc "$src" 2>/dev/null || python3 -c 'import lzma,sys,shutil; shutil.copyfileobj(lzma.open(sys.argv[1]), sys.stdout.buffer)' "$src") > "$dst.tmp" ;;
    *.gz) (gzip -dc "$src" 2>/dev/null || python3 -c 'import gzip,sys,shutil; shutil.copyfileobj(gzip.open(sys.argv[1]), sys.stdout.buffer)' "$src") > "$dst.tmp" ;;
  esac && mv "$dst.tmp" "$dst"
}

say "machine"
nvidia-smi -L 2>&1 | head -4
NODE=$(command -v node || true)
if [ -z "$NODE" ] || [ "$("$NODE" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -lt 20 ]; then
  mkdir -p "$G/bin" && unpack "$G/node.xz" "$G/bin/node" && chmod +x "$G/bin/node"
  NODE=$G/bin/node
fi
echo "node: $NODE $("$NODE" --version)"
ORT_LIB=$G/build/node_modules/onnxruntime-node/bin/napi-v6/linux/x64
unpack "$ORT_LIB/libonnxruntime.so.1.gz" "$ORT_LIB/libonnxruntime.so.1"
ORT_VERSION=$("$NODE" -p "require('./$G/build/node_modules/onnxruntime-node/package.json').version")
echo "onnxruntime-node: $ORT_VERSION"

PY=$(command -v python3 || true)
SITE=""
if [ -n "$PY" ]; then
  SITE=$("$PY" -c 'import site; print(site.getsitepackages()[0])' 2>/dev/null)
  "$PY" - <<'PYEOF' 2>&1 | sed 's/^/python: /'
try:
    import onnxruntime as o
    print("onnxruntime", o.__version__, "providers", o.get_available_providers())
except Exception as e:
    print("onnxruntime not importable:", e)
try:
    import torch
    print("torch", torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available())
except Exception as e:
    print("torch not importable:", e)
PYEOF
fi

say "CUDA provider library"
PROV=""
if [ -f "$G/providers.manifest" ]; then cp "$G/providers.manifest" "$STAGE/"; fi
if [ -f "$STAGE/providers.manifest" ] && [ ! -f "$STAGE/providers/libonnxruntime_providers_cuda.so" ]; then
  if (cd "$STAGE" && grep part- providers.manifest | sha256sum -c --quiet 2>/dev/null); then
    cat "$STAGE"/providers.tar.xz.part-* > "$STAGE/providers.tar.xz"
    mkdir -p "$STAGE/providers" && (xz -dc "$STAGE/providers.tar.xz" || python3 -c 'import lzma,sys,shutil; shutil.copyfileobj(lzma.open(sys.argv[1]), sys.stdout.buffer)' "$STAGE/providers.tar.xz") | tar -C "$STAGE/providers" -xf - && echo "assembled route B providers"
  else
    echo "route B: parts staged so far: $(cd "$STAGE" && ls providers.tar.xz.part-* 2>/dev/null | tr '\n' ' ')(carry the missing .build/gpu-part-N in another call)"
  fi
fi
if [ -f "$STAGE/providers/libonnxruntime_providers_cuda.so" ]; then PROV=$STAGE/providers; fi
if [ -z "$PROV" ] && [ -n "$PY" ]; then
  CAPI=$("$PY" -c 'import onnxruntime,os; print(os.path.join(os.path.dirname(onnxruntime.__file__),"capi"))' 2>/dev/null || true)
  PYV=$("$PY" -c 'import onnxruntime; print(onnxruntime.__version__)' 2>/dev/null || true)
  if [ -n "$CAPI" ] && [ -f "$CAPI/libonnxruntime_providers_cuda.so" ]; then
    if [ "$PYV" = "$ORT_VERSION" ]; then PROV=$CAPI; echo "route A: $CAPI (Python onnxruntime $PYV)"
    else echo "route A not usable: Python onnxruntime is $PYV, onnxruntime-node is $ORT_VERSION (provider libraries must match)"; fi
  else
    echo "route A not usable: the Python onnxruntime here has no CUDA provider (it is the CPU package)"
  fi
fi
if [ -n "$PROV" ]; then
  ln -sf "$(readlink -f "$PROV/libonnxruntime_providers_shared.so")" "$ORT_LIB/"
  ln -sf "$(readlink -f "$PROV/libonnxruntime_providers_cuda.so")" "$ORT_LIB/"
  echo "provider libraries linked from $PROV ($(du -shL "$PROV/libonnxruntime_providers_cuda.so" | cut -f1))"
else
  echo "NO CUDA provider library available: the benchmark below shows the clear error (cuda) and the fallback (auto)"
fi

# CUDA 13 / cuDNN 9 runtime from the Python environment's nvidia-* wheels, then the driver.
LIBS=""
if [ -n "$SITE" ]; then
  for d in "$SITE"/nvidia/*/lib "$SITE"/nvidia/cu13/lib "$SITE"/torch/lib; do [ -d "$d" ] && LIBS="$LIBS:$d"; done
fi
export LD_LIBRARY_PATH="${LIBS#:}:/usr/local/nvidia/lib64:/usr/local/cuda/lib64:${LD_LIBRARY_PATH:-}"
if [ -n "$PROV" ]; then
  missing=$(ldd "$ORT_LIB/libonnxruntime_providers_cuda.so" 2>/dev/null | grep 'not found' || true)
  [ -n "$missing" ] && echo "libraries the CUDA provider cannot find:" && echo "$missing"
fi

MODEL=$G/models/hifigan_v2_lj.onnx
BENCH=$G/build/out/bench/infer.bench.js
say "bench:infer --ep cuda"
"$NODE" "$BENCH" --ep cuda --model "$MODEL" --tasks 48 --rounds 5 --json "$OUTDIR/bench-cuda.json"
CUDA_RC=$?
if [ $CUDA_RC -ne 0 ]; then
  say "bench:infer --ep auto (after the cuda failure above)"
  "$NODE" "$BENCH" --ep auto --model "$MODEL" --tasks 12 --rounds 1
fi
say "bench:infer --ep cpu (baseline on this machine's CPU, 4 threads, engine default spinning)"
"$NODE" "$BENCH" --ep cpu --threads 4 --model "$MODEL" --tasks 12 --rounds 3 --json "$OUTDIR/bench-cpu.json"
say "bench:infer --ep cpu --no-spin (the same with onnxruntime's thread spinning off, for comparison)"
"$NODE" "$BENCH" --ep cpu --threads 4 --no-spin --model "$MODEL" --tasks 12 --rounds 3 --json "$OUTDIR/bench-cpu-nospin.json"
say "tts-batch synth --ep cuda"
"$NODE" "$G/build/dist/cli.js" synth --text "GPU check. 显卡检查。" --ep cuda --out "$OUTDIR/synth-cuda.wav"
echo "synth exit code $?"
# The runner's checks (provider in the header, one worker on CUDA, the GPU memory ceiling) with the same build.
if [ -f test/runner/gpu-check.sh ]; then
  say "runner GPU checks (test/runner/gpu-check.sh)"
  PATH="$(cd "$(dirname "$NODE")" && pwd):$PATH" TTS_BATCH_DIST="$G/build/dist" bash test/runner/gpu-check.sh
  echo "runner GPU checks exit code $?"
fi
exit $CUDA_RC
