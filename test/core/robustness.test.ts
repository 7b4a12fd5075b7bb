// The validator never throws and never hangs: binary files, invalid UTF-8, 0 bytes, a 10 MB line, a million
// blank lines, and a fuzz run of random and mutated lines. Every case is bounded in time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validate, validateBytes, TaskDocument, createLineValidator, decodeUtf8, type TaskDiagnostic } from '../../server/core';
import { task } from './helpers';

const ctx = { projectRoot: '/tmp', locale: 'en' as const };

function wellFormed(diags: TaskDiagnostic[], lineCount: number): void {
  assert.ok(Array.isArray(diags));
  for (const d of diags) {
    assert.equal(typeof d.code, 'string');
    assert.ok(['error', 'warning', 'information', 'hint'].includes(d.severity));
    assert.equal(typeof d.message, 'string');
    assert.ok(d.message.length > 0);
    assert.notEqual(d.code, 'internal-error', d.message);
    const { start, end } = d.range;
    assert.ok(start.line >= 0 && start.character >= 0 && end.line >= start.line, JSON.stringify(d.range));
    assert.ok(start.line <= Math.max(0, lineCount), `${d.code} at line ${start.line} of ${lineCount}`);
    if (end.line === start.line) assert.ok(end.character >= start.character);
    assert.doesNotThrow(() => JSON.stringify(d.data));
  }
}

async function timed<T>(what: string, limitMs: number, fn: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  const r = await fn();
  const ms = Date.now() - t0;
  assert.ok(ms < limitMs, `${what} took ${ms} ms (limit ${limitMs})`);
  return r;
}

test('a 0-byte file, and bytes of a binary file', async () => {
  assert.deepEqual((await validateBytes(new Uint8Array(0), ctx)).map((d) => d.code), ['empty-file']);
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe, 0]);
  const d = await validateBytes(png, ctx);
  assert.deepEqual(d.map((x) => x.code), ['binary-file']);
});

test('invalid UTF-8 is reported with line and column, the rest is still checked', async () => {
  // "你好" in GBK is C4 E3 BA C3: invalid as UTF-8.
  const line2 = Buffer.concat([Buffer.from('{"prompt_audio": "a.wav", "input_text": "'), Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), Buffer.from('。"}')]);
  const bytes = Buffer.concat([Buffer.from(`${task()}\n`), line2, Buffer.from('\n')]);
  const diags = await validateBytes(bytes, ctx);
  const bad = diags.filter((d) => d.code === 'invalid-utf8');
  assert.ok(bad.length >= 1);
  assert.equal(bad[0].range.start.line, 1);
  assert.equal(bad[0].range.start.character, '{"prompt_audio": "a.wav", "input_text": "'.length);
  assert.match(bad[0].message, /0xC4/);
  const decoded = decodeUtf8(bytes);
  assert.equal(decoded.text.split('\n')[1][bad[0].range.start.character], '\uFFFD');
  // Valid UTF-8 with a BOM keeps the BOM visible to the rules.
  assert.deepEqual((await validateBytes(Buffer.from(`\uFEFF${task()}\n`), ctx)).map((d) => d.code), ['utf8-bom']);
});

test('a single 10 MB line', async () => {
  const big = task({ input_text: `${'长'.repeat(10 * 1024 * 1024 / 3)}。` });
  const diags = await timed('10 MB valid line', 8000, () => validate(big, ctx));
  assert.deepEqual(diags.map((d) => d.code), ['text-over-limit']);
  wellFormed(diags, 1);
  const broken = `{"input_text": "${'x'.repeat(10 * 1024 * 1024)}`;
  const d2 = await timed('10 MB broken line', 8000, () => validate(broken, ctx));
  assert.ok(d2.some((d) => d.code === 'invalid-json'));
  const nested = '['.repeat(1_000_000);
  const d3 = await timed('a million open brackets', 8000, () => validate(nested, ctx));
  wellFormed(d3, 1);
});

test('a million blank lines, and 100,000 lines that each open an object', async () => {
  const blank = '\n'.repeat(1_000_000);
  const d = await timed('1M blank lines', 8000, () => validate(blank, { ...ctx, profile: 'glm-tts' }));
  assert.deepEqual(d.map((x) => x.code), ['blank-line', 'empty-file']);
  const opens = '{\n'.repeat(100_000);
  const d2 = await timed('100k lines of {', 15000, () => validate(opens, { ...ctx, maxProblems: 100 }));
  wellFormed(d2, 100_000);
  assert.equal(d2.length, 101);
});

// Deterministic fuzzing: random bytes, random JSON-ish lines, and mutations of valid task lines.
let seed = 7;
function rnd(n: number): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
}
const ALPHABET = ['{', '}', '[', ']', '"', ':', ',', '\\', ' ', '\t', '\r', '\n', 'a', '0', '-', '.', 'e', '你', '\u2028', '\u200b', '\uFEFF', '\u0000', '\ud800', 'true', 'null', '"input_text"', '"prompt_audio"', '"uttid"'];
function randomLine(): string {
  let s = '';
  const n = rnd(60);
  for (let i = 0; i < n; i++) s += ALPHABET[rnd(ALPHABET.length)];
  return s;
}
function mutate(line: string): string {
  const chars = [...line];
  const edits = 1 + rnd(4);
  for (let i = 0; i < edits; i++) {
    const at = rnd(chars.length + 1);
    switch (rnd(4)) {
      case 0:
        chars.splice(at, 1);
        break;
      case 1:
        chars.splice(at, 0, ALPHABET[rnd(ALPHABET.length)]);
        break;
      case 2:
        chars.splice(at, rnd(10));
        break;
      default:
        chars.splice(at, 0, ...chars.slice(rnd(chars.length), rnd(chars.length)));
    }
  }
  return chars.join('');
}

test('fuzz: random and mutated lines never throw, never hang, always give well-formed diagnostics', async () => {
  const valid = [
    task(),
    task({ output_name: 'x' }),
    JSON.stringify({ uttid: '0', prompt_text: '稿子。', prompt_speech: 'a.wav', syn_text: '句子。' }),
    JSON.stringify({ text: '你好。', output: 'o.wav', emotion_vector: [0.1, 0, 0, 0, 0, 0, 0, 0] }),
  ];
  const deadline = Date.now() + 20_000;
  let files = 0;
  while (Date.now() < deadline && files < 300) {
    const lines: string[] = [];
    const n = 1 + rnd(30);
    for (let i = 0; i < n; i++) {
      const k = rnd(10);
      lines.push(k < 3 ? randomLine() : k < 9 ? mutate(valid[rnd(valid.length)]) : valid[rnd(valid.length)]);
    }
    const text = lines.join(rnd(2) ? '\n' : '\r\n');
    const diags = await timed('fuzz file', 2000, () => validate(text, ctx));
    wellFormed(diags, text.split(/\r\n|\r|\n/).length);
    // The incremental and streaming paths survive the same input.
    const doc = new TaskDocument(text, ctx);
    wellFormed(doc.diagnosticsSync(), doc.lineCount);
    doc.replaceLines(rnd(doc.lineCount), doc.lineCount, [mutate(valid[0]), randomLine()]);
    wellFormed(doc.diagnosticsSync(), doc.lineCount);
    const v = createLineValidator(ctx);
    for (const l of lines) v.push(l);
    wellFormed(await v.finish(), lines.length);
    // And the byte path, with random bytes mixed in.
    const bytes = Buffer.from(text);
    for (let i = 0; i < 3 && bytes.length; i++) bytes[rnd(bytes.length)] = rnd(256);
    wellFormed(await validateBytes(bytes, ctx), text.split('\n').length + 1);
    files++;
  }
  assert.ok(files >= 50, `only ${files} fuzz files in the time budget`);
});
