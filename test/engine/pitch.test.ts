// The prompt's median F0 (what the built-in voice follows) is estimated within a few percent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { medianF0 } from '../../inference/engine/audio/pitch';
import { harmonicSignal } from './helpers/audio';

for (const [f0, rate] of [[95, 16000], [130, 22050], [210, 24000], [320, 44100]] as const) {
  test(`median F0 of a ${f0} Hz voice-like signal at ${rate} Hz`, () => {
    const est = medianF0(harmonicSignal(f0, 1.5, rate), rate);
    assert.ok(est !== undefined);
    assert.ok(Math.abs(est - f0) / f0 < 0.02, `estimated ${est}`);
  });
}

test('silence and white noise have no F0', () => {
  assert.equal(medianF0(new Float32Array(16000), 16000), undefined);
  let s = 1;
  const noise = Float32Array.from({ length: 16000 }, () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 0.5);
  assert.equal(medianF0(noise, 16000), undefined);
});

test('the median ignores silent stretches', () => {
  const voiced = harmonicSignal(150, 0.6, 16000);
  const x = new Float32Array(voiced.length * 3);
  x.set(voiced, voiced.length);
  const est = medianF0(x, 16000)!;
  assert.ok(Math.abs(est - 150) < 3, `estimated ${est}`);
});
