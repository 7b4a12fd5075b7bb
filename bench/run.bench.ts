// npm run bench:run — the batch runner against a bare loop over the same inferences (the engine alone, with as many
// requests outstanding as the runner keeps), in the same run:
//   1. throughput, 1,000 tasks, built-in demo voice          target ≥ 95 % of the bare loop
//   2. throughput, 1,000 tasks, HiFi-GAN (real weights)       target ≥ 95 % of the bare loop
//   3. hung task: its deadline → the next task starting       target < 1 s (worker reloads the HiFi-GAN model)
//   4. supervisor RSS on a 100,000-task file                  target < 200 MB, flat
// The HiFi-GAN workload is ../shared/models/hifigan_v2_lj.onnx behind a voice module written to a temp folder
// (mel frames derived from the text → vocoder → audio); it is never copied into the project.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineWorker } from '../inference/engine/workerClient';
import type { VoiceSpec } from '../inference/engine/protocol';
import { runBatch, type RunEvent } from '../inference/runner';
import { defaults } from '../inference/runner/options';
import { processRssBytes } from '../inference/runner/memory';
import { writeToneWav } from '../test/support/wav';
import { instantVoiceSource } from './voices/instantVoice';
import { eachStdoutLine, spawnRun } from './cliRun';

const dist = process.env.TTS_BATCH_DIST ?? path.join(findRepoRoot(), 'dist');
const workerPath = path.join(dist, 'worker.js');
const hifigan = process.env.HIFIGAN_ONNX ?? path.resolve(findRepoRoot(), '..', 'shared', 'models', 'hifigan_v2_lj.onnx');
const N = Number(process.env.BENCH_TASKS ?? 1000);
const BIG = Number(process.env.BENCH_BIG_TASKS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function findRepoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'inference'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

function writeWav(file: string, seconds = 3, rate = 16000): void {
  writeToneWav(file, { seconds, sampleRate: rate });
}

// Bench-only voice modules (written to the temp folder, not shipped).
const hifiganVoiceSource = `'use strict';
// HiFi-GAN V2 (LJSpeech) as a voice: a smooth log-mel contour derived from the text, vocoded by the real network.
exports.load = async (ctx) => {
  const h = await ctx.createSession(process.env.HIFIGAN_ONNX);
  const ort = ctx.ort();
  return {
    info: { name: 'HiFi-GAN V2 (LJSpeech) bench voice', sampleRate: 22050, modelPath: process.env.HIFIGAN_ONNX },
    provider: h.provider, fallbackReason: h.fallbackReason, intraOpThreads: h.intraOpThreads,
    async synthesize(seg) {
      if (seg.text.includes('HANG')) return new Promise(() => {});
      const frames = Math.max(8, Math.min(400, seg.text.length));
      const mel = new Float32Array(80 * frames);
      for (let m = 0; m < 80; m++)
        for (let f = 0; f < frames; f++)
          mel[m * frames + f] = -6 + 4 * Math.exp(-((m - 20 - 10 * Math.sin(f / 7 + seg.seed)) ** 2) / 60) - m / 40;
      const out = await h.session.run({ mel: new ort.Tensor('float32', mel, [1, 80, frames]) });
      return out.audio.data;
    },
  };
};
`;

interface Workload {
  name: string;
  voice: VoiceSpec;
  env?: NodeJS.ProcessEnv;
}

function taskLine(i: number, prompt: string): string {
  return JSON.stringify({ prompt_audio: prompt, prompt_text: 'A prompt.', input_text: `Sentence ${i}: the quick brown fox jumps.`, output_name: `t${i}` });
}

/**
 * The same inferences through the engine alone: one worker, no validation, journal or log, with as many requests
 * outstanding as the runner keeps (pipelineDepth), so the ratio measures the runner's own cost, not pipelining.
 */
async function bareLoop(w: Workload, dir: string, prompt: string, threads: number): Promise<number> {
  const t0 = performance.now();
  const worker = await EngineWorker.start({ workerPath, voice: w.voice, ep: 'cpu', intraOpThreads: threads, env: { ...process.env, ...w.env } });
  fs.mkdirSync(dir, { recursive: true });
  let next = 1;
  const lane = async () => {
    while (next <= N) {
      const i = next++;
      await worker.synthesize({
        text: `Sentence ${i}: the quick brown fox jumps.`,
        promptAudioPath: prompt,
        promptText: 'A prompt.',
        seed: 42,
        sampleRate: 24000,
        outputPath: path.join(dir, `t${i}.wav`),
      });
    }
  };
  await Promise.all(Array.from({ length: defaults.pipelineDepth }, lane));
  await worker.shutdown();
  return (performance.now() - t0) / 1000;
}

async function runner(w: Workload, cwd: string, out: string, threads: number, workers?: number): Promise<{ seconds: number; ok: number; events: RunEvent[] }> {
  const t0 = performance.now();
  const events: RunEvent[] = [];
  const s = await runBatch(
    { taskFile: 'tasks.jsonl', cwd, outputDir: out, voice: w.voice, ep: 'cpu', workers: workers ?? 1, intraOpThreads: threads, workerPath, workerEnv: w.env },
    (e) => {
      if (e.type !== 'progress' && e.type !== 'task-skipped') events.push(e);
    },
  );
  return { seconds: (performance.now() - t0) / 1000, ok: s.ran, events };
}

const rows: string[][] = [];
function row(metric: string, measured: string, baseline: string, target: string, pass: boolean | undefined) {
  rows.push([metric, measured, baseline, target, pass === undefined ? '' : pass ? 'PASS' : 'FAIL']);
  process.stderr.write(`  ${metric}: ${measured} (baseline ${baseline}, target ${target})\n`);
}

async function throughput(tmp: string, w: Workload) {
  const dir = path.join(tmp, w.name);
  fs.mkdirSync(dir, { recursive: true });
  writeWav(path.join(dir, 'prompt.wav'));
  fs.writeFileSync(path.join(dir, 'tasks.jsonl'), Array.from({ length: N }, (_, i) => taskLine(i + 1, 'prompt.wav')).join('\n') + '\n');
  const threads = Math.max(1, os.availableParallelism() - 1);
  // Alternate and keep the best of each: on a shared machine the neighbours, not the runner, decide a single run.
  const bare: number[] = [];
  const run: number[] = [];
  let supervisorCpu = Infinity;
  for (let k = 0; k < ROUNDS; k++) {
    bare.push(await bareLoop(w, path.join(dir, `bare${k}`), path.join(dir, 'prompt.wav'), threads));
    const cpu0 = process.cpuUsage();
    const r = await runner(w, dir, `out${k}`, threads);
    const cpu = process.cpuUsage(cpu0);
    supervisorCpu = Math.min(supervisorCpu, (cpu.user + cpu.system) / 1000 / N);
    if (r.ok !== N) throw new Error(`${w.name}: runner finished ${r.ok}/${N}`);
    run.push(r.seconds);
    fs.rmSync(path.join(dir, `bare${k}`), { recursive: true, force: true });
    fs.rmSync(path.join(dir, `out${k}`), { recursive: true, force: true });
  }
  const b = Math.min(...bare);
  const r = Math.min(...run);
  const ratio = b / r;
  const all = (xs: number[]) => xs.map((x) => x.toFixed(1)).join('/');
  row(`${w.name}: ${N} tasks, 1 worker (best of ${ROUNDS}: runner ${all(run)} s, bare ${all(bare)} s)`, `${r.toFixed(2)} s (${(N / r).toFixed(1)} tasks/s)`, `${b.toFixed(2)} s (${(N / b).toFixed(1)} tasks/s)`, '', undefined);
  row(`${w.name}: runner throughput vs bare loop`, `${(ratio * 100).toFixed(1)} %`, '100 %', '≥ 95 %', ratio >= 0.95);
  row(`${w.name}: supervisor CPU per task (validation, dispatch, journal, log)`, `${supervisorCpu.toFixed(2)} ms`, `${((b / N) * 1000).toFixed(1)} ms per task in the bare loop`, '', undefined);
}

async function hungTasks(tmp: string, w: Workload) {
  const dir = path.join(tmp, 'hang');
  fs.mkdirSync(dir, { recursive: true });
  writeWav(path.join(dir, 'prompt.wav'));
  const lines: string[] = [];
  // Hangs as a real batch has them: now and then, not back to back (a standby needs one model load to refill).
  for (let i = 1; i <= 40; i++) {
    const hang = i % 8 === 5;
    lines.push(JSON.stringify({ prompt_audio: 'prompt.wav', input_text: hang ? `This one HANG ${i}.` : `Fine task ${i}.`, output_name: `h${i}` }));
  }
  fs.writeFileSync(path.join(dir, 'tasks.jsonl'), lines.join('\n') + '\n');
  const events: RunEvent[] = [];
  const timeout = 2;
  await runBatch({ taskFile: 'tasks.jsonl', cwd: dir, outputDir: 'out', voice: w.voice, ep: 'cpu', workers: 1, workerPath, workerEnv: w.env, timeoutSeconds: timeout }, (e) => {
    events.push(e);
  });
  const gaps: number[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.type !== 'task-failed' || e.kind !== 'timeout') continue;
    const started = events.slice(0, i).reverse().find((x) => x.type === 'task-started' && x.line === e.line)!;
    const deadline = Date.parse(started.time) + timeout * 1000;
    const next = events.slice(i).find((x) => x.type === 'task-started');
    if (next) gaps.push((Date.parse(next.time) - deadline) / 1000);
  }
  const worst = Math.max(...gaps);
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  row(
    `hung task deadline → next task start (${gaps.length} hangs, 1 in 8 tasks, HiFi-GAN voice, standby worker)`,
    `max ${worst.toFixed(3)} s, mean ${mean.toFixed(3)} s`,
    `a fresh worker's load: ${(await loadTime(w)).toFixed(3)} s`,
    '< 1 s',
    worst < 1,
  );
}

async function loadTime(w: Workload): Promise<number> {
  const t0 = performance.now();
  const worker = await EngineWorker.start({ workerPath, voice: w.voice, ep: 'cpu', env: { ...process.env, ...w.env } });
  const s = (performance.now() - t0) / 1000;
  await worker.shutdown();
  return s;
}

async function bigFile(tmp: string, voicePath: string) {
  const dir = path.join(tmp, 'big');
  fs.mkdirSync(dir, { recursive: true });
  writeWav(path.join(dir, 'prompt.wav'));
  const fd = fs.openSync(path.join(dir, 'tasks.jsonl'), 'w');
  let chunk = '';
  for (let i = 1; i <= BIG; i++) {
    chunk += taskLine(i, 'prompt.wav') + '\n';
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  const size = fs.statSync(path.join(dir, 'tasks.jsonl')).size;
  const cli = path.join(dist, 'cli.js');
  const measure = (runSeconds: number) =>
    new Promise<{ peak: number; early: number; late: number; done: number; planned: number }>((resolve, reject) => {
      const child = spawnRun(cli, dir, voicePath);
      const t0 = performance.now();
      let peak = 0;
      let early = 0;
      let late = 0;
      let done = 0;
      let planned = 0;
      eachStdoutLine(child, (p) => {
        if (p.includes('"task-succeeded"')) done++;
        else if (p.includes('"batch-started"')) {
          planned = (performance.now() - t0) / 1000;
          // Run for runSeconds after planning, then stop the batch like Ctrl+C would.
          stopper = setTimeout(() => child.kill('SIGTERM'), runSeconds * 1000);
        }
      });
      const sampler = setInterval(() => {
        const rss = processRssBytes(child.pid!);
        if (rss === undefined) return;
        peak = Math.max(peak, rss);
        const t = (performance.now() - t0) / 1000;
        if (planned && t < planned + 3) early = Math.max(early, rss);
        if (planned && t > planned + runSeconds - 3 && t < planned + runSeconds) late = Math.max(late, rss);
      }, 50);
      let stopper: NodeJS.Timeout | undefined;
      child.on('error', reject);
      child.on('close', () => {
        clearInterval(sampler);
        clearTimeout(stopper);
        resolve({ peak, early, late, done, planned });
      });
    });
  const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
  const first = await measure(15);
  row(
    `supervisor RSS, ${BIG.toLocaleString('en')}-task file (${(size / 1048576).toFixed(1)} MB): plan ${first.planned.toFixed(1)} s, ${first.done} tasks in 15 s, SIGTERM (rest journaled cancelled)`,
    `peak ${mb(first.peak)}`,
    `running: first 3 s ${mb(first.early)}, last 3 s ${mb(first.late)}`,
    '< 200 MB',
    first.peak < 200 * 1048576,
  );
  const second = await measure(8);
  row(
    `supervisor RSS, same file resumed (journal of ${BIG.toLocaleString('en')} records): plan ${second.planned.toFixed(1)} s, ${second.done} tasks in 8 s`,
    `peak ${mb(second.peak)}`,
    `running: first 3 s ${mb(second.early)}, last 3 s ${mb(second.late)}`,
    '< 200 MB',
    second.peak < 200 * 1048576,
  );
}

async function main() {
  if (!fs.existsSync(workerPath)) throw new Error(`${workerPath} is missing: build first`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tts-bench-run-'));
  const hifiVoice = path.join(tmp, 'hifigan-voice.js');
  const instantVoice = path.join(tmp, 'instant-voice.js');
  fs.writeFileSync(hifiVoice, hifiganVoiceSource);
  fs.writeFileSync(instantVoice, instantVoiceSource);
  const builtin: Workload = { name: 'built-in voice', voice: { kind: 'builtin' } };
  const hifi: Workload = { name: 'HiFi-GAN', voice: { kind: 'module', modulePath: hifiVoice }, env: { HIFIGAN_ONNX: hifigan } };
  const t0 = performance.now();
  try {
    process.stderr.write(`bench:run on ${os.cpus()[0]?.model ?? 'CPU'} × ${os.availableParallelism()}, Node ${process.version}\n`);
    await throughput(tmp, builtin);
    if (fs.existsSync(hifigan)) await throughput(tmp, hifi);
    else row('HiFi-GAN throughput', 'skipped', '', `model missing at ${hifigan}`, undefined);
    if (fs.existsSync(hifigan)) await hungTasks(tmp, hifi);
    await bigFile(tmp, instantVoice);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const header = ['measure', 'runner', 'baseline (same run)', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join(' | ');
  process.stdout.write(`\n${fmt(header)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n${rows.map(fmt).join('\n')}\n`);
  process.stdout.write(`\nbench:run took ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  if (rows.some((r) => r[4] === 'FAIL')) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`bench:run failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
