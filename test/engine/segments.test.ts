// Long text is split at sentence punctuation into segments of at most maxUnits units (CJK chars or words),
// with the validation core's measure (server/core/text.ts), trimmed for synthesis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences, textUnits } from '../../inference/engine/text/segments';

test('units: one per CJK character, one per word', () => {
  assert.equal(textUnits('你好，世界。'), 4);
  assert.equal(textUnits("Hello, world! It's 2024."), 4);
  assert.equal(textUnits('我爱 TTS batch'), 4);
  assert.equal(textUnits('…，。'), 0);
});

test('short text stays one segment', () => {
  assert.deepEqual(splitSentences('你好，世界。Hello there.', 80), ['你好，世界。Hello there.']);
});

test('sentences are packed up to the limit and never cut inside when they fit', () => {
  const text = '第一句话很短。第二句话也很短！第三句话呢？Fourth sentence here. Fifth one.';
  const segs = splitSentences(text, 8);
  assert.deepEqual(segs, ['第一句话很短。', '第二句话也很短！', '第三句话呢？Fourth sentence here.', 'Fifth one.']);
  for (const s of segs) assert.ok(textUnits(s) <= 8);
  assert.deepEqual(splitSentences(text, 100), [text]);
});

test('an over-long sentence is cut at commas, then between units', () => {
  const long = '一二三四五六七八九十，一二三四五六七八九十一二三四五六七八九十一二三四五。';
  const segs = splitSentences(long, 12);
  for (const s of segs) assert.ok(textUnits(s) <= 12, `${s} has ${textUnits(s)} units`);
  assert.equal(segs.join(''), long);
  assert.equal(segs[0], '一二三四五六七八九十，');
  const words = Array.from({ length: 50 }, (_, i) => `w${i}`).join(' ');
  const wsegs = splitSentences(words, 20);
  assert.deepEqual(wsegs.map((x) => textUnits(x)), [20, 20, 10]);
});

test('English decimals and abbreviations-like dots inside words do not end sentences', () => {
  assert.deepEqual(splitSentences('It costs 3.5 dollars. Fine.', 3), ['It costs', '3.5 dollars.', 'Fine.']);
});

test('empty or punctuation-only text', () => {
  assert.deepEqual(splitSentences('   ', 10), []);
  assert.deepEqual(splitSentences('……', 10), ['……']);
});
