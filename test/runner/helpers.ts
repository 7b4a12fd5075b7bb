// Shared by the runner tests: real task files and WAVs in temp folders, the real CLI in a real process, and
// the checks every test makes (log lines name the right task lines; the journal matches the files on disk).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import { repoRoot } from '../support/repo';

export { repoRoot };
import { writeToneWav } from '../support/wav';


export const root = repoRoot();
export const dist = process.env.TTS_BATCH_DIST ?? path.join(root, 'dist');
export const cli = path.join(dist, 'cli.js');
export const fixtureVoice = (name: string) => path.join(root, 'test', 'fixtures', 'voices', `${name}.js`);
export const runnerFixture = (name: string) => path.join(root, 'test', 'runner', 'fixtures', `${name}.js`);

export function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tts-runner-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A valid 16-bit mono WAV of a tone. */
export function writeWav(file: string, seconds = 3, rate = 16000): void {
  writeToneWav(file, { seconds, sampleRate: rate });
}

/** A task in the default profile; `audio` relative to the project root (the test folder). */
export function task(text: string, output?: string, audio = 'prompt/a.wav'): string {
  return JSON.stringify({ prompt_audio: audio, prompt_text: 'Hello there.', input_text: text, ...(output ? { output_name: output } : {}) });
}

/** Writes prompt/a.wav and tasks.jsonl (lines as given) in dir. */
export function makeBatch(dir: string, lines: string[]): string {
  writeWav(path.join(dir, 'prompt', 'a.wav'));
  const file = path.join(dir, 'tasks.jsonl');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  events: any[];
}

export function startCli(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): ChildProcess {
  return spawn(process.execPath, [cli, ...args], { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs the CLI to the end (killed after timeoutMs, which fails the test). */
export function runCli(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CliResult> {
  return collect(startCli(args, opts), opts.timeoutMs ?? 60000);
}

export function collect(child: ChildProcess, timeoutMs: number, onStdoutLine?: (line: string) => void): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout!.setEncoding('utf8');
    child.stderr!.setEncoding('utf8');
    child.stdout!.on('data', (d: string) => {
      stdout += d;
      if (onStdoutLine) {
        pending += d;
        const parts = pending.split('\n');
        pending = parts.pop()!;
        for (const p of parts) onStdoutLine(p);
      }
    });
    child.stderr!.on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`CLI did not finish within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const events = stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => {
          try {
            return JSON.parse(l);
          } catch {
            return undefined;
          }
        })
        .filter(Boolean);
      resolve({ code, signal, stdout, stderr, events });
    });
  });
}

export interface Rec {
  line: number;
  status: string;
  output?: string;
  outputPath?: string;
  errorKind?: string;
  message?: string;
  sha256?: string;
  [k: string]: unknown;
}

export function readJournalFile(file: string): Rec[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Rec);
}

export function byLine(recs: Rec[]): Map<number, Rec> {
  const m = new Map<number, Rec>();
  for (const r of recs) m.set(r.line, r);
  return m;
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function walkWavs(dir: string, acc: string[] = []): string[] {
  if (!fs.existsSync(dir)) return acc;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walkWavs(full, acc);
    else if (/\.wav$/i.test(e.name) || /\.tmp$|partial/i.test(e.name)) acc.push(full);
  }
  return acc;
}

/**
 * The journal has one record per line, succeeded records point at files whose sha256 matches, no other WAV or
 * temp file lies in the output folder, and failed / cancelled tasks left no output.
 */
export function assertJournalMatchesDisk(outDir: string, journalFile: string): Map<number, Rec> {
  const recs = readJournalFile(journalFile);
  const lines = recs.map((r) => r.line);
  assert.equal(new Set(lines).size, lines.length, `journal has one record per line: ${lines.join(',')}`);
  const m = byLine(recs);
  const expected = new Set<string>();
  for (const r of recs) {
    if (r.status === 'succeeded') {
      assert.ok(r.outputPath && fs.existsSync(r.outputPath), `line ${r.line}: output ${r.outputPath} exists`);
      assert.equal(sha256(r.outputPath!), r.sha256, `line ${r.line}: output matches the journal's sha256`);
      expected.add(path.resolve(r.outputPath!));
    } else if (r.outputPath) {
      const st = fs.statSync(r.outputPath, { throwIfNoEntry: false });
      assert.ok(!st?.isFile(), `line ${r.line} (${r.status}) left no output at ${r.outputPath}`);
    }
  }
  const found = walkWavs(outDir).map((f) => path.resolve(f));
  assert.deepEqual(found.filter((f) => !expected.has(f)), [], 'no stray WAV or temp file in the output folder');
  return m;
}

export function logLines(logFile: string): string[] {
  return fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
}

/** The log line for a task failure names its line twice: "Task N" and "tasks.jsonl:N". */
export function assertLogFailure(lines: string[], line: number, pattern: RegExp, file = 'tasks.jsonl'): void {
  const hit = lines.find((l) => l.includes(`[✗] Task ${line} failed:`));
  assert.ok(hit, `log has a failure line for task ${line}:\n${lines.join('\n')}`);
  assert.match(hit!, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} /, 'timestamped');
  assert.ok(hit!.endsWith(`(${file}:${line})`), `names ${file}:${line}: ${hit}`);
  assert.match(hit!, pattern);
}

export function assertLogSuccess(lines: string[], line: number, file = 'tasks.jsonl'): void {
  const hit = lines.find((l) => l.includes(`[✓] Task ${line} succeeded:`));
  assert.ok(hit, `log has a success line for task ${line}:\n${lines.join('\n')}`);
  assert.match(hit!, new RegExp(`\\(${file.replace('.', '\\.')}:${line}, [\\d.]+ s audio in [\\d.]+ s, RTF [\\d.]+\\)$`));
}

/** The log lines of the latest run in a log file (each run starts with its header). */
export function lastRun(lines: string[]): string[] {
  const i = lines.map((l) => / TTS Batch run: /.test(l)).lastIndexOf(true);
  return i < 0 ? lines : lines.slice(i);
}
