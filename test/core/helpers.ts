// Shared by the core tests: real temporary projects with real WAV files (written with wavefile) and
// a validate() call wired to the real NodeFileFacts.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validate, type TaskDiagnostic, type ValidationContext } from '../../server/core';
import { NodeFileFacts } from '../../server/node/nodeFileFacts';
import { writeToneWav } from '../support/wav';

export function tempDir(prefix = 'tts-core-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A WAV of `seconds` of a quiet tone. */
export function writeWav(file: string, seconds: number, sampleRate = 24000, channels = 1, bitDepth: '16' | '32f' = '16'): void {
  writeToneWav(file, { seconds, sampleRate, channels, bitDepth, amplitude: 0.06 });
}

export interface Project {
  dir: string;
  write(rel: string, content: string | Buffer): string;
  wav(rel: string, seconds?: number, sampleRate?: number): string;
  check(text: string, extra?: Partial<ValidationContext>): Promise<TaskDiagnostic[]>;
  cleanup(): void;
}

export function project(): Project {
  const dir = tempDir();
  return {
    dir,
    write(rel, content) {
      const p = path.join(dir, rel);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, content);
      return p;
    },
    wav(rel, seconds = 5, sampleRate = 24000) {
      const p = path.join(dir, rel);
      writeWav(p, seconds, sampleRate);
      return p;
    },
    check(text, extra = {}) {
      return validate(text, { projectRoot: dir, taskFilePath: path.join(dir, 'tasks.jsonl'), files: new NodeFileFacts(), locale: 'en', ...extra });
    },
    cleanup() {
      removeDir(dir);
    },
  };
}

export const codes = (diags: TaskDiagnostic[]): string[] => diags.map((d) => d.code);

export function only(diags: TaskDiagnostic[], code: string): TaskDiagnostic[] {
  return diags.filter((d) => d.code === code);
}

/** A task line of the default profile with a prompt that exists in every test project (prompts/ok.wav). */
export function task(fields: Record<string, unknown> = {}): string {
  return JSON.stringify({ prompt_audio: 'prompts/ok.wav', prompt_text: '这是提示音频的文字稿。', input_text: '今天天气很好，我们去公园散步吧。', ...fields });
}
