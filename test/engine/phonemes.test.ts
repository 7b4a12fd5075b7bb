// Text → phonemes → Piper ids: the id layout Piper voices were trained with, and pinyin matched to whatever
// symbol set the voice's map uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PinyinPhonemizer, TextPhonemizer, phonemesToIds } from '../../inference/engine/voices/phonemes';

const map = (symbols: string[]) => Object.fromEntries(symbols.map((s, i) => [s, [i]]));

test('ids: BOS, PAD, then each phoneme followed by PAD, then EOS; unknown phonemes reported', () => {
  const m = map(['_', '^', '$', 'a', 'b']);
  assert.deepEqual(phonemesToIds(['a', 'b', '?', 'B'], m), { ids: [1, 0, 3, 0, 4, 0, 4, 0, 2], missing: ['?'] });
});

test('text phonemes are the characters, decomposed (NFD), spaces collapsed', async () => {
  assert.deepEqual(await new TextPhonemizer().phonemize('  é  a '), ['e', '\u0301', ' ', 'a']);
});

test('pinyin: whole syllables, else initial + final, else letters and tone digit', async () => {
  const whole = new PinyinPhonemizer(map(['_', 'ni3', 'hao3']));
  assert.deepEqual(await whole.phonemize('你好'), ['ni3', 'hao3']);
  const split = new PinyinPhonemizer(map(['_', ' ', 'n', 'i3', 'h', 'ao3']));
  assert.deepEqual(await split.phonemize('你好'), ['n', 'i3', ' ', 'h', 'ao3']);
  const letters = new PinyinPhonemizer(map(['_', ' ', 'n', 'i', 'h', 'a', 'o', '3']));
  assert.deepEqual(await letters.phonemize('你好'), ['n', 'i', '3', ' ', 'h', 'a', 'o', '3']);
});

test('pinyin voices read mixed Chinese and English', async () => {
  const p = new PinyinPhonemizer(map(['_', ' ', ...'abcdefghijklmnopqrstuvwxyz', '1', '2', '3', '4', '5', ',', '，']));
  assert.deepEqual((await p.phonemize('好，OK')).join(''), 'hao3，OK');
  assert.deepEqual((await p.phonemize('我ok')).join(''), 'wo3 ok');
});
