// Starting `tts-batch run --format json` for the memory benchmarks and reading its events as they come.
import { spawn, type ChildProcess } from 'node:child_process';

/** `cli.js run tasks.jsonl --out out --voice VOICE --workers 1 --format json` in `dir`; stderr passes through. */
export function spawnRun(cli: string, dir: string, voice: string): ChildProcess {
  return spawn(process.execPath, [cli, 'run', 'tasks.jsonl', '--out', 'out', '--voice', voice, '--workers', '1', '--format', 'json'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Calls `onLine` with each whole line the child writes to stdout (one JSON event each). */
export function eachStdoutLine(child: ChildProcess, onLine: (line: string) => void): void {
  let pending = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (d: string) => {
    pending += d;
    const parts = pending.split('\n');
    pending = parts.pop()!;
    for (const p of parts) onLine(p);
  });
}
