// The resampler keeps a sine's frequency and amplitude, and removes what the new rate cannot carry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resample } from '../../inference/engine/audio/resample';

function sine(freq: number, rate: number, seconds: number, amp: number): Float32Array {
  const n = Math.round(rate * seconds);
  return Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / rate));
}

/** Frequency from interpolated upward zero crossings over the middle of the signal. */
function measuredFrequency(x: Float32Array, rate: number): number {
  const crossings: number[] = [];
  for (let i = 200; i < x.length - 200; i++) {
    if (x[i - 1] < 0 && x[i] >= 0) crossings.push(i - 1 + -x[i - 1] / (x[i] - x[i - 1]));
  }
  return ((crossings.length - 1) * rate) / (crossings[crossings.length - 1] - crossings[0]);
}

function peak(x: Float32Array): number {
  let m = 0;
  for (let i = 200; i < x.length - 200; i++) m = Math.max(m, Math.abs(x[i]));
  return m;
}

const cases: Array<[number, number, number]> = [
  [22050, 24000, 1000],
  [16000, 24000, 440],
  [24000, 16000, 3000],
  [44100, 24000, 5000],
  [24000, 48000, 7000],
  [22050, 16000, 2500],
];

for (const [from, to, freq] of cases) {
  test(`a ${freq} Hz sine keeps frequency and amplitude from ${from} to ${to} Hz`, () => {
    const x = sine(freq, from, 1, 0.5);
    const y = resample(x, from, to);
    assert.equal(y.length, Math.floor((x.length * to) / from));
    const f = measuredFrequency(y, to);
    assert.ok(Math.abs(f - freq) / freq < 1e-4, `frequency ${f} vs ${freq}`);
    const a = peak(y);
    assert.ok(Math.abs(a - 0.5) < 0.5 * 0.003, `amplitude ${a} vs 0.5`);
    // Against the ideal sine at the new rate, sample by sample (away from the edges).
    const ideal = sine(freq, to, y.length / to, 0.5);
    let worst = 0;
    for (let i = 200; i < y.length - 200; i++) worst = Math.max(worst, Math.abs(y[i] - ideal[i]));
    assert.ok(worst < 2e-3, `max deviation from the ideal sine ${worst}`);
  });
}

test('content above the new Nyquist frequency is removed, not folded back', () => {
  const x = sine(10000, 24000, 1, 0.5); // cannot exist at 16 kHz (Nyquist 8 kHz)
  const y = resample(x, 24000, 16000);
  let energy = 0;
  for (let i = 200; i < y.length - 200; i++) energy += y[i] * y[i];
  const rmsOut = Math.sqrt(energy / (y.length - 400));
  assert.ok(rmsOut < 0.5 * 1e-3, `aliased residue rms ${rmsOut} (a nearest-sample resampler leaves ~0.35)`);
});

test('same rate copies; odd rates (no small common divisor) still work', () => {
  const x = sine(300, 8000, 0.2, 0.25);
  assert.deepEqual(resample(x, 8000, 8000), x);
  const y = resample(sine(300, 11025, 0.5, 0.25), 11025, 44101);
  assert.ok(Math.abs(measuredFrequency(y, 44101) - 300) < 0.1);
  assert.throws(() => resample(x, 0, 8000), /positive integers/);
});
