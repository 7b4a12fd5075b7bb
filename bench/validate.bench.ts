// npm run bench:validate — full validation of a 100,000-task file by the real CLI (spawned process, disk
// checks included) next to a bare JSON.parse + compiled-ajv loop over the same lines, with peak memory.
// Targets (issue 2): CLI ≤ 1.5 × bare loop and < 1 s wall; peak RSS < 300 MB.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { WaveFile } from 'wavefile';
import schema from '../schemas/tts-batch.schema.json';

const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const dist = process.env.TTS_BATCH_DIST ?? path.resolve(__dirname, '../../dist');
const cli = path.join(dist, 'cli.js');

// Deterministic pseudo-random numbers, so every run validates the same file.
let seed = 42;
function rand(): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
}
const CHARS = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞';
function chinese(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    s += CHARS[Math.floor(rand() * CHARS.length)];
    if (i > 4 && i < n - 3 && rand() < 0.08) s += '，';
  }
  return `${s}。`;
}

function makeFixture(dir: string): { file: string; bytes: number } {
  fs.mkdirSync(path.join(dir, 'prompts'), { recursive: true });
  for (let i = 0; i < 50; i++) {
    const rate = 24000;
    const seconds = 3 + (i % 6);
    const samples = new Int16Array(rate * seconds);
    for (let k = 0; k < samples.length; k++) samples[k] = Math.round(3000 * Math.sin((2 * Math.PI * (150 + i) * k) / rate));
    const w = new WaveFile();
    w.fromScratch(1, rate, '16', samples);
    fs.writeFileSync(path.join(dir, 'prompts', `speaker_${String(i).padStart(2, '0')}.wav`), w.toBuffer());
  }
  const prompts = Array.from({ length: 50 }, () => chinese(8 + Math.floor(rand() * 8)));
  const lines: string[] = [];
  for (let t = 0; t < TASKS; t++) {
    const spk = Math.floor(rand() * 50);
    const task = {
      prompt_audio: `prompts/speaker_${String(spk).padStart(2, '0')}.wav`,
      prompt_text: prompts[spk],
      input_text: chinese(10 + Math.floor(rand() * 110)),
      output_name: `task_${String(t + 1).padStart(6, '0')}`,
    };
    lines.push(JSON.stringify(task).replace(/","/g, '", "').replace(/":"/g, '": "'));
  }
  const file = path.join(dir, 'tasks.jsonl');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, bytes: fs.statSync(file).size };
}

function bareLoop(file: string): { totalMs: number; loopMs: number; cpuMs: number; invalid: number } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const validateTask = new Ajv({ allErrors: true, strict: false }).compile({ ...schema, 'x-tts-batch': undefined, $schema: undefined });
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const t1 = process.hrtime.bigint();
  let invalid = 0;
  for (const line of lines) {
    if (!line) continue;
    try {
      if (!validateTask(JSON.parse(line))) invalid++;
    } catch {
      invalid++;
    }
  }
  const t2 = process.hrtime.bigint();
  const c = process.cpuUsage(c0);
  return { totalMs: Number(t2 - t0) / 1e6, loopMs: Number(t2 - t1) / 1e6, cpuMs: (c.user + c.system) / 1000, invalid };
}

/**
 * The same bare loop as its own process (node start-up, require ajv, compile, read, loop): the like-for-like
 * baseline for a CLI, which pays start-up too.
 */
function bareScript(dir: string): string {
  const script = path.join(dir, 'bare-loop.js');
  const ajvPath = require.resolve('ajv');
  fs.writeFileSync(
    script,
    `const fs = require('fs');
const Ajv = require(${JSON.stringify(ajvPath)});
const schema = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
delete schema['x-tts-batch']; delete schema.$schema;
const validate = new (Ajv.default || Ajv)({ allErrors: true, strict: false }).compile(schema);
let invalid = 0;
for (const line of fs.readFileSync(process.argv[2], 'utf8').split('\\n')) {
  if (!line) continue;
  try { if (!validate(JSON.parse(line))) invalid++; } catch { invalid++; }
}
const u = process.resourceUsage();
process.stderr.write('maxRSS=' + u.maxRSS * 1024 + ' cpuMs=' + Math.round((u.userCPUTime + u.systemCPUTime) / 1000) + ' invalid=' + invalid + '\\n');
`,
  );
  return script;
}

function runCli(file: string, cwd: string, args?: string[]): Promise<{ ms: number; rss: number; cpuMs: number; code: number | null; summary: string }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args ?? [cli, 'validate', '--format', 'text', '--locale', 'en', file], {
      cwd,
      env: { ...process.env, TTS_BATCH_REPORT_RSS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      tail = (tail + d.toString()).slice(-400);
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const rss = Number(/maxRSS=(\d+)/.exec(err)?.[1] ?? NaN);
      const cpuMs = Number(/cpuMs=(\d+)/.exec(err)?.[1] ?? NaN);
      resolve({ ms, rss, cpuMs, code, summary: tail.trim().split('\n').pop() ?? '' });
    });
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  if (!fs.existsSync(cli)) throw new Error(`${cli} not built: run node scripts/build.mjs`);
  const keep = process.env.BENCH_KEEP;
  const dir = keep ? (fs.mkdirSync(keep, { recursive: true }), keep) : fs.mkdtempSync(path.join(os.tmpdir(), "tts-bench-validate-"));
  try {
    const { file, bytes } = makeFixture(dir);
    process.stdout.write(`fixture: ${TASKS} tasks, ${(bytes / 1e6).toFixed(1)} MB, 50 prompt WAVs (${dir})\n`);
    bareLoop(file); // warm the page cache
    const bare: number[] = [];
    const bareLoopOnly: number[] = [];
    const script = bareScript(dir);
    // The bundle may live in out/ or in a private build folder: find the repository's schema upwards.
    let up = __dirname;
    while (!fs.existsSync(path.join(up, 'schemas/tts-batch.schema.json')) && path.dirname(up) !== up) up = path.dirname(up);
    const schemaPath = path.join(up, 'schemas/tts-batch.schema.json');
    const bareProcMs: number[] = [];
    const bareProcCpu: number[] = [];
    const cliMs: number[] = [];
    const bareCpu: number[] = [];
    const cliCpu: number[] = [];
    const rss: number[] = [];
    let summary = '';
    for (let i = 0; i < RUNS; i++) {
      const b = bareLoop(file);
      bare.push(b.totalMs);
      bareLoopOnly.push(b.loopMs);
      bareCpu.push(b.cpuMs);
      const bp = await runCli(file, dir, [script, file, schemaPath]);
      bareProcMs.push(bp.ms);
      bareProcCpu.push(bp.cpuMs);
      const c = await runCli(file, dir);
      cliMs.push(c.ms);
      cliCpu.push(c.cpuMs);
      rss.push(c.rss);
      summary = `${c.summary} (exit ${c.code})`;
    }
    const b = median(bare);
    const c = median(cliMs);
    const peak = Math.max(...rss) / 1024 / 1024;
    const ratio = c / b;
    const row = (k: string, v: string, target: string, ok: boolean): string => `${k.padEnd(48)}${v.padStart(12)}   ${target.padEnd(16)}${ok ? 'ok' : 'MISSED'}\n`;
    process.stdout.write(`\nmedian of ${RUNS} runs, ${os.cpus().length} CPUs, node ${process.version}\n`);
    process.stdout.write(`${'measure'.padEnd(48)}${'value'.padStart(12)}   ${'target'.padEnd(16)}\n`);
    const bp = median(bareProcMs);
    const ratioProc = c / bp;
    process.stdout.write(row('bare loop as a process (start+read+parse+ajv)', `${bp.toFixed(0)} ms`, '(baseline)', true));
    process.stdout.write(row('bare loop in this process (warm, no start-up)', `${b.toFixed(0)} ms`, '(baseline)', true));
    process.stdout.write(row('  of which JSON.parse + ajv loop alone', `${median(bareLoopOnly).toFixed(0)} ms`, '', true));
    process.stdout.write(row('tts-batch validate, full (spawned CLI)', `${c.toFixed(0)} ms`, '< 1000 ms', c < 1000));
    process.stdout.write(row('ratio CLI / bare-loop process', `${ratioProc.toFixed(2)}x`, '<= 1.5x', ratioProc <= 1.5));
    process.stdout.write(row('ratio CLI / in-process bare loop', `${ratio.toFixed(2)}x`, '<= 1.5x', ratio <= 1.5));
    // Best of the runs: less disturbed by other work on a shared machine.
    const bestC = Math.min(...cliMs);
    const bestBp = Math.min(...bareProcMs);
    process.stdout.write(row('best run: CLI', `${bestC.toFixed(0)} ms`, '< 1000 ms', bestC < 1000));
    process.stdout.write(row('best run: bare-loop process', `${bestBp.toFixed(0)} ms`, '(baseline)', true));
    process.stdout.write(row('best run: ratio CLI / bare-loop process', `${(bestC / bestBp).toFixed(2)}x`, '<= 1.5x', bestC / bestBp <= 1.5));
    process.stdout.write(row('peak RSS of the CLI', `${peak.toFixed(0)} MB`, '< 300 MB', peak < 300));
    // On a shared, loaded machine wall time includes waiting for a core; CPU time shows the work itself.
    const bc = median(bareCpu);
    const cc = median(cliCpu);
    const bpc = median(bareProcCpu);
    process.stdout.write(row('CPU time: bare-loop process', `${bpc.toFixed(0)} ms`, '(reference)', true));
    process.stdout.write(row('CPU time: bare loop in this process', `${bc.toFixed(0)} ms`, '(reference)', true));
    process.stdout.write(row('CPU time: CLI, whole process', `${cc.toFixed(0)} ms`, '', true));
    process.stdout.write(row('CPU ratio CLI / bare-loop process', `${(cc / bpc).toFixed(2)}x`, '<= 1.5x', cc / bpc <= 1.5));
    process.stdout.write(`load average: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
    process.stdout.write(`CLI summary: ${summary}\n`);
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
