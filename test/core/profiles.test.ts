// Profiles: detection from keys, explicit choice, user schema files, and the real GLM-TTS corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinProfiles, detectProfile, profileFromSchema, validate } from '../../server/core';
import { NodeFileFacts } from '../../server/node/nodeFileFacts';
import { codes, project, tempDir, removeDir, writeWav } from './helpers';

const corpusDir = path.resolve(__dirname, '../../../../../shared/corpus/glm-tts');
const corpus = fs.existsSync(corpusDir) ? corpusDir : '/work/shared/corpus/glm-tts';

test('built-in profiles come from the schema files with their x-tts-batch blocks', () => {
  const ps = builtinProfiles();
  assert.deepEqual(ps.map((p) => p.id), ['tts-batch', 'glm-tts', 'indextts2']);
  const glm = ps[1];
  assert.deepEqual(glm.fields, { promptAudio: 'prompt_speech', promptText: 'prompt_text', text: 'syn_text', outputName: 'uttid' });
  assert.equal(glm.blankLines, 'error');
  assert.equal(ps[2].pathBase, 'taskFile');
  assert.equal(ps[0].pathBase, 'project');
});

test('detectProfile: from the keys of the first object lines', () => {
  assert.equal(detectProfile('{"prompt_audio": "a.wav", "input_text": "x"}\n'), 'tts-batch');
  assert.equal(detectProfile('{"uttid": "0", "prompt_text": "a", "prompt_speech": "a.wav", "syn_text": "b"}\n'), 'glm-tts');
  assert.equal(detectProfile('{"text": "x", "output": "o.wav"}\n{"text_file": "t.txt", "output": "p.wav"}\n'), 'indextts2');
  // broken first lines are skipped; a trailing comma or BOM does not stop detection
  assert.equal(detectProfile('garbage\n\uFEFF{"uttid": "0", "syn_text": "b", "prompt_speech": "a.wav"},\n'), 'glm-tts');
  assert.equal(detectProfile(''), undefined);
  assert.equal(detectProfile('{"foo": 1}'), undefined);
});

test('the shared GLM-TTS corpus is detected as glm-tts and, with its audio present, has zero errors', async () => {
  const files = fs.readdirSync(corpus).filter((f) => f.endsWith('.jsonl'));
  assert.ok(files.length >= 4, `corpus at ${corpus}`);
  const root = tempDir('tts-corpus-');
  try {
    for (const f of files) {
      const text = fs.readFileSync(path.join(corpus, f), 'utf8');
      assert.equal(detectProfile(text), 'glm-tts', f);
      // Stand-in prompts at the paths the files name (GLM-TTS checkout root = project root).
      for (const line of text.split('\n')) {
        const wav = path.join(root, (JSON.parse(line) as { prompt_speech: string }).prompt_speech);
        if (!fs.existsSync(wav)) writeWav(wav, 4, 24000);
      }
      const diags = await validate(text, { projectRoot: root, files: new NodeFileFacts() });
      const errors = diags.filter((d) => d.severity === 'error');
      assert.deepEqual(errors, [], f);
      // Without the audio they are reported, once per line.
      const noAudio = await validate(text, { projectRoot: tempDir('tts-empty-'), files: new NodeFileFacts() });
      assert.equal(codes(noAudio).filter((c) => c === 'audio-not-found').length, text.split('\n').length, f);
    }
  } finally {
    removeDir(root);
  }
});

test('an explicit profile wins over detection', async () => {
  const p = project();
  try {
    const line = '{"prompt_audio": "a.wav", "input_text": "你好。"}\n';
    const diags = await p.check(line, { profile: 'glm-tts', files: undefined });
    assert.ok(codes(diags).includes('missing-field'));
    assert.ok(codes(diags).includes('unknown-key'));
  } finally {
    p.cleanup();
  }
});

test('user profiles: a schema file with an x-tts-batch block is detected and used', async () => {
  const schema = {
    type: 'object',
    required: ['wav', 'words'],
    properties: { wav: { type: 'string' }, words: { type: 'string', minLength: 1 }, id: { type: 'string' } },
    additionalProperties: false,
    'x-tts-batch': { id: 'my-model', title: 'My model', fields: { promptAudio: 'wav', text: 'words', outputName: 'id' }, pathBase: 'project', blankLines: 'error' },
  };
  const mine = profileFromSchema(schema);
  assert.equal(mine.id, 'my-model');
  const text = '{"wav": "a.wav", "words": "你好。", "id": "x"}\n{"wav": "a.wav", "words": "", "id": "x"}\n';
  assert.equal(detectProfile(text, [...builtinProfiles(), mine]), 'my-model');
  const diags = await validate(text, { projectRoot: '/tmp', extraProfiles: [mine] });
  assert.deepEqual(codes(diags).sort(), ['duplicate-output', 'empty-text']);
});

test('profileFromSchema refuses unusable schemas with a plain message', () => {
  assert.throws(() => profileFromSchema(42), /not a JSON object/);
  assert.throws(() => profileFromSchema({ type: 'object' }), /no "x-tts-batch" block/);
  assert.throws(() => profileFromSchema({ 'x-tts-batch': { id: 'a b', fields: { text: 't' } } }), /simple name/);
  assert.throws(() => profileFromSchema({ 'x-tts-batch': { id: 'ok', fields: {} } }), /name the text field/);
  assert.throws(() => profileFromSchema({ 'x-tts-batch': { id: 'ok', fields: { text: 't', voice: 'v' } } }), /unknown field role "voice"/);
  assert.throws(() => profileFromSchema({ 'x-tts-batch': { id: 'ok', fields: { text: 't' }, pathBase: 'cwd' } }), /pathBase/);
  assert.throws(() => profileFromSchema({ type: 'object', required: 'text', 'x-tts-batch': { id: 'ok', fields: { text: 't' } } }), /not a valid JSON Schema/);
});
