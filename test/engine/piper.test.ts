// Piper-format voices made by the test (single- and multi-speaker, both output layouts) load and run through the
// worker; a model with the wrong inputs, a missing config, and an espeak voice without espeak-ng are refused
// with messages that say what to do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { VoiceSpec } from '../../inference/engine/protocol';
import { EngineError, EngineWorker } from '../../inference/engine/workerClient';
import { readWav } from './helpers/audio';
import { tempDir, workerPath } from './helpers/paths';
import { TEST_RATE, buildTestVoice, buildWrongInputsModel, writeVoice } from './helpers/piperModels';

const start = (voice: VoiceSpec, env?: NodeJS.ProcessEnv) =>
  EngineWorker.start({ workerPath: workerPath(), voice, ep: 'cpu', intraOpThreads: 1, ...(env ? { env } : {}) });

test('a single-speaker Piper voice ([B,1,1,S] output) speaks at its own rate, resampled to the requested one', async (t) => {
  const dir = tempDir(t);
  const model = writeVoice(dir, 'en_test-single', buildTestVoice());
  const w = await start({ kind: 'piper', modelPath: model });
  t.after(() => w.shutdown());
  assert.equal(w.ready.voice.name, 'en_test-single');
  assert.equal(w.ready.voice.sampleRate, TEST_RATE);
  assert.equal(w.ready.voice.demo, undefined);
  assert.equal(w.ready.provider, 'cpu');
  const r = await w.synthesize({ text: 'abc', seed: 1, sampleRate: 24000, outputPath: path.join(dir, 'abc.wav') });
  // ^ _ a _ b _ c _ $ → 9 ids × 256 samples at 16 kHz, resampled to 24 kHz.
  assert.equal(r.samples, Math.floor((9 * 256 * 24000) / TEST_RATE));
  assert.equal(readWav(r.outputPath).sampleRate, 24000);
  // Upper case falls back to the lower-case symbol; unknown symbols are skipped and reported.
  const upper = await w.synthesize({ text: 'ABC', seed: 1, sampleRate: 24000, outputPath: path.join(dir, 'ABC.wav') });
  assert.equal(upper.sha256, r.sha256);
  const odd = await w.synthesize({ text: 'a§b', seed: 1, sampleRate: 24000, outputPath: path.join(dir, 'odd.wav') });
  assert.match((odd.warnings ?? []).join(), /skipped symbols the voice does not know: §/);
});

test('same seed → same bytes in another process; another seed changes the noise', async (t) => {
  const dir = tempDir(t);
  const model = writeVoice(dir, 'noisy', buildTestVoice());
  const hashes: string[] = [];
  for (const seed of [5, 5, 6]) {
    const w = await start({ kind: 'piper', modelPath: model });
    hashes.push((await w.synthesize({ text: 'hello there', seed, sampleRate: 22050, outputPath: path.join(dir, `${seed}-${hashes.length}.wav`) })).sha256);
    await w.shutdown();
  }
  assert.equal(hashes[0], hashes[1]);
  assert.notEqual(hashes[0], hashes[2]);
});

test('a multi-speaker pinyin voice ([B,1,S] output): sid by name or number, Chinese text through pinyin', async (t) => {
  const dir = tempDir(t);
  const model = writeVoice(dir, 'zh_test-multi', buildTestVoice({ speakers: 4, outputRank: 3, phonemeType: 'pinyin' }));
  const w = await start({ kind: 'piper', modelPath: model, speaker: 'speaker1' });
  t.after(() => w.shutdown());
  assert.equal(w.ready.voice.speakers, 4);
  const base = { text: '你好世界', seed: 1, sampleRate: 16000 };
  const byLoad = await w.synthesize({ ...base, outputPath: path.join(dir, 'load.wav') });
  const byName = await w.synthesize({ ...base, speaker: 'speaker1', outputPath: path.join(dir, 'name.wav') });
  const byId = await w.synthesize({ ...base, speaker: 3, outputPath: path.join(dir, 'id.wav') });
  assert.equal(byLoad.sha256, byName.sha256);
  assert.notEqual(byName.sha256, byId.sha256);
  assert.equal(byLoad.warnings, undefined, 'every pinyin letter and tone digit is known');
  // ^ _ then n i 3 · h a o 3 · s h i 4 · j i e 4 (15 letters/digits and 3 syllable gaps, each + _) then $.
  assert.equal(byLoad.samples, (2 + 18 * 2 + 1) * 256);
  await assert.rejects(w.synthesize({ ...base, speaker: 'nobody', outputPath: path.join(dir, 'x.wav') }), (e: EngineError) =>
    e.kind === 'invalid-input' && /unknown speaker "nobody" \(ids 0–3; names: speaker0/.test(e.message),
  );
});

test('a model with the wrong inputs is refused, naming what it has and what a Piper voice needs', async (t) => {
  const dir = tempDir(t);
  const model = path.join(dir, 'vocoder.onnx');
  fs.writeFileSync(model, buildWrongInputsModel());
  fs.writeFileSync(`${model}.json`, JSON.stringify(buildTestVoice().config));
  await assert.rejects(start({ kind: 'piper', modelPath: model }), (e: EngineError) => {
    assert.equal(e.kind, 'load-failed');
    assert.match(e.message, /is not a usable Piper voice: it has no input "input"/);
    assert.match(e.message, /inputs a Piper voice does not have: "mel"/);
    assert.match(e.message, /Expected: a Piper voice takes "input" \(int64/);
    return true;
  });
  // A multi-speaker config on a model without sid.
  const single = writeVoice(dir, 'nosid', buildTestVoice());
  const cfg = JSON.parse(fs.readFileSync(`${single}.json`, 'utf8'));
  fs.writeFileSync(`${single}.json`, JSON.stringify({ ...cfg, num_speakers: 3 }));
  await assert.rejects(start({ kind: 'piper', modelPath: single }), /says 3 speakers \(num_speakers\) but the model has no "sid" input/);
});

test('missing or broken files are explained', async (t) => {
  const dir = tempDir(t);
  const model = path.join(dir, 'lonely.onnx');
  fs.writeFileSync(model, buildTestVoice().model);
  await assert.rejects(start({ kind: 'piper', modelPath: model }), /lonely\.onnx\.json was not found: a Piper voice is two files/);
  fs.writeFileSync(`${model}.json`, '{"audio": {}}');
  await assert.rejects(start({ kind: 'piper', modelPath: model }), /"audio.sample_rate" must be the voice's sample rate/);
  const garbage = path.join(dir, 'garbage.onnx');
  fs.writeFileSync(garbage, 'not a model at all');
  fs.writeFileSync(`${garbage}.json`, JSON.stringify(buildTestVoice().config));
  await assert.rejects(start({ kind: 'piper', modelPath: garbage }), (e: EngineError) => e.kind === 'load-failed' && /garbage\.onnx/.test(e.message));
  await assert.rejects(start({ kind: 'piper', modelPath: path.join(dir, 'nowhere.onnx') }), /not found/);
  // A folder holding exactly one voice works like naming the .onnx.
  const folder = path.join(dir, 'voicedir');
  fs.mkdirSync(folder);
  writeVoice(folder, 'only', buildTestVoice());
  const w = await start({ kind: 'piper', modelPath: folder });
  assert.equal(w.ready.voice.name, 'only');
  await w.shutdown();
});

test('espeak voices: without espeak-ng a how-to-install message; with it, its IPA drives the voice', async (t) => {
  const dir = tempDir(t);
  const symbols = ['_', '^', '$', ' ', ',', '.', 'h', 'ə', 'l', 'ˈ', 'o', 'ʊ'];
  const model = writeVoice(dir, 'en_US-test', buildTestVoice({ phonemeType: 'espeak', symbols }));
  await assert.rejects(start({ kind: 'piper', modelPath: model }, { ...process.env, TTS_BATCH_ESPEAK: path.join(dir, 'no-espeak-ng') }), (e: EngineError) => {
    assert.equal(e.kind, 'load-failed');
    assert.match(e.message, /needs eSpeak NG .*voice "en-us"/);
    assert.match(e.message, /apt-get install espeak-ng/);
    return true;
  });
  // A stand-in espeak-ng that records its arguments and answers like the real one.
  const fake = path.join(dir, 'espeak-ng');
  const argsLog = path.join(dir, 'args.txt');
  fs.writeFileSync(fake, `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "eSpeak NG text-to-speech: 1.51"; exit 0; fi\necho "$@" >> "${argsLog}"\necho " həlˈoʊ"\n`, { mode: 0o755 });
  const w = await start({ kind: 'piper', modelPath: model }, { ...process.env, TTS_BATCH_ESPEAK: fake });
  t.after(() => w.shutdown());
  const r = await w.synthesize({ text: 'Hello, hello.', seed: 1, sampleRate: 16000, outputPath: path.join(dir, 'e.wav') });
  assert.equal(r.warnings, undefined);
  const calls = fs.readFileSync(argsLog, 'utf8').trim().split('\n');
  // The first call is the warm-up at load; then one call per clause.
  assert.deepEqual(calls, ['-q --ipa -v en-us -- a', '-q --ipa -v en-us -- Hello', '-q --ipa -v en-us -- hello']);
  // ^ _ + (h ə l ˈ o ʊ , ' ' h ə l ˈ o ʊ .) each + _ + $: 15 phonemes.
  assert.equal(r.samples, (2 + 2 * 15 + 1) * 256);
});
