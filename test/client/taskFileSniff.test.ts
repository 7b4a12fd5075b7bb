// Which .jsonl files count as task files by default: the real GLM-TTS example batches and our own format do,
// other JSONL (GLM-TTS's own dictionaries, chat logs) does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { looksLikeTaskFile } from '../../client/taskFileSniff';

const corpus = '/work/shared/corpus/glm-tts';

test('the GLM-TTS example task files are task files', { skip: !fs.existsSync(corpus) && 'corpus not on this machine' }, () => {
  const files = fs.readdirSync(corpus).filter((f) => f.endsWith('.jsonl'));
  assert.ok(files.length > 0);
  for (const f of files) assert.equal(looksLikeTaskFile(fs.readFileSync(path.join(corpus, f), 'utf8')), true, f);
});

test('each known profile is recognised from its first object, after blank lines and a BOM', () => {
  assert.equal(looksLikeTaskFile('\uFEFF{"prompt_audio": "a.wav", "input_text": "你好"}\n'), true);
  assert.equal(looksLikeTaskFile('\n\n{"uttid": "0", "prompt_text": "x", "prompt_speech": "p.wav", "syn_text": "y"}'), true);
  assert.equal(looksLikeTaskFile('{"text": "第一句", "output": "out/001.wav"}'), true);
  assert.equal(looksLikeTaskFile('{"text_file": "t.txt", "output": "out/002.wav"}'), true);
  // Half-typed first line: still a task file, so the user sees why it is broken.
  assert.equal(looksLikeTaskFile('{"prompt_audio": "a.wav", "input_text": "unterminated'), true);
  assert.equal(looksLikeTaskFile('{"prompt_audio": "a.wav"},'), true);
});

test('other JSONL is not a task file', () => {
  assert.equal(looksLikeTaskFile('{"origin": "噢", "new": "哦"}\n{"origin": "嗯", "new": "恩"}'), false);
  assert.equal(looksLikeTaskFile('{"role": "user", "content": "hi"}'), false);
  assert.equal(looksLikeTaskFile('{"text": "a tweet without an output"}'), false);
  assert.equal(looksLikeTaskFile('[1, 2, 3]'), false);
  assert.equal(looksLikeTaskFile(''), false);
});
