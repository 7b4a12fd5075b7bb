// npm run bench:server — the built language server over stdio with a 100,000-line task file:
// didOpen → first complete diagnostics, 200 single-character edits → diagnostics reflecting each edit,
// peak server memory; next to the targets and a baseline measured in the same run (the core's full
// validation of the same text, and the server re-checking it after a whole-text change).
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { validate } from '../server/core';
import { NodeFileFacts } from '../server/node/nodeFileFacts';
import { TestClient } from '../test/protocol/lspClient';
import { task, TempProject } from '../test/protocol/project';

const LINES = Number(process.env.BENCH_LINES ?? 100_000);
const EDITS = 200;
const PUSH_EDITS = 40;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function makeFile(proj: TempProject): string[] {
  const voices = Array.from({ length: 20 }, (_, i) => proj.wav(`voices/speaker_${String(i).padStart(2, '0')}.wav`, 3 + (i % 5)));
  void voices;
  const texts = ['今天天气很好，我们一起去公园散步吧。', '请在下一个路口右转，然后直行两百米。', 'The quick brown fox jumps over the lazy dog.',
    '会议将在明天上午九点准时开始，请大家提前到场。', '欢迎收听本期节目，我们今天聊一聊语音合成。'];
  const lines: string[] = [];
  for (let i = 0; i < LINES; i++) {
    // About one line in a thousand has a problem, as in a real file being worked on.
    const audio = i % 997 === 5 ? `voices/missing_${i}.wav` : `voices/speaker_${String(i % 20).padStart(2, '0')}.wav`;
    const out = i % 1009 === 7 ? 'output_000001' : `output_${String(i + 1).padStart(6, '0')}`;
    lines.push(task(audio, `${texts[i % texts.length]}第${i + 1}条。`, out));
  }
  return lines;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

function vmHwmMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** CPU time the process has used (user + system), in ms: unlike wall time, it does not grow with machine load. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

const hasComma = (diags: Diagnostic[], line: number) => diags.some((d) => d.code === 'trailing-comma' && d.range.start.line === line);

async function editLoop(client: TestClient, uri: string, lines: string[], count: number, pull: boolean, gapMs: number): Promise<number[]> {
  const random = rng(pull ? 42 : 43);
  const times: number[] = [];
  let target = 0;
  for (let i = 0; i < count; i++) {
    // Even edits append a comma at the end of a random line (a new problem), odd edits delete it again:
    // single-character edits whose effect on the diagnostics can be seen.
    if (i % 2 === 0) target = Math.floor(random() * lines.length);
    const len = lines[target].length;
    const adding = i % 2 === 0;
    const range = adding ? { start: { line: target, character: len }, end: { line: target, character: len } }
      : { start: { line: target, character: len }, end: { line: target, character: len + 1 } };
    if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
    const before = client.published.get(uri);
    const t0 = performance.now();
    const version = await client.change(uri, [{ range, text: adding ? ',' : '' }]);
    let diags: Diagnostic[];
    if (pull) diags = await client.pulled(uri);
    else diags = await client.until(() => { const p = client.published.get(uri); return p !== before && (p?.version ?? 0) >= version && p!.diagnostics; }, 'push');
    times.push(performance.now() - t0);
    if (hasComma(diags, target) !== adding) throw new Error(`edit ${i} on line ${target + 1} is not reflected in the diagnostics`);
  }
  return times;
}

async function run(): Promise<void> {
  const proj = new TempProject();
  const lines = makeFile(proj);
  const text = lines.join('\n') + '\n';
  const uri = proj.uri('big.jsonl');
  process.stdout.write(`task file: ${LINES} lines, ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB; ` +
    `${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)} at start (timings grow with load)\n`);

  // Baseline: the core validating the whole text at once (what every keystroke would cost without the cache).
  const tb = performance.now();
  const base = await validate(text, { projectRoot: proj.root, files: new NodeFileFacts() });
  const fullCore = performance.now() - tb;

  const results: Array<[string, string, string, boolean | undefined]> = [];
  const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

  // Pull mode (VS Code): the client asks right after each change.
  const pullClient = await TestClient.start({ pull: true, workspaceFolder: proj.root });
  let cpu0 = cpuMs(pullClient.pid);
  let t0 = performance.now();
  await pullClient.open(uri, text);
  const first = await pullClient.pulled(uri);
  const firstPull = performance.now() - t0;
  const firstCpu = cpuMs(pullClient.pid) - cpu0;
  cpu0 = cpuMs(pullClient.pid);
  const pullEdits = await editLoop(pullClient, uri, lines, EDITS, true, 0);
  const editCpu = (cpuMs(pullClient.pid) - cpu0) / EDITS;
  const memPull = vmHwmMb(pullClient.pid);
  // Baseline over LSP, after the memory reading: the whole text sent again and re-checked.
  t0 = performance.now();
  await pullClient.change(uri, [{ text }]);
  await pullClient.pulled(uri);
  const fullChange = performance.now() - t0;
  await pullClient.stop();

  // Push mode (editors without pull): an isolated keystroke is answered at once.
  const pushClient = await TestClient.start({ pull: false, workspaceFolder: proj.root });
  t0 = performance.now();
  await pushClient.open(uri, text);
  await pushClient.pushed(uri, 1, 60000);
  const firstPush = performance.now() - t0;
  const pushEdits = await editLoop(pushClient, uri, lines, PUSH_EDITS, false, 200);
  const memPush = vmHwmMb(pushClient.pid);
  await pushClient.stop();
  proj.remove();

  results.push(['first complete diagnostics after didOpen (pull)', fmt(firstPull), '< 1.5 s', firstPull < 1500]);
  results.push(['  server CPU time for it (pull)', fmt(firstCpu), '', undefined]);
  results.push(['first complete diagnostics after didOpen (push)', fmt(firstPush), '< 1.5 s', firstPush < 1500]);
  results.push([`didChange → diagnostics, median of ${EDITS} edits (pull)`, fmt(pct(pullEdits, 50)), '< 10 ms', pct(pullEdits, 50) < 10]);
  results.push([`didChange → diagnostics, p95 of ${EDITS} edits (pull)`, fmt(pct(pullEdits, 95)), '< 30 ms', pct(pullEdits, 95) < 30]);
  results.push([`  slowest of ${EDITS} edits (pull)`, fmt(pct(pullEdits, 100)), '', undefined]);
  results.push([`  server CPU time per edit, mean of ${EDITS} (pull)`, fmt(editCpu), '', undefined]);
  results.push([`didChange → published, median of ${PUSH_EDITS} isolated edits (push)`, fmt(pct(pushEdits, 50)), '< 10 ms', pct(pushEdits, 50) < 10]);
  results.push([`didChange → published, p95 of ${PUSH_EDITS} isolated edits (push)`, fmt(pct(pushEdits, 95)), '< 30 ms', pct(pushEdits, 95) < 30]);
  results.push(['peak server memory, VmHWM (pull run)', `${memPull.toFixed(0)} MB`, '< 400 MB', memPull < 400]);
  results.push(['peak server memory, VmHWM (push run)', `${memPush.toFixed(0)} MB`, '< 400 MB', memPush < 400]);
  results.push(['baseline: core validate() of the whole text, in-process', fmt(fullCore), '', undefined]);
  results.push(['baseline: whole-text didChange → diagnostics (pull)', fmt(fullChange), '', undefined]);
  results.push(['reference: JSON language service per keystroke / whole file', '17-20 ms / 1.1-1.5 s', '', undefined]);

  const w = Math.max(...results.map((r) => r[0].length));
  process.stdout.write(`\n${'measure'.padEnd(w)}  ${'result'.padStart(20)}  ${'target'.padEnd(9)} status\n`);
  for (const [name, value, target, ok] of results) {
    process.stdout.write(`${name.padEnd(w)}  ${value.padStart(20)}  ${target.padEnd(9)} ${ok === undefined ? '' : ok ? 'ok' : 'MISSED'}\n`);
  }
  process.stdout.write(`\nproblems in the file: ${first.length} from the server, ${base.length} from validate(); ` +
    `load average ${loadavg()[0].toFixed(1)} at the end\n`);
  if (results.some((r) => r[3] === false)) process.exitCode = 1;
}

run().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
