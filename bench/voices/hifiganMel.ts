// A deterministic mel spectrogram for the HiFi-GAN benchmark voice: smooth, speech-like log-mel values (a
// falling spectral tilt, moving formant-like bumps and syllable-rate loudness), derived from a seed only.
// The benchmark's bare session.run loop and the worker voice call this same function on the same seeds.
export const MEL_BANDS = 80;
export const HOP = 256;
export const RATE = 22050;

export function deterministicMel(seed: number, frames: number): Float32Array {
  const mel = new Float32Array(MEL_BANDS * frames);
  const phase = ((seed >>> 0) % 10007) / 10007;
  for (let m = 0; m < MEL_BANDS; m++) {
    for (let f = 0; f < frames; f++) {
      const formant1 = Math.exp(-(((m - 12 - 6 * Math.sin(f / 9 + 6.28 * phase)) / 5) ** 2));
      const formant2 = Math.exp(-(((m - 35 - 8 * Math.sin(f / 13 + 3 * phase)) / 7) ** 2));
      const syllable = 0.5 + 0.5 * Math.sin((2 * Math.PI * f) / 20 + 6.28 * phase);
      const value = -7 + 5 * syllable * (0.4 + formant1 + 0.6 * formant2) - 0.04 * m;
      mel[m * frames + f] = Math.max(Math.log(1e-5), value);
    }
  }
  return mel;
}
