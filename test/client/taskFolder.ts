// A temporary project with a prompt WAV and a task file, as a user would have it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeToneWav as writeTone } from '../support/wav';

/** A 16-bit mono WAV of a tone (a stand-in for a recorded prompt). */
export function writeToneWav(file: string, seconds = 2.5, sampleRate = 24000): void {
  writeTone(file, { seconds, sampleRate, frequency: 180 });
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
