// NodeFileFacts: one stat per distinct path, one listing per folder, WAV headers read once per file version;
// header parsing of the WAV variants users have (float, extensible, extra chunks, truncated, streamed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WaveFile } from 'wavefile';
import { parseWavHeader } from '../../server/core';
import { NodeFileFacts } from '../../server/node/nodeFileFacts';
import { project, task, tempDir, removeDir, writeWav } from './helpers';

test('a 5,000-line file with 5 distinct prompts costs 5 stats and 5 header reads', async () => {
  const p = project();
  try {
    for (let i = 0; i < 5; i++) p.wav(`prompts/s${i}.wav`, 4);
    const lines = Array.from({ length: 5000 }, (_, i) => task({ prompt_audio: `prompts/s${i % 5}.wav`, output_name: `o${i}` }));
    lines.push(task({ prompt_audio: 'prompts/missing.wav', output_name: 'm1' }), task({ prompt_audio: 'prompts/Missing.wav', output_name: 'm2' }));
    const files = new NodeFileFacts();
    const diags = await p.check(lines.join('\n'), { files });
    assert.deepEqual(diags.map((d) => d.code), ['batch-too-large', 'audio-not-found', 'audio-not-found']);
    // 5 prompts + 2 missing names + their folder (case check); the folder is listed once.
    assert.equal(files.counts.stat, 8);
    assert.equal(files.counts.wav, 5);
    assert.equal(files.counts.list, 1);
    // A second validation with the same facts object reads nothing again.
    await p.check(lines.join('\n'), { files });
    assert.deepEqual(files.counts, { stat: 8, wav: 5, list: 1 });
  } finally {
    p.cleanup();
  }
});

test('WAV facts follow the file: re-read when it changes (size/mtime), or after invalidate()', async () => {
  const dir = tempDir();
  try {
    const f = path.join(dir, 'a.wav');
    writeWav(f, 3, 24000);
    const files = new NodeFileFacts({ ttlMs: 0 });
    const first = await files.wav(f);
    assert.ok(first.ok && Math.abs(first.durationSeconds - 3) < 0.01);
    assert.deepEqual(await files.wav(f), first);
    writeWav(f, 6, 16000);
    const second = await files.wav(f);
    assert.ok(second.ok && Math.abs(second.durationSeconds - 6) < 0.01 && second.sampleRate === 16000);
    const cached = new NodeFileFacts({ ttlMs: Infinity });
    assert.equal((await cached.path(path.join(dir, 'b.wav'))).kind, 'missing');
    writeWav(path.join(dir, 'b.wav'), 2);
    assert.equal((await cached.path(path.join(dir, 'b.wav'))).kind, 'missing');
    cached.invalidate(path.join(dir, 'b.wav'));
    assert.equal((await cached.path(path.join(dir, 'b.wav'))).kind, 'file');
  } finally {
    removeDir(dir);
  }
});

test('only the header bytes are read: a 200 MB sparse WAV is measured instantly', async () => {
  const dir = tempDir();
  try {
    const f = path.join(dir, 'big.wav');
    const w = new WaveFile();
    w.fromScratch(1, 16000, '16', new Int16Array(16));
    const head = Buffer.from(w.toBuffer()).subarray(0, 44);
    const dataBytes = 200 * 1024 * 1024;
    head.writeUInt32LE(36 + dataBytes, 4);
    head.writeUInt32LE(dataBytes, 40);
    const fd = fs.openSync(f, 'w');
    fs.writeSync(fd, head);
    fs.ftruncateSync(fd, 44 + dataBytes);
    fs.closeSync(fd);
    const t0 = Date.now();
    const facts = await new NodeFileFacts().wav(f);
    assert.ok(Date.now() - t0 < 500);
    assert.ok(facts.ok);
    assert.equal(Math.round(facts.durationSeconds), Math.round(dataBytes / 32000));
  } finally {
    removeDir(dir);
  }
});

function riff(chunks: Array<[string, Buffer]>): Buffer {
  const parts = chunks.map(([id, body]) => {
    const h = Buffer.alloc(8);
    h.write(id, 0, 'ascii');
    h.writeUInt32LE(body.length, 4);
    return Buffer.concat([h, body, body.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  });
  const body = Buffer.concat([Buffer.from('WAVE'), ...parts]);
  const h = Buffer.alloc(8);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(body.length, 4);
  return Buffer.concat([h, body]);
}

function fmt(format: number, channels: number, rate: number, bits: number, extensibleSub?: number): Buffer {
  const b = Buffer.alloc(extensibleSub !== undefined ? 40 : 16);
  b.writeUInt16LE(extensibleSub !== undefined ? 0xfffe : format, 0);
  b.writeUInt16LE(channels, 2);
  b.writeUInt32LE(rate, 4);
  b.writeUInt32LE((rate * channels * bits) / 8, 8);
  b.writeUInt16LE((channels * bits) / 8, 12);
  b.writeUInt16LE(bits, 14);
  if (extensibleSub !== undefined) {
    b.writeUInt16LE(22, 16);
    b.writeUInt16LE(extensibleSub, 24);
  }
  return b;
}

test('WAV header variants: LIST before fmt, odd-sized chunk, extensible, float, truncated, streamed size', async () => {
  const data = Buffer.alloc(48000 * 2); // 1 s of 16-bit mono at 48 kHz
  const withList = riff([['LIST', Buffer.alloc(5, 1)], ['fmt ', fmt(1, 1, 48000, 16)], ['data', data]]);
  const a = await parseWavHeader(withList);
  assert.ok(a.ok && a.durationSeconds === 1 && a.sampleRate === 48000);
  const ext = await parseWavHeader(riff([['fmt ', fmt(0, 2, 24000, 24, 1)], ['data', Buffer.alloc(24000 * 6)]]));
  assert.ok(ext.ok && ext.audioFormat === 1 && ext.channels === 2 && ext.durationSeconds === 1);
  const float = await parseWavHeader(riff([['fmt ', fmt(3, 1, 16000, 32)], ['data', Buffer.alloc(16000 * 4 * 2)]]));
  assert.ok(float.ok && float.durationSeconds === 2);
  const full = riff([['fmt ', fmt(1, 1, 48000, 16)], ['data', data]]);
  const truncated = await parseWavHeader(full.subarray(0, full.length / 2));
  assert.ok(truncated.ok && truncated.durationSeconds < 0.5);
  const streamed = Buffer.from(full);
  streamed.writeUInt32LE(0xffffffff, 40);
  const s = await parseWavHeader(streamed);
  assert.ok(s.ok && s.durationSeconds === 1);
  const noData = await parseWavHeader(riff([['fmt ', fmt(1, 1, 48000, 16)]]));
  assert.deepEqual(noData, { ok: false, reason: 'no data chunk (no audio samples)' });
  const adpcm = await parseWavHeader(riff([['fmt ', fmt(2, 1, 8000, 4)], ['data', Buffer.alloc(100)]]));
  assert.equal(adpcm.ok, false);
  assert.deepEqual(await parseWavHeader(new Uint8Array(0)), { ok: false, reason: 'the file is empty' });
  assert.deepEqual(await parseWavHeader(Buffer.from('fLaC\0\0\0\0\0\0\0\0\0\0')), { ok: false, reason: 'it is a FLAC file, not WAV' });
});

test('files written by wavefile (the tests\' own fixtures) parse the same as wavefile reads them', async () => {
  const dir = tempDir();
  try {
    for (const [rate, seconds, depth] of [[22050, 2.5, '16'], [44100, 1, '32f'], [16000, 7, '16']] as const) {
      const f = path.join(dir, `${rate}.wav`);
      writeWav(f, seconds, rate, 1, depth);
      const facts = await new NodeFileFacts().wav(f);
      const w = new WaveFile(fs.readFileSync(f));
      const fmtChunk = w.fmt as { sampleRate: number; numChannels: number };
      assert.ok(facts.ok);
      assert.equal(facts.sampleRate, fmtChunk.sampleRate);
      assert.equal(facts.channels, fmtChunk.numChannels);
      assert.ok(Math.abs(facts.durationSeconds - seconds) < 0.001);
    }
  } finally {
    removeDir(dir);
  }
});
