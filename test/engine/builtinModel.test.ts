// The committed built-in voice is exactly what the script generates: regenerating gives identical bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILTIN_CONFIG_FILE, BUILTIN_MODEL_FILE, buildBuiltinVoice } from '../../inference/engine/builtin/builtinModel';
import { repoRoot, tempDir } from './helpers/paths';

test('scripts/make-builtin-voice regenerates the committed model and config byte for byte', (t) => {
  const dir = tempDir(t);
  const script = path.join(__dirname, '..', '..', 'scripts', 'make-builtin-voice.js');
  const res = spawnSync(process.execPath, [script, dir], { encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  for (const file of [BUILTIN_MODEL_FILE, BUILTIN_CONFIG_FILE]) {
    const committed = fs.readFileSync(path.join(repoRoot(), 'models', file));
    const fresh = fs.readFileSync(path.join(dir, file));
    assert.ok(committed.equals(fresh), `${file} differs from a fresh generation: run the script and commit models/`);
  }
});

test('the built-in voice is a small Piper-format voice that says it is a demo', () => {
  const { model, config } = buildBuiltinVoice();
  assert.ok(model.length < 64 * 1024, `${model.length} bytes`);
  const c = JSON.parse(config);
  assert.equal(c.audio.sample_rate, 22050);
  assert.equal(c.phoneme_type, 'pinyin');
  assert.ok(c.num_speakers > 100);
  assert.equal(c.tts_batch.demo, true);
  for (const s of ['_', '^', '$', ' ', 'a', 'z', 'ü', '1', '5', '，', '。', ',', '.']) assert.ok(c.phoneme_id_map[s], `symbol ${s}`);
  assert.deepEqual(buildBuiltinVoice().model, model, 'same bytes within one process');
});
