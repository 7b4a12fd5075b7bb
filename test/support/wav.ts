// Prompt-audio stand-ins for tests and benchmarks: real WAV files written with wavefile.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WaveFile } from 'wavefile';

export interface ToneOptions {
  seconds?: number;
  sampleRate?: number;
  /** Fundamental in Hz (a voice-like 150 Hz by default). */
  frequency?: number;
  /** Peak amplitude, 0..1. */
  amplitude?: number;
  channels?: number;
  bitDepth?: '16' | '32f';
}

/** Writes a tone WAV (folders created as needed) and returns its path. */
export function writeToneWav(file: string, options: ToneOptions = {}): string {
  const { seconds = 3, sampleRate = 16000, frequency = 150, amplitude = 0.25, channels = 1, bitDepth = '16' } = options;
  const frames = Math.round(seconds * sampleRate);
  const float = bitDepth === '32f';
  const samples = float ? new Float64Array(frames * channels) : new Int16Array(frames * channels);
  for (let i = 0; i < frames; i++) {
    const v = amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate);
    for (let c = 0; c < channels; c++) samples[i * channels + c] = float ? v : Math.round(v * 32767);
  }
  const wav = new WaveFile();
  wav.fromScratch(channels, sampleRate, bitDepth, samples);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, wav.toBuffer());
  return file;
}
