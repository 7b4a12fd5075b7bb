// TaskDocument is incremental (per-line results kept, cross-line rules in small indexes): after any sequence
// of edits it must say exactly what validate() says about the same text, and an edit must cost what it
// changes, not the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { TaskDocument, validate, type ValidationContext } from '../../server/core';
import { NodeFileFacts } from '../../server/node/nodeFileFacts';
import { project, task } from './helpers';

const p = project();
p.wav('prompts/ok.wav', 5);
p.wav('prompts/short.wav', 0.5);
p.write('texts/a.txt', 'hello');
test.after(() => p.cleanup());

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

// Lines chosen so that random edits make duplicates appear and disappear, multi-line objects form and
// break, blank runs grow and split, default names (output_NNNN) clash with explicit ones, and paths go bad.
const pieces = [
  () => task({ output_name: 'a' }),
  () => task({ output_name: 'a' }),
  () => task({ output_name: 'a_2' }),
  () => task({ output_name: 'b.wav' }),
  () => task({ output_name: 'out//b.wav' }),
  () => task({ output_name: 'output_0003' }),
  () => task(),
  () => task({ prompt_audio: 'prompts/missing.wav', output_name: 'm' }),
  () => task({ prompt_audio: './prompts/ok.wav' }),
  () => task({ prompt_audio: 'prompts/short.wav' }),
  () => task({ input_text: '短' }),
  () => '',
  () => '',
  () => '   ',
  () => '{',
  () => '  "prompt_audio": "prompts/ok.wav", "prompt_text": "这是提示音频的文字稿。",',
  () => '  "input_text": "今天天气很好，我们去公园散步吧。"',
  () => '}',
  () => 'not json',
  () => `${task({ output_name: 'c' })},`,
];

async function same(doc: TaskDocument, ctx: ValidationContext, step: string): Promise<void> {
  const text = Array.from({ length: doc.lineCount }, (_, i) => doc.lineText(i)).join('\n');
  const want = await validate(text, ctx);
  assert.deepEqual(await doc.diagnostics(), want, `${step}\n${text}`);
  const noDisk = await validate(text, { ...ctx, files: undefined });
  assert.deepEqual(doc.diagnosticsSync(), noDisk.filter((d) => !d.code.startsWith('audio-') && d.code !== 'text-file-not-found' || ctx.files === undefined), step);
}

for (const profile of ['tts-batch', 'glm-tts'] as const) {
  test(`random edits (${profile}): insertions, deletions and in-line edits agree with validate()`, async () => {
    const ctx: ValidationContext = { projectRoot: p.dir, taskFilePath: path.join(p.dir, 'tasks.jsonl'), files: new NodeFileFacts(), locale: 'en', profile };
    const random = rng(profile === 'tts-batch' ? 7 : 11);
    const pick = () => pieces[Math.floor(random() * pieces.length)]();
    const initial = Array.from({ length: 40 }, pick);
    const doc = new TaskDocument(`${initial.join('\n')}\n`, ctx);
    await same(doc, ctx, 'initial');
    for (let step = 0; step < 250; step++) {
      const n = doc.lineCount;
      const start = Math.floor(random() * (n + 1));
      const kind = random();
      let end = start;
      let lines: string[];
      if (kind < 0.35) {
        end = Math.min(n, start + 1);
        lines = [pick()];
      } else if (kind < 0.6) {
        lines = Array.from({ length: 1 + Math.floor(random() * 4) }, pick);
      } else if (kind < 0.85) {
        end = Math.min(n, start + 1 + Math.floor(random() * 4));
        lines = [];
      } else {
        // typing a character into a line (may break or repair it)
        end = Math.min(n, start + 1);
        const t = doc.lineText(start);
        const at = Math.floor(random() * (t.length + 1));
        lines = [t.slice(0, at) + (random() < 0.5 ? ',' : '') + t.slice(at + 1)];
      }
      doc.replaceLines(start, end, lines);
      // Not every edit is checked: indexes must stay right across several edits too.
      if (step % 3 === 0 || step > 230) await same(doc, ctx, `step ${step}: replace [${start}, ${end}) with ${JSON.stringify(lines)}`);
    }
  });
}

test('duplicate-output suggests a name not used anywhere in the file, in both paths', async () => {
  const text = [task({ output_name: 'first' }), task({ output_name: 'first' }), task({ output_name: 'first_2' })].join('\n');
  const ctx = { projectRoot: p.dir, locale: 'en' as const };
  const one = (await validate(text, ctx)).filter((d) => d.code === 'duplicate-output');
  const doc = new TaskDocument(text, ctx);
  const two = doc.diagnosticsSync().filter((d) => d.code === 'duplicate-output');
  assert.equal((one[0].data as { suggestion: string }).suggestion, 'first_3');
  assert.deepEqual(two, one);
});

test('duplicates appear and disappear with the edits that cause them, related info points at the first use', () => {
  const ctx = { projectRoot: p.dir, locale: 'en' as const };
  const doc = new TaskDocument([task({ output_name: 'x' }), task({ output_name: 'y' }), task({ output_name: 'z' })].join('\n'), ctx);
  assert.deepEqual(doc.diagnosticsSync(), []);
  doc.replaceLines(2, 3, [task({ output_name: 'x' })]);
  let d = doc.diagnosticsSync();
  assert.deepEqual(d.map((x) => [x.code, x.range.start.line, x.related?.[0].range.start.line]), [['duplicate-output', 2, 0]]);
  doc.replaceLines(0, 0, ['', '']);
  d = doc.diagnosticsSync();
  assert.deepEqual(d.map((x) => [x.code, x.range.start.line, x.related?.[0].range.start.line]), [['duplicate-output', 4, 2]]);
  doc.replaceLines(2, 3, []);
  assert.deepEqual(doc.diagnosticsSync(), []);
});

test('a keystroke, an inserted line and a deleted line cost what they change on a 100k-line document', () => {
  const lines = Array.from({ length: 100_000 }, (_, i) => task({ output_name: `o${i}` }));
  const doc = new TaskDocument(lines.join('\n'), { projectRoot: p.dir });
  doc.diagnosticsSync();
  const time = (fn: () => void): number => {
    const t0 = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const typing: number[] = [];
  const inserting: number[] = [];
  for (let i = 0; i < 20; i++) {
    const line = 1000 + i * 4000;
    typing.push(time(() => {
      doc.replaceLines(line, line + 1, [`${task({ output_name: `o${line}` })},`]);
      doc.diagnosticsSync();
    }));
    inserting.push(time(() => {
      doc.replaceLines(line, line, [task({ output_name: `new${i}` })]);
      doc.diagnosticsSync();
      doc.replaceLines(line, line + 1, []);
      doc.diagnosticsSync();
    }));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  // A full check of 100k lines takes seconds; a pass over every line's cached result ~100 ms. These bounds
  // leave room for a loaded machine and still fail if either of those happens per edit.
  assert.ok(median(typing) < 25, `typing: ${median(typing).toFixed(1)} ms per edit`);
  assert.ok(median(inserting) < 50, `insert + delete: ${median(inserting).toFixed(1)} ms`);
  assert.equal(doc.diagnosticsSync().filter((d) => d.code === 'trailing-comma').length, 20);
});

test('splitting into lines stays linear however often it runs and whichever line breaks the text has', async () => {
  // V8 optimised the old single loop into code that did whole-text work per line; optimising at a fixed
  // point (not on a background thread) makes that happen every time instead of now and then.
  setFlagsFromString('--no-concurrent-recompilation');
  const { forEachLine } = await import('../../server/core/lines');
  const base = Array.from({ length: 20_000 }, (_, i) => task({ output_name: `o${i}` }));
  const texts = { lf: base.join('\n'), lone_cr_at_end: `${base.join('\n')}\r`, cr: base.join('\r'), crlf: base.join('\r\n') };
  for (const [name, text] of Object.entries(texts)) {
    const t0 = Date.now();
    for (let r = 0; r < 25; r++) {
      let chars = 0;
      assert.equal(forEachLine(text, (_l, s) => { chars += s.length; }), 20_000);
      assert.equal(chars, base.join('').length);
    }
    // Linear: about 100 ms on a loaded machine. The quadratic loop took over a second per round here.
    const seconds = (Date.now() - t0) / 1000;
    assert.ok(seconds < 8, `${name}: 25 splits took ${seconds.toFixed(1)} s`);
  }
  setFlagsFromString('--concurrent-recompilation');
});

test('validate() after a TaskDocument check in the same process stays fast (40k lines)', async () => {
  // Was minutes on 100k lines: the line splitter both use turned quadratic once V8 had optimised it, so
  // each later validate() took longer than the first instead of about the same.
  setFlagsFromString('--no-concurrent-recompilation');
  const ctx = () => ({ projectRoot: p.dir, files: new NodeFileFacts(), locale: 'en' as const });
  const lines = Array.from({ length: 40_000 }, (_, i) => task({ output_name: i % 1009 === 7 ? 'output_000001' : `output_${String(i + 1).padStart(6, '0')}`, prompt_audio: i % 997 === 5 ? `prompts/missing_${i}.wav` : 'prompts/ok.wav' }));
  const text = `${lines.join('\n')}\n`;
  const t0 = Date.now();
  const doc = new TaskDocument(text, ctx());
  const fromDoc = await doc.diagnostics();
  doc.replaceLines(10, 11, [`${lines[10]},`]);
  await doc.diagnostics();
  const results = [];
  const times: number[] = [];
  for (let r = 0; r < 10; r++) {
    const t = Date.now();
    results.push(await validate(text, ctx()));
    times.push(Date.now() - t);
  }
  const seconds = (Date.now() - t0) / 1000;
  setFlagsFromString('--concurrent-recompilation');
  assert.ok(seconds < 30, `took ${seconds.toFixed(1)} s`);
  // Repeating the same work must not get slower (slack for a loaded machine and for GC).
  const first = Math.min(...times.slice(0, 3));
  assert.ok(Math.max(...times.slice(3)) < 4 * first + 1500, `validate() times: ${times.join(', ')} ms`);
  for (const r of results) assert.deepEqual(r, fromDoc);
});
