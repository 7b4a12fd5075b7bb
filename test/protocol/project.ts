// A throw-away project folder with real WAV files, for the protocol tests and the benchmark.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileUri, wavBytes } from './lspClient';

export class TempProject {
  readonly root: string;

  constructor() {
    this.root = mkdtempSync(join(tmpdir(), 'tts-lsp-'));
  }

  path(rel: string): string {
    return join(this.root, rel);
  }

  uri(rel: string): string {
    return fileUri(this.path(rel));
  }

  write(rel: string, content: string | Buffer): string {
    const p = this.path(rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
    return p;
  }

  wav(rel: string, seconds = 4, sampleRate = 24000, channels = 1): string {
    return this.write(rel, wavBytes(seconds, sampleRate, channels));
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** One tts-batch task line. */
export function task(audio: string, text: string, output?: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ prompt_audio: audio, prompt_text: '这是提示音频的文字。', input_text: text, ...(output ? { output_name: output } : {}), ...extra });
}
