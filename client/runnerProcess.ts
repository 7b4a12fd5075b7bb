// Starts `tts-batch run --format json` as a child process, outside the extension host, so synthesis never
// blocks the editor; streams its events back. Cancel sends SIGINT (the runner journals unfinished tasks as
// cancelled and removes partial files), then SIGTERM and SIGKILL if it does not stop.
import { execFile, spawn } from 'node:child_process';
import { EventLineReader, type StreamItem } from './run/eventStream';

export interface RunProcess {
  readonly pid: number | undefined;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  cancel(): void;
}

export function startRunProcess(args: string[], cwd: string, onItem: (item: StreamItem) => void, onStderr: (text: string) => void): RunProcess {
  // In VS Code desktop process.execPath is Electron: ELECTRON_RUN_AS_NODE makes it plain Node (also for the
  // runner's forked workers, which inherit the environment). In code-server it is Node already.
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const reader = new EventLineReader();
  let stderrTail = '';
  let stderrLine = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    for (const item of reader.push(chunk)) onItem(item);
  });
  child.stderr.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-8000);
    stderrLine += chunk;
    let nl: number;
    while ((nl = stderrLine.indexOf('\n')) >= 0) {
      const line = stderrLine.slice(0, nl).trimEnd();
      stderrLine = stderrLine.slice(nl + 1);
      if (line) onStderr(line);
    }
  });
  const timers: NodeJS.Timeout[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    let settled = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      for (const item of reader.end()) onItem(item);
      if (stderrLine.trim()) onStderr(stderrLine.trimEnd());
      resolve({ code, signal, stderr: stderrTail });
    };
    child.on('error', (err) => {
      stderrTail += `\n${err.message}`;
      onStderr(err.message);
      finish(null, null);
    });
    child.on('close', finish);
  });
  let cancelled = false;
  return {
    pid: child.pid,
    exited,
    cancel() {
      if (cancelled || child.exitCode !== null) return;
      cancelled = true;
      child.kill('SIGINT');
      timers.push(setTimeout(() => child.exitCode === null && child.kill('SIGTERM'), 15000));
      timers.push(setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 30000));
    },
  };
}

const helpCache = new Map<string, Promise<string>>();

/** Whether `tts-batch run` accepts a flag (its --help names it): lets a setting degrade instead of breaking runs. */
export async function runnerAccepts(cliPath: string, flag: string): Promise<boolean> {
  let help = helpCache.get(cliPath);
  if (!help) {
    help = new Promise<string>((resolve) => {
      execFile(process.execPath, [cliPath, 'run', '--help'], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 15000 }, (_err, stdout) => resolve(stdout ?? ''));
    });
    helpCache.set(cliPath, help);
  }
  return new RegExp(`(^|\\s)${flag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`, 'm').test(await help);
}
