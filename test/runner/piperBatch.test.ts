// A Piper voice the user placed on disk, named with --voice (what the extension's ttsBatch.run.voice setting turns
// into), runs a whole batch through the same runner and worker path as the built-in voice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WaveFile } from 'wavefile';
import { buildTestVoice, writeVoice } from '../engine/helpers/piperModels';
import { assertJournalMatchesDisk, logLines, makeBatch, runCli, task, tempDir } from './helpers';

test('a Piper voice on disk named with --voice runs a batch: header, speaker, outputs at the requested rate', async (t) => {
  const dir = tempDir(t);
  fs.mkdirSync(path.join(dir, 'voices'));
  writeVoice(path.join(dir, 'voices'), 'two-speakers', buildTestVoice({ speakers: 2 }));
  makeBatch(dir, [task('hello there', 'a'), task('a longer line of text to speak', 'b'), task('hello there', 'c')]);
  const res = await runCli(
    ['run', 'tasks.jsonl', '--out', 'out', '--voice', 'voices/two-speakers.onnx', '--speaker', 'speaker1', '--sample-rate', '24000', '--format', 'json'],
    { cwd: dir, timeoutMs: 90000 },
  );
  assert.equal(res.code, 0, res.stderr);
  const header = res.events.find((e) => e.type === 'batch-started').header;
  assert.equal(header.voice, 'two-speakers');
  assert.equal(header.demoVoice, false);
  assert.equal(header.model, path.join(dir, 'voices', 'two-speakers.onnx'));
  const journal = assertJournalMatchesDisk(path.join(dir, 'out'), path.join(dir, 'out', 'tasks.results.jsonl'));
  assert.deepEqual([1, 2, 3].map((l) => journal.get(l)?.status), ['succeeded', 'succeeded', 'succeeded']);
  const wavs = ['a', 'b', 'c'].map((n) => {
    const w = new WaveFile(fs.readFileSync(path.join(dir, 'out', `${n}.wav`)));
    return { rate: (w.fmt as { sampleRate: number }).sampleRate, samples: (w.getSamples(false, Int16Array) as unknown as Int16Array).length };
  });
  assert.ok(wavs.every((w) => w.rate === 24000 && w.samples > 0));
  // Longer text, longer audio (the voice's durations follow its phonemes); the same text and seed, the same bytes.
  assert.ok(wavs[1].samples > wavs[0].samples);
  assert.equal(journal.get(1)?.sha256, journal.get(3)?.sha256);
  assert.ok(logLines(path.join(dir, 'out', 'tasks.log')).some((l) => /Voice\/model: +two-speakers \[.*two-speakers\.onnx\]/.test(l)));
});
