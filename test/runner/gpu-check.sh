#!/usr/bin/env bash
# The runner's GPU checks, for a machine with an NVIDIA GPU (not part of the CPU test suite). From the repository
# root, after `node scripts/build.mjs`:
#     bash test/runner/gpu-check.sh            (TTS_BATCH_DIST=... to use another build)
# 1. nvidia-smi answers; the sample batch runs with --ep auto; the header names the provider (and why it fell back).
# 2. On CUDA the default is one worker and no standby (a second model copy would cost GPU memory).
# 3. On CUDA, a GPU memory ceiling below what a worker holds fails the running task as out-of-memory
#    ("Out of GPU memory: ...") and the batch goes on. Skipped with a note when the voice fell back to the CPU.
# Prints PASS/FAIL/SKIP per check; exit 1 if any check failed.
set -u
cd "$(dirname "$0")/../.."
DIST=${TTS_BATCH_DIST:-dist}
CLI="$DIST/cli.js"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
say() { printf '%-5s %s\n' "$1" "$2"; if [ "$1" = FAIL ]; then fail=1; fi; return 0; }

if ! nvidia-smi --query-gpu=name,memory.total --format=csv,noheader; then say FAIL "nvidia-smi does not answer"; exit 1; fi

node "$CLI" run examples/tasks.jsonl --out "$tmp/out1" --ep auto --format json > "$tmp/e1.jsonl"; rc=$?
read -r provider workers reason < <(node -e '
  const h = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean).map(JSON.parse).find(e => e.type === "batch-started").header;
  console.log(h.provider, h.workers, JSON.stringify(h.fallbackReason ?? ""));' "$tmp/e1.jsonl")
[ $rc = 0 ] && say PASS "sample batch with --ep auto: exit 0, provider $provider, workers $workers ${reason}" || say FAIL "sample batch exit $rc"

if [ "$provider" != cuda ]; then
  say SKIP "the voice runs on $provider, not CUDA ($reason): GPU ceiling and one-worker default not checked"
  exit $fail
fi
[ "$workers" = 1 ] && say PASS "one worker by default on CUDA" || say FAIL "workers $workers on CUDA (expected 1)"

# A long text keeps the worker busy past the 2 s nvidia-smi poll; a 1 MB ceiling is below any CUDA context.
long=$(node -e 'console.log(Array.from({length: 400}, (_, i) => "This is sentence " + i + " of a long text.").join(" "))')
printf '{"prompt_audio":"examples/prompt/speaker_a.wav","input_text":"%s","output_name":"long"}\n{"prompt_audio":"examples/prompt/speaker_b.wav","input_text":"Short one.","output_name":"short"}\n' "$long" > "$tmp/tasks.jsonl"
node "$CLI" run "$tmp/tasks.jsonl" --out "$tmp/out2" --ep cuda --max-gpu-memory 1 --auto-split --format json > "$tmp/e2.jsonl"; rc=$?
if grep -q '"kind":"out-of-memory"' "$tmp/e2.jsonl" && grep -q 'Out of GPU memory' "$tmp/out2/tasks.log"; then
  say PASS "GPU memory ceiling: $(grep -o 'Out of GPU memory[^(]*' "$tmp/out2/tasks.log" | head -1)"
else
  say FAIL "GPU memory ceiling did not trigger (exit $rc); log:"; tail -5 "$tmp/out2/tasks.log"
fi
exit $fail
