// `tts-batch run TASKFILE`: runs a batch through the runner. On a terminal a live progress line sits under the
// log; otherwise plain log lines. `--format json` prints one RunEvent per line on stdout instead (what the
// VS Code client reads; documented in README.md). Exit: 0 all tasks succeeded, 1 some failed or were
// cancelled, 2 usage or set-up error.
import { parseArgs } from 'node:util';
import { BatchCancelled, runBatch, SetupError, type RunEvent, type RunOptions } from '../../inference/runner';
import { voiceSpecFromArg } from '../../inference/runner/voiceArg';
import { builtinProfiles } from '../../server/core';
import { ProgressLine } from '../../inference/runner/progressLine';
import type { ExecutionProvider } from '../../inference/engine/protocol';

const help = `Usage: tts-batch run TASKFILE [options]

Runs every task of a JSONL task file, one WAV per task. Rerunning the same batch skips the tasks already done.

Options:
  --out DIR               output folder (default: <task folder>/<batch name>.output)
  --workers N             engine worker processes (default: 1 on a GPU, about half the cores on a CPU)
  --timeout S             seconds a task may take (default: 60 + 1 per word / CJK character)
  --heartbeat-timeout S   a busy worker silent this long is hung (default 10)
  --max-worker-memory MB  worker memory ceiling (default: 80% of RAM shared between the workers)
  --max-gpu-memory MB     per-worker GPU memory ceiling, via nvidia-smi (default: 95% of the GPU)
  --standby on|off        keep a loaded spare worker so a killed one is replaced at once
                          (default: on for the CPU, off on a GPU)
  --seed N                random seed (default 42)
  --sample-rate HZ        output sample rate (default 24000)
  --voice PATH            builtin (default) | voice.onnx (Piper) | voice.js (voice module)
  --speaker S             speaker id or name for multi-speaker voices
  --ep auto|cpu|cuda      execution provider (default auto)
  --profile P             task file dialect: tts-batch | glm-tts | indextts2 (default: detected)
  --audio-root DIR        base of relative audio paths (default: the current folder)
  --retry-failed          run only the tasks the journal marks failed
  --only-lines LIST       run only these lines, e.g. 3,17 or 5-9 (always rerun)
  --write-failed FILE     after the run, write the failed tasks' original lines to FILE
  --force                 rerun every task, even those already done
  --auto-split            run texts over the length limit anyway, split at sentence ends and joined
                          (default: they fail as invalid, as the editor marks them)
  --format text|json      text (default) or one JSON event per line on stdout
  -h, --help              this help

Exit codes: 0 all tasks succeeded, 1 some failed or were cancelled, 2 usage or set-up error.
`;

function usageError(message: string): number {
  process.stderr.write(`tts-batch run: ${message}\n\nRun "tts-batch run --help" for the options.\n`);
  return 2;
}

/** `3,17,5-9` → [3,17,5,6,7,8,9]; undefined when malformed. */
export function parseLineList(s: string): number[] | undefined {
  const out: number[] = [];
  for (const part of s.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return undefined;
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    if (a < 1 || b < a || b - a > 10_000_000) return undefined;
    for (let i = a; i <= b; i++) out.push(i);
  }
  return out.length ? out : undefined;
}

function positive(name: string, v: string | undefined, integer: boolean): number | undefined | Error {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) return new Error(`--${name} needs a positive ${integer ? 'whole ' : ''}number, not "${v}"`);
  return n;
}

export async function runBatchCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        workers: { type: 'string' },
        timeout: { type: 'string' },
        'heartbeat-timeout': { type: 'string' },
        'max-worker-memory': { type: 'string' },
        'max-gpu-memory': { type: 'string' },
        standby: { type: 'string' },
        seed: { type: 'string' },
        'sample-rate': { type: 'string' },
        voice: { type: 'string' },
        speaker: { type: 'string' },
        ep: { type: 'string' },
        profile: { type: 'string' },
        'audio-root': { type: 'string' },
        'retry-failed': { type: 'boolean' },
        'only-lines': { type: 'string' },
        'write-failed': { type: 'string' },
        force: { type: 'boolean' },
        'auto-split': { type: 'boolean' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return usageError((err as Error).message);
  }
  const { values: v, positionals } = parsed;
  if (v.help) {
    process.stdout.write(help);
    return 0;
  }
  if (positionals.length !== 1) return usageError(positionals.length ? `one task file at a time (got ${positionals.length})` : 'which task file? (tts-batch run TASKFILE)');
  const format = v.format ?? 'text';
  if (format !== 'text' && format !== 'json') return usageError(`--format must be text or json, not "${format}"`);
  const ep = (v.ep ?? 'auto') as ExecutionProvider;
  if (!['auto', 'cpu', 'cuda'].includes(ep)) return usageError(`--ep must be auto, cpu or cuda, not "${v.ep}"`);
  const numbers = {
    workers: positive('workers', v.workers, true),
    timeout: positive('timeout', v.timeout, false),
    heartbeat: positive('heartbeat-timeout', v['heartbeat-timeout'], false),
    memory: positive('max-worker-memory', v['max-worker-memory'], false),
    gpu: positive('max-gpu-memory', v['max-gpu-memory'], false),
    sampleRate: positive('sample-rate', v['sample-rate'], true),
  };
  for (const n of Object.values(numbers)) if (n instanceof Error) return usageError(n.message);
  let seed: number | undefined;
  if (v.seed !== undefined) {
    seed = Number(v.seed);
    if (!Number.isInteger(seed) || seed < 0) return usageError(`--seed needs a whole number ≥ 0, not "${v.seed}"`);
  }
  const sr = numbers.sampleRate as number | undefined;
  if (sr !== undefined && (sr < 8000 || sr > 192000)) return usageError(`--sample-rate ${sr} is out of range (8000–192000)`);
  let onlyLines: number[] | undefined;
  if (v['only-lines'] !== undefined) {
    onlyLines = parseLineList(v['only-lines']);
    if (!onlyLines) return usageError(`--only-lines needs line numbers such as 3,17 or 5-9, not "${v['only-lines']}"`);
  }
  if (v['retry-failed'] && onlyLines) return usageError('--retry-failed and --only-lines cannot be combined');
  const profiles = builtinProfiles().map((p) => p.id);
  if (v.profile !== undefined && !profiles.includes(v.profile)) return usageError(`unknown --profile "${v.profile}" (known: ${profiles.join(', ')})`);
  if (v.standby !== undefined && v.standby !== 'on' && v.standby !== 'off') return usageError(`--standby must be on or off, not "${v.standby}"`);
  const speaker = v.speaker === undefined ? undefined : /^\d+$/.test(v.speaker) ? Number(v.speaker) : v.speaker;
  const voice = voiceSpecFromArg(v.voice, process.cwd(), speaker);
  if ('error' in voice) return usageError(voice.error);

  const json = format === 'json';
  const progress = !json && process.stdout.isTTY ? new ProgressLine(process.stdout) : undefined;
  const print = (line: string) => (progress ? progress.println(line) : process.stdout.write(line + '\n'));
  const options: RunOptions = {
    taskFile: positionals[0],
    outputDir: v.out,
    audioRoot: v['audio-root'],
    profile: v.profile,
    voice,
    speaker,
    ep,
    workers: numbers.workers as number | undefined,
    timeoutSeconds: numbers.timeout as number | undefined,
    heartbeatTimeoutSeconds: numbers.heartbeat as number | undefined,
    maxWorkerMemoryMB: numbers.memory as number | undefined,
    maxGpuMemoryMB: numbers.gpu as number | undefined,
    standby: v.standby === undefined ? undefined : v.standby === 'on',
    seed,
    sampleRate: sr,
    force: !!v.force,
    autoSplit: !!v['auto-split'],
    retryFailed: !!v['retry-failed'],
    onlyLines,
    writeFailed: v['write-failed'],
    onLogLine: json ? undefined : print,
  };
  const onEvent = (e: RunEvent) => {
    if (json) process.stdout.write(JSON.stringify(e) + '\n');
    else if (e.type === 'progress') progress?.update(e);
  };

  // Ctrl+C / SIGTERM stop cleanly (unfinished tasks journaled `cancelled`); a second Ctrl+C leaves at once.
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    interrupts++;
    if (interrupts > 1) {
      process.stderr.write('\ntts-batch: stopping now\n');
      process.exit(130);
    }
    if (!json) print(`${sig === 'SIGINT' ? 'Ctrl+C' : sig}: stopping - unfinished tasks are marked cancelled (press Ctrl+C again to quit at once)`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const summary = await runBatch(options, onEvent, controller.signal);
    progress?.clear();
    return summary.failed === 0 && summary.cancelled === 0 ? 0 : 1;
  } catch (err) {
    progress?.clear();
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof BatchCancelled) {
      if (json) process.stdout.write(JSON.stringify({ type: 'log', time: new Date().toISOString(), level: 'warning', message }) + '\n');
      process.stderr.write(`tts-batch run: ${message}\n`);
      return 1;
    }
    if (json) process.stdout.write(JSON.stringify({ type: 'log', time: new Date().toISOString(), level: 'error', message }) + '\n');
    process.stderr.write(`tts-batch run: ${message}\n`);
    if (!(err instanceof SetupError) && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return 2;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export { runBatchCommand as runBatch };
