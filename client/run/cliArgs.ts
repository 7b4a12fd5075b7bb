// The command line the extension runs: `node dist/cli.js run TASKFILE --format json ...`, built from the
// ttsBatch.* settings. Pure, so the mapping from settings to flags is tested without an editor.
import * as os from 'node:os';
import * as path from 'node:path';

export interface RunSettings {
  /** Voice model (Piper .onnx) or voice module (.js); empty: the built-in demo voice. */
  voice: string;
  executionProvider: 'auto' | 'cpu' | 'cuda';
  /** 0: the runner's default. */
  workers: number;
  /** 0: the runner's default (scales with the text length). */
  timeoutSeconds: number;
  seed: number;
  sampleRate: number;
  /** Empty: next to the task file (`<task folder>/<batch>.output`). */
  outputFolder: string;
  autoSplitLongText: boolean;
  /** From the validation settings, so the run checks what the editor checks. */
  profile: string;
  audioRoot: string;
}

export type RunSelection =
  | { kind: 'all' }
  | { kind: 'retry-failed' }
  | { kind: 'lines'; lines: number[] };

export interface Places {
  taskFile: string;
  /** Workspace folder holding the task file, if any. */
  workspaceFolder?: string;
}

/** `${workspaceFolder}`, `${fileDirname}`, `${fileBasenameNoExtension}` and `~` in path settings; relative paths resolve against the workspace folder (or the task file's folder). */
export function resolvePathSetting(value: string, places: Places): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  const base = places.workspaceFolder ?? path.dirname(places.taskFile);
  const expanded = v
    .replace(/\$\{workspaceFolder\}/g, base)
    .replace(/\$\{fileDirname\}/g, path.dirname(places.taskFile))
    .replace(/\$\{fileBasenameNoExtension\}/g, path.basename(places.taskFile).replace(/\.[^.]*$/, ''))
    .replace(/^~(?=$|[\\/])/, os.homedir());
  return path.resolve(base, expanded);
}

/** `json` for the extension (one event per line); `text` for a terminal task (the log lines `$tts-batch` matches). */
export function buildRunArgs(cliPath: string, settings: RunSettings, places: Places, selection: RunSelection, format: 'json' | 'text' = 'json'): string[] {
  const args = [cliPath, 'run', places.taskFile, '--format', format];
  const out = resolvePathSetting(settings.outputFolder, places);
  if (out) args.push('--out', out);
  if (settings.profile && settings.profile !== 'auto') args.push('--profile', settings.profile);
  // Relative audio paths of 'project' profiles resolve against the workspace folder in the editor: the run must agree.
  const audioRoot = resolvePathSetting(settings.audioRoot, places) ?? places.workspaceFolder;
  if (audioRoot) args.push('--audio-root', audioRoot);
  const voice = resolvePathSetting(settings.voice, places);
  if (voice) args.push('--voice', voice);
  if (settings.executionProvider !== 'auto') args.push('--ep', settings.executionProvider);
  if (settings.workers > 0) args.push('--workers', String(Math.floor(settings.workers)));
  if (settings.timeoutSeconds > 0) args.push('--timeout', String(settings.timeoutSeconds));
  args.push('--seed', String(Math.floor(settings.seed)));
  args.push('--sample-rate', String(Math.floor(settings.sampleRate)));
  if (settings.autoSplitLongText) args.push('--auto-split');
  if (selection.kind === 'retry-failed') args.push('--retry-failed');
  if (selection.kind === 'lines') args.push('--only-lines', compactLines(selection.lines));
  return args;
}

/** 3,4,5,9 → "3-5,9": keeps the command line short when many lines are retried. */
export function compactLines(lines: number[]): string {
  const sorted = [...new Set(lines)].filter((n) => Number.isInteger(n) && n > 0).sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j > i ? `${sorted[i]}-${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return parts.join(',');
}
