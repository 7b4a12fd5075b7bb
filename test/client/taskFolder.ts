// A temporary project with a prompt WAV and a task file, as a user would have it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A 16-bit mono WAV of a wobbling tone (a stand-in for a recorded prompt). */
export function writeToneWav(file: string, seconds = 2.5, sampleRate = 24000): void {
  const n = Math.round(seconds * sampleRate);
  const b = Buffer.alloc(44 + n * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + n * 2, 4);
  b.write('WAVE', 8);
  b.write('fmt ', 12);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(sampleRate, 24);
  b.writeUInt32LE(sampleRate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 180 * i) / sampleRate) * (1 + 0.3 * Math.sin(i / 900))), 44 + i * 2);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, b);
}

export interface TaskFolder {
  dir: string;
  taskFile: string;
  cleanup(): void;
}

/** Lines: 1 valid, 2 missing prompt audio, 3 broken JSON, 4 valid (Chinese). */
export function makeTaskFolder(extraLines: string[] = []): TaskFolder {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tts-client-')));
  writeToneWav(path.join(dir, 'prompts', 'a.wav'));
  const taskFile = path.join(dir, 'tasks.jsonl');
  fs.writeFileSync(
    taskFile,
    [
      JSON.stringify({ prompt_audio: 'prompts/a.wav', prompt_text: 'hello', input_text: 'Good morning.', output_name: 'one' }),
      JSON.stringify({ prompt_audio: 'prompts/missing.wav', prompt_text: 'hello', input_text: 'Second task.', output_name: 'two' }),
      '{"prompt_audio": "prompts/a.wav", "input_text": "broken",',
      JSON.stringify({ prompt_audio: 'prompts/a.wav', input_text: '你好，世界。', output_name: 'four' }),
      ...extraLines,
    ].join('\n') + '\n',
  );
  return { dir, taskFile, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
