// Prompt recordings for the sample workspaces are made at test time (known duration and format, nothing
// binary in git), and output WAVs are read back whole to prove they are complete.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WaveFile } from 'wavefile';

export interface ToneSpec {
  seconds: number;
  sampleRate: number;
  channels?: number;
  bitDepth?: '16' | '24' | '32';
}

/** A quiet 220 Hz tone: a valid PCM WAV of exactly the given length and format. */
export function writeToneWav(file: string, spec: ToneSpec): void {
  const channels = spec.channels ?? 1;
  const bitDepth = spec.bitDepth ?? '16';
  const n = Math.round(spec.seconds * spec.sampleRate);
  const peak = (2 ** (Number(bitDepth) - 1) - 1) * 0.2;
  const one = new Int32Array(n);
  for (let i = 0; i < n; i++) one[i] = Math.round(peak * Math.sin((2 * Math.PI * 220 * i) / spec.sampleRate));
  const wav = new WaveFile();
  wav.fromScratch(channels, spec.sampleRate, bitDepth, channels === 1 ? one : Array.from({ length: channels }, () => one));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, wav.toBuffer());
}

export interface WavFacts {
  sampleRate: number;
  channels: number;
  frames: number;
  seconds: number;
}

/**
 * Reads a WAV and checks that it is whole: RIFF size and data size agree with the file's length, the data is
 * not empty. A file cut off mid-write fails here.
 */
export function readCompleteWav(file: string): WavFacts {
  const bytes = fs.readFileSync(file);
  if (bytes.length < 44 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(`${file} is not a WAV file (${bytes.length} bytes)`);
  }
  const riffSize = bytes.readUInt32LE(4);
  if (riffSize + 8 !== bytes.length) throw new Error(`${file} is truncated or padded: RIFF says ${riffSize + 8} bytes, the file has ${bytes.length}`);
  const wav = new WaveFile(bytes);
  const fmt = wav.fmt as { numChannels: number; sampleRate: number; bitsPerSample: number };
  const data = wav.data as { chunkSize: number };
  const frameBytes = (fmt.numChannels * fmt.bitsPerSample) / 8;
  if (!data.chunkSize || data.chunkSize % frameBytes !== 0) throw new Error(`${file}: data chunk of ${data.chunkSize} bytes is empty or torn`);
  const frames = data.chunkSize / frameBytes;
  return { sampleRate: fmt.sampleRate, channels: fmt.numChannels, frames, seconds: frames / fmt.sampleRate };
}
