// Signal helpers for tests: synthetic prompts and measurements on decoded WAVs.
import * as fs from 'node:fs';
import { encodeWav16, decodeWav } from '../../../inference/engine/audio/wavIo';

/** A voiced-like prompt: harmonics of f0 with a slow amplitude wobble. */
export function harmonicSignal(f0: number, seconds: number, rate: number, amp = 0.5): Float32Array {
  const n = Math.round(seconds * rate);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / rate;
    let v = 0;
    for (let h = 1; h <= 5; h++) v += Math.sin(2 * Math.PI * f0 * h * t) / h;
    x[i] = amp * 0.6 * v * (0.75 + 0.25 * Math.sin(2 * Math.PI * 3 * t));
  }
  return x;
}

export function writeWav(path: string, samples: Float32Array, rate: number): string {
  fs.writeFileSync(path, encodeWav16(samples, rate));
  return path;
}

export function readWav(path: string): { samples: Float32Array; sampleRate: number } {
  return decodeWav(fs.readFileSync(path));
}

export function rms(x: Float32Array, from = 0, to = x.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i] * x[i];
  return Math.sqrt(s / Math.max(1, to - from));
}
