// npm run bench:infer — inference throughput through the worker process vs a bare in-process session.run loop
// on the same inputs (real weights: ../shared/models/hifigan_v2_lj.onnx), and the built-in voice's real-time
// factor and per-task overhead. Both paths run in the same process run, interleaved over several rounds (the
// median of each is reported) so machine load affects them alike.
//   node out/bench/infer.bench.js [--ep auto|cpu|cuda] [--threads N] [--tasks N] [--frames N] [--rounds N]
//                                 [--depth N] [--model PATH] [--json FILE] [--worker dist/worker.js] [--spin|--no-spin]
// --spin / --no-spin force onnxruntime's thread spinning on or off (default: the engine's, defaultAllowSpinning).
// The worker path runs twice: one request at a time, and with --depth requests sent ahead (the runner's
// pipelineDepth, default 3), which is how batches run.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createOnnxSession, defaultAllowSpinning, defaultIntraOpThreads, loadOrt } from '../inference/engine/onnxSession';
import type { ExecutionProvider } from '../inference/engine/protocol';
import { deriveSeed } from '../inference/engine/seed';
import { EngineWorker } from '../inference/engine/workerClient';
import { defaults } from '../inference/runner/options';
import { HOP, MEL_BANDS, RATE, deterministicMel } from './voices/hifiganMel';
import { repoRoot } from '../test/support/repo';

const { values: args } = parseArgs({
  options: {
    ep: { type: 'string', default: 'auto' },
    threads: { type: 'string' },
    tasks: { type: 'string', default: '12' },
    frames: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '5' },
    depth: { type: 'string' },
    model: { type: 'string' },
    json: { type: 'string' },
    worker: { type: 'string' },
    spin: { type: 'boolean', default: false },
    'no-spin': { type: 'boolean', default: false },
  },
});


const ep = args.ep as ExecutionProvider;
const threads = args.threads ? Number(args.threads) : defaultIntraOpThreads();
// Both paths use the same spinning setting: the engine's default unless --spin / --no-spin says otherwise.
const spin = args.spin ? true : args['no-spin'] ? false : defaultAllowSpinning(threads);
const tasks = Number(args.tasks);
const frames = Number(args.frames);
const rounds = Number(args.rounds);
const depth = Math.max(1, Number(args.depth ?? defaults.pipelineDepth));
const root = repoRoot();
const modelPath = path.resolve(args.model ?? process.env.TTS_BENCH_HIFIGAN ?? path.join(root, '..', 'shared', 'models', 'hifigan_v2_lj.onnx'));
// The build's dist/ (fixed at build time), else dist/ beside this out/ folder (a build carried to another machine).
const workerPath =
  args.worker ??
  [process.env.TTS_BATCH_DIST, path.join(__dirname, '..', '..', 'dist'), path.join(root, 'dist')]
    .filter((d): d is string => !!d)
    .map((d) => path.join(d, 'worker.js'))
    .find((f) => fs.existsSync(f)) ??
  path.join(root, 'dist', 'worker.js');
const voiceModule = path.join(__dirname, 'voices', 'hifigan-voice.js');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const taskSeed = (i: number) => 1000 + i;

// The bare loop makes each task's input the same way the worker's voice does (deterministicMel, inside the
// timing), so the difference between the two is what the worker path adds: the process boundary, IPC, the WAV
// file and its hash.
/** CPU seconds (user + system) a process has used so far, from /proc (Linux); undefined elsewhere. */
function processCpuSeconds(pid: number): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

interface Round {
  wall: number;
  /** CPU seconds all processes of the path used: robust against other work on the machine. */
  cpu?: number;
}

async function bareRound(session: import('onnxruntime-node').InferenceSession): Promise<Round> {
  const ort = loadOrt();
  const input = session.inputNames[0];
  const cpu0 = processCpuSeconds(process.pid);
  const started = performance.now();
  for (let i = 0; i < tasks; i++) {
    const s = performance.now();
    const mel = deterministicMel(deriveSeed(taskSeed(i), 0), frames);
    await session.run({ [input]: new ort.Tensor('float32', mel, [1, MEL_BANDS, frames]) });
    bareModelMs.push(performance.now() - s);
  }
  const wall = (performance.now() - started) / 1000;
  const cpu1 = processCpuSeconds(process.pid);
  return { wall, cpu: cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : undefined };
}

let workerSynthMs = 0;
/** Per task: the bare loop's mel + session.run, and the same inside the worker's voice (ResultMessage.modelMs). */
let bareModelMs: number[] = [];
let workerModelMs: number[] = [];
/** Per task: the worker's own time outside the voice (join, resample, WAV encode, write, hash). */
let workerRestMs: number[] = [];

/** The worker path: `inFlight` requests kept outstanding (1 = the next is sent when a result comes back). */
async function workerRound(worker: EngineWorker, dir: string, inFlight: number): Promise<Round> {
  const cpu0 = [processCpuSeconds(process.pid), processCpuSeconds(worker.pid)];
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < tasks) {
      const i = next++;
      const r = await worker.synthesize({ text: `task ${i}`, seed: taskSeed(i), sampleRate: RATE, outputPath: path.join(dir, `h${i}.wav`) });
      if (inFlight === 1) workerSynthMs += r.synthMs;
      if (r.modelMs !== undefined) {
        workerModelMs.push(r.modelMs);
        workerRestMs.push(r.synthMs - r.modelMs);
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  const wall = (performance.now() - started) / 1000;
  const cpu1 = [processCpuSeconds(process.pid), processCpuSeconds(worker.pid)];
  const known = [...cpu0, ...cpu1].every((x) => x !== undefined);
  return { wall, cpu: known ? cpu1[0]! - cpu0[0]! + (cpu1[1]! - cpu0[1]!) : undefined };
}

async function hifigan(dir: string) {
  // Both paths get the same session options from the same function, spinning included.
  const bare = await createOnnxSession(modelPath, ep, threads, spin);
  const worker = await EngineWorker.start({
    workerPath,
    voice: { kind: 'module', modulePath: voiceModule, options: { modelPath, frames } },
    ep,
    intraOpThreads: threads,
    allowSpinning: spin,
  });
  try {
    // Warm-up: first runs allocate and tune; not what a batch of thousands sees.
    const ort = loadOrt();
    for (let i = 0; i < 2; i++) {
      await bare.session.run({ [bare.session.inputNames[0]]: new ort.Tensor('float32', deterministicMel(i, frames), [1, MEL_BANDS, frames]) });
      await worker.synthesize({ text: 'warm', seed: i, sampleRate: RATE, outputPath: path.join(dir, 'warm.wav') });
    }
    const bareR: Round[] = [];
    const serialR: Round[] = [];
    const pipedR: Round[] = [];
    workerSynthMs = 0;
    bareModelMs = [];
    workerModelMs = [];
    workerRestMs = [];
    for (let r = 0; r < rounds; r++) {
      bareR.push(await bareRound(bare.session));
      serialR.push(await workerRound(worker, dir, 1));
      pipedR.push(await workerRound(worker, dir, depth));
    }
    const walls = (rs: Round[]) => rs.map((r) => r.wall);
    const sum = (rs: Round[]) => (rs.every((r) => r.cpu !== undefined) ? rs.reduce((a, r) => a + r.cpu!, 0) : undefined);
    const audio = (tasks * frames * HOP) / RATE;
    const path_ = (rs: Round[]) => ({
      seconds: median(walls(rs)),
      rounds: walls(rs),
      throughput: audio / median(walls(rs)),
      bestThroughput: audio / Math.min(...walls(rs)),
      cpuSeconds: sum(rs),
    });
    const serial = path_(serialR);
    return {
      provider: bare.provider,
      workerProvider: worker.ready.provider,
      fallbackReason: bare.fallbackReason,
      audioSecondsPerRound: audio,
      bare: path_(bareR),
      serial,
      pipelined: path_(pipedR),
      /** Per task, one at a time: round-trip wall time minus the worker's own time (dispatch, IPC, result). */
      ipcMsPerTask: (serialR.reduce((a, r) => a + r.wall, 0) * 1000 - workerSynthMs) / (rounds * tasks),
      bareModelMsMedian: median(bareModelMs),
      workerModelMsMedian: workerModelMs.length ? median(workerModelMs) : undefined,
      workerRestMsMedian: workerRestMs.length ? median(workerRestMs) : undefined,
    };
  } finally {
    await worker.shutdown();
    await bare.session.release();
  }
}

type HifiganResult = Awaited<ReturnType<typeof hifigan>>;
type PathFigures = HifiganResult['bare'];

async function builtin(dir: string) {
  const t0 = performance.now();
  const worker = await EngineWorker.start({ workerPath, voice: { kind: 'builtin' }, ep, intraOpThreads: threads });
  const startSeconds = (performance.now() - t0) / 1000;
  const texts = [
    '今天天气很好，我们一起去公园散步吧。',
    'The quick brown fox jumps over the lazy dog.',
    '语音合成的批量任务需要稳定、可重复的输出。',
    'Batch synthesis needs stable and reproducible output, every single time.',
  ];
  try {
    for (let i = 0; i < 2; i++) await worker.synthesize({ text: texts[i], seed: i, sampleRate: 24000, outputPath: path.join(dir, 'w.wav') });
    let synthMs = 0;
    let audio = 0;
    let wall = 0;
    const overheads: number[] = [];
    const n = 24;
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      const r = await worker.synthesize({ text: texts[i % texts.length], seed: i, sampleRate: 24000, outputPath: path.join(dir, `b${i}.wav`) });
      const roundTrip = performance.now() - s;
      wall += roundTrip;
      synthMs += r.synthMs;
      audio += r.audioSeconds;
      overheads.push(roundTrip - r.synthMs);
    }
    const tiny: number[] = [];
    for (let i = 0; i < 10; i++) {
      const s = performance.now();
      await worker.synthesize({ text: 'a', seed: i, sampleRate: 24000, outputPath: path.join(dir, 't.wav') });
      tiny.push(performance.now() - s);
    }
    return {
      provider: worker.ready.provider,
      startSeconds,
      loadMs: worker.ready.loadMs,
      tasks: n,
      audioSeconds: audio,
      rtfInWorker: synthMs / 1000 / audio,
      rtfRoundTrip: wall / 1000 / audio,
      ipcOverheadMs: median(overheads),
      tinyTaskMs: median(tiny),
    };
  } finally {
    await worker.shutdown();
  }
}

function row(label: string, a: string, b: string, target: string): string {
  return `${label.padEnd(34)}${a.padStart(16)}${b.padStart(16)}   ${target}`;
}

function row3(label: string, a: string, b: string, c: string, target: string): string {
  return `${label.padEnd(42)}${a.padStart(18)}${b.padStart(23)}${c.padStart(23)}   ${target}`;
}

async function main(): Promise<void> {
  if (!fs.existsSync(workerPath)) throw new Error(`worker not built: ${workerPath} (run node scripts/build.mjs)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tts-bench-infer-'));
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines: string[] = [];
  const out = (s = '') => {
    lines.push(s);
    process.stdout.write(`${s}\n`);
  };
  try {
    out(`bench:infer — ${os.cpus().length} × ${cpu}, node ${process.version}, ep=${ep}, intra-op threads ${threads}, spinning ${spin ? 'on' : 'off'}${args.spin || args['no-spin'] ? '' : ' (engine default)'}`);
    // Other work on the machine slows both paths alike but makes the figures noisy: say how busy it was.
    out(`load average at start: ${os.loadavg()[0].toFixed(1)} (${os.cpus().length} cores)`);
    let result: HifiganResult | undefined;
    if (fs.existsSync(modelPath)) {
      const h = (result = await hifigan(dir));
      out();
      out(`HiFi-GAN V2 (real weights, ${path.basename(modelPath)}): ${tasks} tasks × ${((frames * HOP) / RATE).toFixed(2)} s audio per round, median of ${rounds} rounds`);
      out(`provider: ${h.provider} (worker: ${h.workerProvider})${h.fallbackReason ? ` — ${h.fallbackReason}` : ''}`);
      out(row3('', 'bare session.run', 'worker, 1 at a time', `worker, ${depth} sent ahead`, 'target (worker path as batches run it)'));
      const tp = (p: PathFigures) => p.throughput.toFixed(2);
      out(row3('throughput (audio s per wall s)', tp(h.bare), tp(h.serial), tp(h.pipelined), ''));
      out(row3('real-time factor (wall / audio)', (1 / h.bare.throughput).toFixed(4), (1 / h.serial.throughput).toFixed(4), (1 / h.pipelined.throughput).toFixed(4), '< 1 (faster than real time)'));
      const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(1)} %`;
      const verdict = (a: number, b: number) => `≥ 95 %  ${a / b >= 0.95 ? 'MET' : 'NOT MET'}`;
      out(row3('worker / bare throughput (median)', '100 %', pct(h.serial.throughput, h.bare.throughput), pct(h.pipelined.throughput, h.bare.throughput), verdict(h.pipelined.throughput, h.bare.throughput)));
      // The best round of each is the least disturbed by other work on the machine.
      out(row3('worker / bare throughput (best round)', '100 %', pct(h.serial.bestThroughput, h.bare.bestThroughput), pct(h.pipelined.bestThroughput, h.bare.bestThroughput), verdict(h.pipelined.bestThroughput, h.bare.bestThroughput)));
      if (h.bare.cpuSeconds && h.serial.cpuSeconds && h.pipelined.cpuSeconds) {
        // Audio per CPU second: what each path costs, whatever else the machine was doing.
        const perCpu = (p: PathFigures) => ((h.audioSecondsPerRound * rounds) / p.cpuSeconds!).toFixed(2);
        out(row3('audio s per CPU s', perCpu(h.bare), perCpu(h.serial), perCpu(h.pipelined), ''));
      }
      // Where a task's time goes: the model (mel + session.run, in each path), the worker's own work around it, IPC.
      out(row3('per task: mel + session.run (median)', `${h.bareModelMsMedian.toFixed(2)} ms`, h.workerModelMsMedian !== undefined ? `${h.workerModelMsMedian.toFixed(2)} ms` : 'n/a', '', 'same model, same inputs'));
      if (h.workerRestMsMedian !== undefined) out(row3('per task: join, WAV, write, hash (median)', '', `${h.workerRestMsMedian.toFixed(2)} ms`, 'on its own thread', ''));
      out(row3('per task: IPC and dispatch', '', `${h.ipcMsPerTask.toFixed(1)} ms`, 'overlapped', `of ${((h.serial.seconds / tasks) * 1000).toFixed(0)} ms per task`));
      const list = (p: PathFigures) => p.rounds.map((x) => x.toFixed(2)).join(' ');
      out(`rounds (s): bare ${list(h.bare)} | 1 at a time ${list(h.serial)} | ${depth} ahead ${list(h.pipelined)}`);
    } else {
      out();
      out(`HiFi-GAN model not found at ${modelPath}: skipped (pass --model PATH or set TTS_BENCH_HIFIGAN)`);
    }
    const b = await builtin(dir);
    out();
    out(`Built-in demo voice (tones, not words): ${b.tasks} tasks, ${b.audioSeconds.toFixed(1)} s audio, provider ${b.provider}`);
    out(row('', 'measured', '', 'target'));
    out(row('worker start + voice load', `${b.startSeconds.toFixed(2)} s`, '', 'once per worker'));
    out(row('real-time factor in the worker', b.rtfInWorker.toFixed(4), '', `< 0.1  ${b.rtfInWorker < 0.1 ? 'MET' : 'NOT MET'}`));
    out(row('real-time factor, parent round trip', b.rtfRoundTrip.toFixed(4), '', `< 0.1  ${b.rtfRoundTrip < 0.1 ? 'MET' : 'NOT MET'}`));
    out(row('per-task IPC overhead (median)', `${b.ipcOverheadMs.toFixed(1)} ms`, '', `< 10 ms  ${b.ipcOverheadMs < 10 ? 'MET' : 'NOT MET'}`));
    out(row('per-task total, 1-letter text', `${b.tinyTaskMs.toFixed(1)} ms`, '', `< 50 ms  ${b.tinyTaskMs < 50 ? 'MET' : 'NOT MET'}`));
    if (args.json) fs.writeFileSync(args.json, JSON.stringify({ ep, threads, spin, tasks, frames, rounds, depth, hifigan: result, builtin: b }, null, 2));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`bench:infer failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
