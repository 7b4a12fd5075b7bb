// node <build>/out/bench/resume.bench.js — the supervisor's memory and planning time when a user reruns a big
// batch that already finished: every one of the 100,000 journal records says succeeded, so the plan reads the
// whole journal and hashes every output before it can skip them all. This is the worst case resume meets.
//   baseline (same run): the first run of the same file (empty journal, nothing to hash), to the end
//   measured: the rerun, all 100,000 tasks skipped                      target: peak RSS < 200 MB (aim ≤ 170 MB)
// RSS is sampled from /proc every 25 ms and attributed to the phase the CLI's JSON events say it is in.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { processRssBytes } from '../inference/runner/memory';
import { writeToneWav } from '../test/support/wav';
import { instantVoiceSource } from './voices/instantVoice';
import { eachStdoutLine, spawnRun } from './cliRun';

const dist = process.env.TTS_BATCH_DIST ?? path.join(__dirname, '..', '..', 'dist');
const BIG = Number(process.env.BENCH_BIG_TASKS ?? 100_000);


interface Measured {
  planSeconds: number;
  totalSeconds: number;
  /** Peak RSS per phase, bytes: plan (before batch-started), run (after it). */
  planPeak: number;
  runPeak: number;
  succeeded: number;
  skipped: number;
  code: number | null;
}

function measure(dir: string, voice: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = spawnRun(path.join(dist, 'cli.js'), dir, voice);
    const t0 = performance.now();
    const m: Measured = { planSeconds: 0, totalSeconds: 0, planPeak: 0, runPeak: 0, succeeded: 0, skipped: 0, code: null };
    let planning = true;
    eachStdoutLine(child, (p) => {
      if (p.includes('"task-succeeded"')) m.succeeded++;
      else if (p.includes('"task-skipped"')) m.skipped++;
      else if (p.includes('"batch-started"')) {
        planning = false;
        m.planSeconds = (performance.now() - t0) / 1000;
      }
    });
    const sampler = setInterval(() => {
      const rss = processRssBytes(child.pid!);
      if (rss === undefined) return;
      if (planning) m.planPeak = Math.max(m.planPeak, rss);
      else m.runPeak = Math.max(m.runPeak, rss);
    }, 25);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      m.code = code;
      m.totalSeconds = (performance.now() - t0) / 1000;
      resolve(m);
    });
  });
}

async function main() {
  if (!fs.existsSync(path.join(dist, 'cli.js'))) throw new Error(`${dist}/cli.js is missing: build first`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tts-bench-resume-'));
  try {
    const voice = path.join(dir, 'instant-voice.js');
    fs.writeFileSync(voice, instantVoiceSource);
    writeToneWav(path.join(dir, 'prompt.wav'), { seconds: 3, sampleRate: 16000 });
    const fd = fs.openSync(path.join(dir, 'tasks.jsonl'), 'w');
    let chunk = '';
    for (let i = 1; i <= BIG; i++) {
      chunk += JSON.stringify({ prompt_audio: 'prompt.wav', prompt_text: 'A prompt.', input_text: `Sentence ${i}: the quick brown fox jumps.`, output_name: `t${i}` }) + '\n';
      if (chunk.length > 1 << 20) {
        fs.writeSync(fd, chunk);
        chunk = '';
      }
    }
    fs.writeSync(fd, chunk);
    fs.closeSync(fd);
    process.stderr.write(`bench:resume on ${os.cpus()[0]?.model ?? 'CPU'} × ${os.availableParallelism()}, Node ${process.version}: ${BIG.toLocaleString('en')} tasks\n`);

    const first = await measure(dir, voice);
    if (first.code !== 0 || first.succeeded !== BIG) throw new Error(`the first run ended with ${first.code}, ${first.succeeded}/${BIG} succeeded`);
    process.stderr.write(`  first run: ${first.totalSeconds.toFixed(0)} s\n`);
    const rerun = await measure(dir, voice);
    if (rerun.code !== 0 || rerun.skipped !== BIG) throw new Error(`the rerun ended with ${rerun.code}, ${rerun.skipped}/${BIG} skipped`);

    const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
    const rows = [
      ['measure', 'rerun (all done)', 'first run (same file, empty journal)', 'target', ''],
      ['plan time (to batch-started)', `${rerun.planSeconds.toFixed(1)} s`, `${first.planSeconds.toFixed(1)} s`, '', ''],
      ['peak RSS while planning', mb(rerun.planPeak), mb(first.planPeak), '< 200 MB (aim ≤ 170 MB)', rerun.planPeak < 200 * 1048576 ? 'PASS' : 'FAIL'],
      ['peak RSS after planning', mb(rerun.runPeak), mb(first.runPeak), '< 200 MB', rerun.runPeak < 200 * 1048576 ? 'PASS' : 'FAIL'],
      ['whole run', `${rerun.totalSeconds.toFixed(1)} s (${rerun.skipped} skipped)`, `${first.totalSeconds.toFixed(1)} s (${first.succeeded} ran)`, '', ''],
    ];
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join(' | ');
    process.stdout.write(`\n${fmt(rows[0])}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n${rows.slice(1).map(fmt).join('\n')}\n`);
    if (rows.some((r) => r[4] === 'FAIL')) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`bench:resume failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
