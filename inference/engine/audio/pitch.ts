// Median fundamental frequency of a recording (YIN, de Cheveigné & Kawahara 2002, on a 8 kHz copy): the
// built-in voice pitches its tones to the prompt speaker this way. Frames that are silent or unvoiced (no
// clear periodicity) are left out; undefined when no frame is voiced.
import { resample } from './resample';

const ANALYSIS_RATE = 8000;
const MIN_F0 = 60;
const MAX_F0 = 500;
const FRAME = 400; // 50 ms at 8 kHz: two periods of the lowest F0
const HOP = 160; // 20 ms
const THRESHOLD = 0.15;
const MAX_FRAMES = 200;

export function estimateF0Track(samples: Float32Array, sampleRate: number): number[] {
  const x = sampleRate === ANALYSIS_RATE ? samples : resample(samples, sampleRate, ANALYSIS_RATE);
  const minLag = Math.floor(ANALYSIS_RATE / MAX_F0);
  const maxLag = Math.ceil(ANALYSIS_RATE / MIN_F0);
  const window = FRAME;
  let globalPeak = 0;
  for (let i = 0; i < x.length; i++) globalPeak = Math.max(globalPeak, Math.abs(x[i]));
  const silence = globalPeak * 0.05;
  const d = new Float64Array(maxLag + 1);
  const track: number[] = [];
  // Long prompts: at most MAX_FRAMES frames spread evenly over the recording (the median needs no more).
  const span = x.length - window - maxLag;
  const hop = Math.max(HOP, Math.ceil(span / MAX_FRAMES));
  for (let start = 0; start <= span; start += hop) {
    let energy = 0;
    for (let i = 0; i < window; i++) energy += x[start + i] * x[start + i];
    if (Math.sqrt(energy / window) < silence * 0.5) continue;
    // Difference function and its cumulative-mean normalisation.
    let running = 0;
    d[0] = 1;
    let picked = -1;
    for (let lag = 1; lag <= maxLag; lag++) {
      let sum = 0;
      for (let i = 0; i < window; i++) {
        const diff = x[start + i] - x[start + i + lag];
        sum += diff * diff;
      }
      running += sum;
      d[lag] = running > 0 ? (sum * lag) / running : 1;
    }
    for (let lag = minLag; lag <= maxLag; lag++) {
      if (d[lag] < THRESHOLD) {
        while (lag + 1 <= maxLag && d[lag + 1] < d[lag]) lag++;
        picked = lag;
        break;
      }
    }
    if (picked < 0) continue;
    // Parabolic interpolation around the dip for sub-sample precision.
    let lag = picked;
    if (picked > 1 && picked < maxLag) {
      const a = d[picked - 1];
      const b = d[picked];
      const c = d[picked + 1];
      const denom = a - 2 * b + c;
      if (denom !== 0) lag = picked + (0.5 * (a - c)) / denom;
    }
    track.push(ANALYSIS_RATE / lag);
  }
  return track;
}

export function medianF0(samples: Float32Array, sampleRate: number): number | undefined {
  const track = estimateF0Track(samples, sampleRate).sort((a, b) => a - b);
  if (track.length < 3) return undefined;
  const mid = track.length >> 1;
  return track.length % 2 ? track[mid] : (track[mid - 1] + track[mid]) / 2;
}
