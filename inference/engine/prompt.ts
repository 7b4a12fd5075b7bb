// Prompt audio for a task: read once, cached by path + size + mtime (a batch reuses a few prompts many times),
// with its median F0 computed on first use.
import * as fs from 'node:fs';
import { decodeWav } from './audio/wavIo';
import { medianF0 } from './audio/pitch';
import { VoiceError, type PromptAudio } from './voice';

const cache = new Map<string, PromptAudio>();
const MAX_CACHED = 32;

export async function loadPrompt(path: string): Promise<PromptAudio> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(path);
  } catch {
    throw new VoiceError('invalid-input', `prompt audio not found: ${path}`);
  }
  if (!stat.isFile()) throw new VoiceError('invalid-input', `prompt audio is not a file: ${path}`);
  const key = `${path}\0${stat.size}\0${stat.mtimeMs}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  let audio;
  try {
    audio = decodeWav(await fs.promises.readFile(path));
  } catch (err) {
    throw new VoiceError('invalid-input', `prompt audio is not a readable WAV file (${err instanceof Error ? err.message : String(err)}): ${path}`);
  }
  if (!audio.samples.length) throw new VoiceError('invalid-input', `prompt audio has no samples: ${path}`);
  let f0: number | undefined | null = null;
  const prompt: PromptAudio = {
    path,
    samples: audio.samples,
    sampleRate: audio.sampleRate,
    medianF0Hz() {
      if (f0 === null) f0 = medianF0(audio.samples, audio.sampleRate);
      return f0;
    },
  };
  cache.set(key, prompt);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  return prompt;
}
