// Prompt audio on disk (rule 6): real WAV files, real case-mismatched names, folders, broken files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codes, only, project, task } from './helpers';

const p = project();
p.wav('prompts/ok.wav', 5);
p.wav('prompts/Audio3.WAV', 5);
p.wav('prompts/short.wav', 1.5);
p.wav('prompts/long.wav', 20);
p.wav('prompts/huge.wav', 31, 16000);
p.wav('prompts/low.wav', 5, 8000);
p.wav('prompts/speaker_one.wav', 5);
p.wav('prompts/speaker_two.wav', 5);
p.wav('My Voices/voice 1.wav', 5);
p.wav('声音/提示.wav', 5);
p.write('prompts/not-a-wav.wav', 'this is text, not audio');
p.write('prompts/song.mp3.wav', Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
fs.mkdirSync(path.join(p.dir, 'prompts/folder.wav'));
test.after(() => p.cleanup());

const line = (audio: string): string => task({ prompt_audio: audio });

test('existing WAV of a good length: nothing to report', async () => {
  assert.deepEqual(codes(await p.check(`${line('prompts/ok.wav')}\n${line('./prompts/ok.wav')}\n`)), []);
});

test('audio-not-found: up to 3 similar names and ready-made replacements', async () => {
  const l = line('prompts/speaker_on.wav');
  const [d] = await p.check(`${l}\n`);
  assert.equal(d.code, 'audio-not-found');
  assert.equal(d.severity, 'error');
  assert.equal(d.range.start.character, l.indexOf('"prompts/speaker_on.wav"'));
  assert.equal(d.range.end.character, l.indexOf('"prompts/speaker_on.wav"') + '"prompts/speaker_on.wav"'.length);
  const data = d.data as { nearest: string[]; replacements: string[]; resolved: string };
  assert.deepEqual(data.nearest, ['speaker_one.wav', 'speaker_two.wav']);
  assert.deepEqual(data.replacements, ['prompts/speaker_one.wav', 'prompts/speaker_two.wav']);
  assert.equal(data.resolved, path.join(p.dir, 'prompts/speaker_on.wav'));
  assert.match(d.message, /Similar files: speaker_one.wav, speaker_two.wav/);
});

test('audio-case-mismatch: the real on-disk name is in data', async () => {
  const [d] = await p.check(`${line('prompts/audio3.wav')}\n`);
  assert.equal(d.code, 'audio-case-mismatch');
  const data = d.data as { actualName: string; replacement: string };
  assert.equal(data.actualName, 'Audio3.WAV');
  assert.equal(data.replacement, 'prompts/Audio3.WAV');
  // a case mismatch in the folder name is found too
  const [f] = await p.check(`${line('Prompts/Audio3.WAV')}\n`);
  assert.equal(f.code, 'audio-case-mismatch');
  assert.equal((f.data as { replacement: string }).replacement, 'prompts/Audio3.WAV');
  assert.deepEqual(codes(await p.check(`${line('prompts/Audio3.WAV')}\n`)), []);
});

test('audio-is-directory and audio-not-wav', async () => {
  const diags = await p.check(`${line('prompts/folder.wav')}\n${line('prompts/not-a-wav.wav')}\n${line('prompts/song.mp3.wav')}\n`);
  assert.deepEqual(codes(diags), ['audio-is-directory', 'audio-not-wav', 'audio-not-wav']);
  assert.match(diags[1].message, /no RIFF\/WAVE header/);
  assert.match(diags[2].message, /an MP3 file/);
});

test('durations and sample rate: too short, too long, over the hard limit, low rate', async () => {
  const diags = await p.check(`${line('prompts/short.wav')}\n${line('prompts/long.wav')}\n${line('prompts/huge.wav')}\n${line('prompts/low.wav')}\n`);
  assert.deepEqual(codes(diags), ['audio-too-short', 'audio-too-long', 'audio-over-limit', 'audio-low-sample-rate']);
  assert.deepEqual(diags.map((d) => d.severity), ['warning', 'warning', 'error', 'warning']);
  assert.match(diags[0].message, /1\.5 s/);
  assert.equal((diags[3].data as { sampleRate: number }).sampleRate, 8000);
  // limits are settings
  assert.deepEqual(codes(await p.check(`${line('prompts/long.wav')}\n`, { audioLimits: { maxSeconds: 25 } })), []);
});

test('portability: spaces, non-ASCII, backslashes, absolute paths outside the project', async () => {
  const spaces = await p.check(`${line('My Voices/voice 1.wav')}\n`);
  assert.deepEqual(codes(spaces), ['path-spaces']);
  const cjk = await p.check(`${line('声音/提示.wav')}\n`);
  assert.deepEqual(codes(cjk), ['path-non-ascii']);
  const back = await p.check(`${line('prompts\\ok.wav')}\n`);
  assert.ok(codes(back).includes('path-backslash'));
  assert.equal((only(back, 'path-backslash')[0].data as { replacement: string }).replacement, 'prompts/ok.wav');
  const outside = path.join(path.dirname(p.dir), 'elsewhere.wav');
  const abs = await p.check(`${line(outside)}\n`);
  assert.ok(codes(abs).includes('path-outside-project'));
  const inside = await p.check(`${line(path.join(p.dir, 'prompts/ok.wav'))}\n`);
  assert.deepEqual(codes(inside), []);
});

test('paths resolve against the project root (tts-batch) or the task file folder (indextts2)', async () => {
  p.wav('sub/voices/v.wav', 5);
  p.write('sub/text.txt', '你好。');
  const idx = JSON.stringify({ text_file: 'text.txt', voice: 'voices/v.wav', output: 'o.wav' });
  const taskFilePath = path.join(p.dir, 'sub', 'batch.jsonl');
  assert.deepEqual(codes(await p.check(`${idx}\n`, { profile: 'indextts2', taskFilePath })), []);
  const missing = await p.check(`${JSON.stringify({ text_file: 'nope.txt', voice: 'voices/v.wav', output: 'o.wav' })}\n`, { profile: 'indextts2', taskFilePath });
  assert.deepEqual(codes(missing), ['text-file-not-found']);
  // the same relative voice path from the project root does not exist
  const fromRoot = await p.check(`${task({ prompt_audio: 'voices/v.wav' })}\n`, { taskFilePath });
  assert.deepEqual(codes(fromRoot), ['audio-not-found']);
});

test('without FileFacts no disk checks are made', async () => {
  assert.deepEqual(codes(await p.check(`${line('prompts/missing.wav')}\n`, { files: undefined })), []);
});
