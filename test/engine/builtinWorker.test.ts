// The built-in demo voice through the real worker process: single tasks, a batch in one worker, determinism
// across processes, pitch following the prompt, progress and heartbeats, and bad input that loses nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { medianF0 } from '../../inference/engine/audio/pitch';
import { splitSentences, textUnits } from '../../inference/engine/text/segments';
import type { HeartbeatMessage, ProgressMessage } from '../../inference/engine/protocol';
import { EngineError, EngineWorker } from '../../inference/engine/workerClient';
import { harmonicSignal, readWav, rms, writeWav } from './helpers/audio';
import { tempDir, workerPath } from './helpers/paths';

const start = (extra: Partial<Parameters<typeof EngineWorker.start>[0]> = {}) =>
  EngineWorker.start({ workerPath: workerPath(), voice: { kind: 'builtin' }, ep: 'cpu', intraOpThreads: 1, ...extra });

test('one task: a 24 kHz 16-bit WAV, the header says demo voice and CPU', async (t) => {
  const dir = tempDir(t);
  const w = await start();
  t.after(() => w.shutdown());
  assert.equal(w.ready.provider, 'cpu');
  assert.equal(w.ready.voice.name, 'built-in demo voice');
  assert.equal(w.ready.voice.demo, true);
  assert.equal(w.ready.voice.sampleRate, 22050);
  const out = path.join(dir, 'one.wav');
  const r = await w.synthesize({ text: '你好，世界。Hello world.', seed: 42, sampleRate: 24000, outputPath: out });
  const bytes = fs.readFileSync(out);
  assert.equal(r.sha256, createHash('sha256').update(bytes).digest('hex'));
  const wav = readWav(out);
  assert.equal(wav.sampleRate, 24000);
  assert.equal(wav.samples.length, r.samples);
  assert.equal(bytes.readUInt16LE(34), 16);
  assert.ok(Math.abs(r.audioSeconds - r.samples / 24000) < 1e-9);
  assert.ok(r.audioSeconds > 1 && r.audioSeconds < 6, `${r.audioSeconds} s`);
  assert.ok(rms(wav.samples) > 0.02, 'not silent');
});

test('a batch in one worker: the voice loads once, every task gets its own file', async (t) => {
  const dir = tempDir(t);
  const w = await start();
  t.after(() => w.shutdown());
  const pid = w.pid;
  const texts = ['第一句。', 'Second line.', '第三句话，比较长一点。', 'Four.', '五'];
  const hashes = new Set<string>();
  for (const [i, text] of texts.entries()) {
    const r = await w.synthesize({ text, seed: 42, sampleRate: 16000, outputPath: path.join(dir, `${i}.wav`) });
    hashes.add(r.sha256);
    assert.equal(readWav(r.outputPath).sampleRate, 16000);
  }
  assert.equal(hashes.size, texts.length);
  assert.equal(w.pid, pid);
});

test('same task and seed → identical bytes across processes; another seed → different audio', async (t) => {
  const dir = tempDir(t);
  const task = { text: '同一个任务。Same task.', seed: 7, sampleRate: 24000 };
  const hashes: string[] = [];
  for (const name of ['a', 'b']) {
    const w = await start();
    const r = await w.synthesize({ ...task, outputPath: path.join(dir, `${name}.wav`) });
    hashes.push(r.sha256);
    await w.shutdown();
  }
  assert.equal(hashes[0], hashes[1]);
  assert.ok(fs.readFileSync(path.join(dir, 'a.wav')).equals(fs.readFileSync(path.join(dir, 'b.wav'))));
  const w = await start({ intraOpThreads: 2 });
  t.after(() => w.shutdown());
  const other = await w.synthesize({ ...task, seed: 8, outputPath: path.join(dir, 'c.wav') });
  assert.notEqual(other.sha256, hashes[0]);
});

test('the pitch follows the prompt: a 110 Hz and a 220 Hz prompt give tones an octave apart', async (t) => {
  const dir = tempDir(t);
  const low = writeWav(path.join(dir, 'low.wav'), harmonicSignal(110, 1.5, 16000), 16000);
  const high = writeWav(path.join(dir, 'high.wav'), harmonicSignal(220, 1.5, 22050), 22050);
  const w = await start();
  t.after(() => w.shutdown());
  const task = { text: 'a a a a a a. 啊啊啊啊。', seed: 1, sampleRate: 24000 };
  const rl = await w.synthesize({ ...task, promptAudioPath: low, outputPath: path.join(dir, 'l.wav') });
  const rh = await w.synthesize({ ...task, promptAudioPath: high, outputPath: path.join(dir, 'h.wav') });
  const none = await w.synthesize({ ...task, outputPath: path.join(dir, 'n.wav') });
  assert.notEqual(rl.sha256, rh.sha256);
  assert.notEqual(rl.sha256, none.sha256);
  const fl = medianF0(readWav(rl.outputPath).samples, 24000)!;
  const fh = medianF0(readWav(rh.outputPath).samples, 24000)!;
  assert.ok(Math.abs(fh / fl - 2) < 0.12, `output F0 ${fl.toFixed(1)} Hz vs ${fh.toFixed(1)} Hz`);
  assert.ok(Math.abs(fl - 110) / 110 < 0.08, `low output F0 ${fl}`);
  assert.ok(Math.abs(fh - 220) / 220 < 0.08, `high output F0 ${fh}`);
});

test('long text: split into segments, progress per segment, heartbeats while it runs', async (t) => {
  const dir = tempDir(t);
  const w = await start({ heartbeatMs: 20 });
  t.after(() => w.shutdown());
  const busyBeats: HeartbeatMessage[] = [];
  w.on('heartbeat', (m) => m.id !== undefined && busyBeats.push(m));
  const progress: ProgressMessage[] = [];
  const sentence = '这是一个用来测试长文本分段的句子，它有好几个部分。This sentence is here to make the text long. ';
  const text = sentence.repeat(5);
  const r = await w.synthesize(
    { text, seed: 3, sampleRate: 24000, maxSegmentUnits: 20, outputPath: path.join(dir, 'long.wav') },
    { onProgress: (m) => progress.push(m) },
  );
  const expected = splitSentences(text, 20);
  assert.ok(expected.length >= 10 && expected.every((s) => textUnits(s) <= 20));
  assert.equal(r.segments, expected.length);
  assert.deepEqual(progress.map((p) => p.segment), Array.from({ length: r.segments! + 1 }, (_, i) => i));
  assert.ok(progress.every((p) => p.segments === r.segments));
  assert.ok(busyBeats.length >= 2, `${busyBeats.length} heartbeats during synthesis`);
  assert.ok(busyBeats[0].rssBytes > 1e6);
});

test('execution providers: cuda fails clearly without CUDA, auto falls back to the CPU and says why', async (t) => {
  const auto = await start({ ep: 'auto' });
  t.after(() => auto.shutdown());
  if (auto.ready.provider === 'cuda') {
    // A machine with working CUDA: both settings must give CUDA.
    const cuda = await start({ ep: 'cuda' });
    assert.equal(cuda.ready.provider, 'cuda');
    await cuda.shutdown();
    return;
  }
  assert.equal(auto.ready.provider, 'cpu');
  assert.match(auto.ready.fallbackReason ?? '', /CUDA unavailable, using the CPU: .*CUDA provider libraries/);
  await assert.rejects(start({ ep: 'cuda' }), (err: EngineError) => {
    assert.equal(err.kind, 'load-failed');
    assert.match(err.message, /CUDA was requested but cannot be used/);
    assert.match(err.message, /"auto" or "cpu"/);
    return true;
  });
  const cpu = await start({ ep: 'cpu' });
  assert.equal(cpu.ready.fallbackReason, undefined);
  await cpu.shutdown();
});

test('bad input gets a clear error and the worker keeps serving', async (t) => {
  const dir = tempDir(t);
  const w = await start();
  t.after(() => w.shutdown());
  const base = { text: 'ok.', seed: 1, sampleRate: 24000 };
  const kind = async (p: Promise<unknown>, k: string, re: RegExp) =>
    assert.rejects(p, (e: EngineError) => e.kind === k && re.test(e.message));
  await kind(w.synthesize({ ...base, promptAudioPath: path.join(dir, 'missing.wav'), outputPath: path.join(dir, 'x.wav') }), 'invalid-input', /prompt audio not found/);
  fs.writeFileSync(path.join(dir, 'notwav.wav'), 'hello');
  await kind(w.synthesize({ ...base, promptAudioPath: path.join(dir, 'notwav.wav'), outputPath: path.join(dir, 'x.wav') }), 'invalid-input', /not a readable WAV/);
  await kind(w.synthesize({ ...base, text: '  ', outputPath: path.join(dir, 'x.wav') }), 'invalid-input', /text is empty/);
  await kind(w.synthesize({ ...base, sampleRate: 100, outputPath: path.join(dir, 'x.wav') }), 'invalid-input', /sample rate/);
  fs.writeFileSync(path.join(dir, 'file'), '');
  await kind(w.synthesize({ ...base, outputPath: path.join(dir, 'file', 'x.wav') }), 'write-error', /cannot write/);
  assert.ok(!fs.existsSync(path.join(dir, 'x.wav')));
  const r = await w.synthesize({ ...base, outputPath: path.join(dir, 'ok.wav') });
  assert.ok(fs.existsSync(r.outputPath));
});
