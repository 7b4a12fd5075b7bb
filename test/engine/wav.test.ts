// Output WAVs: 16-bit PCM mono with correct header fields, duration = samples / rate, same samples → same bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeWav, encodeWav16 } from '../../inference/engine/audio/wavIo';

test('16-bit PCM mono header fields and data size', () => {
  const samples = Float32Array.from({ length: 24000 }, (_, i) => 0.5 * Math.sin(i / 10));
  const b = encodeWav16(samples, 24000);
  assert.equal(b.toString('ascii', 0, 4), 'RIFF');
  assert.equal(b.readUInt32LE(4), b.length - 8);
  assert.equal(b.toString('ascii', 8, 12), 'WAVE');
  assert.equal(b.toString('ascii', 12, 16), 'fmt ');
  assert.equal(b.readUInt32LE(16), 16);
  assert.equal(b.readUInt16LE(20), 1, 'PCM');
  assert.equal(b.readUInt16LE(22), 1, 'mono');
  assert.equal(b.readUInt32LE(24), 24000, 'sample rate');
  assert.equal(b.readUInt32LE(28), 48000, 'byte rate');
  assert.equal(b.readUInt16LE(32), 2, 'block align');
  assert.equal(b.readUInt16LE(34), 16, 'bits');
  assert.equal(b.toString('ascii', 36, 40), 'data');
  assert.equal(b.readUInt32LE(40), samples.length * 2);
  assert.equal(b.length, 44 + samples.length * 2);
  assert.equal(b.readUInt32LE(40) / 2 / b.readUInt32LE(24), 1, 'duration 1 s');
});

test('samples are rounded to the nearest step and clipped; decoding gives them back', () => {
  const b = encodeWav16(Float32Array.from([0, 0.5, -0.5, 1, -1, 2, -2, NaN]), 16000);
  const pcm = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => b.readInt16LE(44 + 2 * i));
  assert.deepEqual(pcm, [0, 16384, -16384, 32767, -32768, 32767, -32768, 0]);
  const back = decodeWav(b);
  assert.equal(back.sampleRate, 16000);
  assert.ok(Math.abs(back.samples[1] - 0.5) < 1e-4);
});

test('the same samples encode to identical bytes', () => {
  const s = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i));
  assert.deepEqual(encodeWav16(s, 22050), encodeWav16(s, 22050));
});

test('stereo prompt WAVs are mixed down to mono', () => {
  const { WaveFile } = require('wavefile') as typeof import('wavefile');
  const w = new WaveFile();
  w.fromScratch(2, 8000, '16', [new Int16Array([1000, 1000]), new Int16Array([3000, -1000])]);
  const d = decodeWav(w.toBuffer());
  assert.equal(d.samples.length, 2);
  assert.ok(Math.abs(d.samples[0] - 2000 / 32768) < 1e-3);
  assert.ok(Math.abs(d.samples[1]) < 1e-3);
});

test('prompt WAVs in 8-, 16-, 24-, 32-bit PCM and 32/64-bit float decode to the same signal', () => {
  const { WaveFile } = require('wavefile') as typeof import('wavefile');
  const ref = Float64Array.from({ length: 400 }, (_, i) => 0.6 * Math.sin(i / 7));
  const scale: Record<string, number> = { '8': 127, '16': 32767, '24': 8388607, '32': 2147483647 };
  for (const depth of ['8', '16', '24', '32', '32f', '64']) {
    const w = new WaveFile();
    const float = depth === '32f' || depth === '64';
    const samples = Array.from(ref, (v) => (float ? v : depth === '8' ? Math.round(v * 127 + 128) : Math.round(v * scale[depth])));
    w.fromScratch(1, 11025, depth, samples);
    const d = decodeWav(w.toBuffer());
    assert.equal(d.sampleRate, 11025, depth);
    assert.equal(d.samples.length, ref.length, depth);
    const tolerance = depth === '8' ? 0.01 : 1e-4;
    for (let i = 0; i < ref.length; i++) assert.ok(Math.abs(d.samples[i] - ref[i]) < tolerance, `${depth}-bit sample ${i}: ${d.samples[i]} vs ${ref[i]}`);
  }
  const mulaw = new WaveFile();
  mulaw.fromScratch(1, 8000, '16', Array.from(ref, (v) => Math.round(v * 32767)));
  mulaw.toMuLaw();
  const m = decodeWav(mulaw.toBuffer());
  assert.equal(m.samples.length, ref.length);
  assert.ok(Math.abs(m.samples[10] - ref[10]) < 0.02, 'µ-law through wavefile');
});
